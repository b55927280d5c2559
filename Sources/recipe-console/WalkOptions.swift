import APISchema
import ArgumentParser
import Foundation
import Recipes
import Sandbox
import Walkthrough

/// The options beside `RECIPE|SESSION` for the commands that write code from a walk without running it (`code`,
/// `export`): a recipe gives its defaults, a session (`*.json`) its answers and replies. Nothing
/// is sent, so the forms come from the bundled Kaltura spec unless `--spec` names another.
struct WalkOptions: ParsableArguments {
  static let sourceHelp = ArgumentHelp(
    "A recipe (Markdown) or a saved session (*.session.json).", valueName: "recipe-or-session")

  @Option(name: .customLong("recipe"), help: "With a session: the recipe, when it is no longer at its recorded path.")
  var recipe: String?

  @Option(name: .customLong("spec"), help: "OpenAPI 2.0 spec file for the forms (default: the bundled Kaltura spec).")
  var spec: String?

  /// The walk, with credentials from the environment (KALTURA_SERVICE_URL, KALTURA_PARTNER_ID,
  /// KALTURA_ADMIN_SECRET, KALTURA_KS), else the session's, else kaltura.com's URL.
  func engine(source: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> WalkthroughEngine
  {
    func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    let document = try loadSpec()
    var engine: WalkthroughEngine
    var credentials = ServiceCredentials(serviceURL: "https://www.kaltura.com")
    if source.hasSuffix(".json") {
      let replay: SessionReplay
      do { replay = try SessionReplay.open(path: source, recipePath: recipe) } catch {
        throw ValidationError("\(error)")
      }
      for warning in replay.warnings { printError("warning: \(warning)") }
      let loaded = replay.loaded
      if !loaded.serviceURL.isEmpty { credentials.serviceURL = loaded.serviceURL }
      credentials.partnerID = loaded.partnerID
      credentials.ks = loaded.ks
      credentials.adminSecret = loaded.adminSecret
      engine = replay.viewingEngine(document: document, credentials: credentials)
    } else {
      engine = WalkthroughEngine(recipe: try parseRecipe(source), document: document, credentials: credentials)
    }
    if let url = env("KALTURA_SERVICE_URL") { engine.credentials.serviceURL = url }
    if let text = env("KALTURA_PARTNER_ID") {
      guard let partner = Int(text) else {
        throw ValidationError("KALTURA_PARTNER_ID must be an integer, got \"\(text)\"")
      }
      engine.credentials.partnerID = partner
    }
    if let secret = env("KALTURA_ADMIN_SECRET") { engine.credentials.adminSecret = secret }
    if let ks = env("KALTURA_KS") { engine.credentials.ks = ks }
    if let user = env("KALTURA_USER_ID") { engine.credentials.userID = user }
    engine.homeDirectory = environment["HOME"]
    return engine
  }

  private func parseRecipe(_ source: String) throws -> Recipe {
    guard let data = FileManager.default.contents(atPath: source) else {
      throw ValidationError("\(source): cannot read the recipe file")
    }
    let parsed = Recipe.parse(bytes: [UInt8](data), file: source)
    if parsed.hasErrors { throw ValidationError(parsed.errors.map(\.description).joined(separator: "\n")) }
    guard !parsed.steps.isEmpty else { throw ValidationError("\(source): the recipe has no steps") }
    return parsed
  }

  private func loadSpec() throws -> APIDocument {
    guard let spec else { return BundledSpec.document }
    guard let data = FileManager.default.contents(atPath: spec) else {
      throw ValidationError("--spec \(spec): cannot read the file")
    }
    do { return try APIDocument(bytes: [UInt8](data)) } catch { throw ValidationError("--spec \(spec): \(error)") }
  }
}
