import APISchema
import ArgumentParser
import ConsoleConfiguration
import Foundation
import KalturaClient
import KalturaWire
import Sandbox
import Walkthrough

/// Where to send requests and as whom; shared by `run`, `open` and `replay`. Every option also
/// reads an environment variable; the command line wins.
struct ServiceOptions: ParsableArguments {
  @Option(
    name: .customLong("service-url"),
    help: "Kaltura service URL, e.g. https://www.kaltura.com (env KALTURA_SERVICE_URL; default: the embedded sandbox).")
  var serviceURL: String?

  @Option(name: .customLong("partner-id"), help: "Partner id (env KALTURA_PARTNER_ID).")
  var partnerID: Int?

  @Option(
    name: .customLong("admin-secret"),
    help: "Admin secret, used to generate a KS locally (env KALTURA_ADMIN_SECRET). Never printed.")
  var adminSecret: String?

  @Option(name: .customLong("user-id"), help: "User id put in a generated KS (env KALTURA_USER_ID).")
  var userID: String?

  @Option(name: .customLong("ks"), help: "A ready session; wins over --admin-secret (env KALTURA_KS).")
  var ks: String?

  @Option(
    name: .customLong("profile"),
    help:
      "A profile of $XDG_CONFIG_HOME/recipe-console/config.toml (\"sandbox\" is built in); default: its default_profile."
  )
  var profile: String?

  @Option(
    name: .customLong("spec"),
    help: "OpenAPI 2.0 spec file or URL (default: the service's /api_v3/openapi.json when it has one).")
  var spec: String?

  @Option(
    name: .customLong("sandbox-delay"),
    help:
      "Seconds the embedded sandbox takes to \"convert\" an entry to READY (env RECIPE_CONSOLE_SANDBOX_DELAY; default 3)."
  )
  var sandboxDelay: Double?

  /// Layers the settings and fills in the rest. The command line wins; `--profile NAME` (or
  /// `switchingTo`, from the console) takes the rest from that profile alone; otherwise the
  /// environment, then the config's default profile, which applies only when neither names a
  /// service. No service URL starts the embedded sandbox (its partner and secret are used); a
  /// secret without a KS generates a v2 admin KS locally, as Kaltura's client libraries do.
  /// A profile's secret is fetched (environment variable, command) only when it is used.
  func resolve(
    environment: [String: String] = ProcessInfo.processInfo.environment, config: ConsoleConfig? = nil,
    switchingTo: String? = nil, secrets: any SecretCommandRunning = ShellCommandRunner()
  ) async throws -> ResolvedService {
    func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    let config = try config ?? ConfigFile.load(environment: environment)
    let layers = try layered(environment: environment, config: config, switchingTo: switchingTo)
    func secret(_ setting: Setting<SecretSource>?) async throws -> String? {
      guard let setting else { return nil }
      do { return try await setting.value.resolve(environment: environment, runner: secrets) } catch {
        throw ValidationError("\(setting.origin): \(error.description)")
      }
    }
    // A KS wins over a secret: the secret's command is not even run then.
    let ksValue = try await secret(layers.ks)
    var credentials = ServiceCredentials(
      serviceURL: layers.serviceURL?.value ?? "", partnerID: layers.partnerID?.value, ks: ksValue,
      adminSecret: ksValue == nil ? try await secret(layers.adminSecret) : nil, userID: layers.userID?.value)
    var sandbox: SandboxServer?
    if credentials.serviceURL.isEmpty {
      var delay = sandboxDelay ?? 3
      if sandboxDelay == nil, let text = env("RECIPE_CONSOLE_SANDBOX_DELAY") {
        guard let value = Double(text), value >= 0 else {
          throw ValidationError("RECIPE_CONSOLE_SANDBOX_DELAY must be a number of seconds >= 0, got \"\(text)\"")
        }
        delay = value
      }
      guard delay >= 0 else { throw ValidationError("--sandbox-delay must be >= 0") }
      let server = try await SandboxServer.start(
        SandboxConfiguration(
          host: "127.0.0.1", port: 0, dataDirectory: SandboxServer.defaultDataDirectory() + "/embedded",
          partnerID: credentials.partnerID ?? 100, conversionDelay: delay))
      sandbox = server
      credentials.serviceURL = server.baseURL
      credentials.partnerID = server.partnerID
      if credentials.ks == nil { credentials.adminSecret = server.adminSecret }
    }
    if credentials.ks == nil, let secret = credentials.adminSecret {
      guard let partnerID = credentials.partnerID else {
        throw ValidationError("--admin-secret needs --partner-id (or KALTURA_PARTNER_ID) to generate a KS")
      }
      credentials.ks = KalturaKS.generateV2(
        adminSecret: secret, partnerID: partnerID, userID: credentials.userID ?? "", type: .admin)
    }
    if credentials.partnerID == nil, let ks = credentials.ks, let envelope = try? KalturaKS.envelope(ks) {
      credentials.partnerID = envelope.partnerID
    }
    return ResolvedService(
      credentials: credentials, sandbox: sandbox, specLocation: spec,
      profile: layers.profile?.name ?? (sandbox == nil ? nil : Profile.sandboxName), config: config)
  }

  /// Where each setting comes from, before any secret is fetched; `resolve` and
  /// `recipe-console config` both read it.
  func layered(environment: [String: String], config: ConsoleConfig, switchingTo: String? = nil) throws
    -> LayeredService
  {
    func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    let chosen: (profile: Profile, explicit: Bool)?
    do { chosen = try config.chosenProfile(switchingTo ?? profile) } catch {
      throw ValidationError("--profile: \(error.message)")
    }
    let explicit = chosen?.explicit == true
    let active = chosen.flatMap {
      explicit || (serviceURL == nil && env("KALTURA_SERVICE_URL") == nil) ? $0.profile : nil
    }
    // A profile named on purpose stands alone: the environment's credentials are for another service.
    let fromEnvironment = explicit ? { (_: String) in nil } : env
    let fromProfile = "profile \(active?.name ?? "")"
    func pick<T>(_ flag: T?, _ option: String, _ variable: String, _ parse: (String) -> T?, _ profileValue: T?)
      throws -> Setting<T>?
    {
      if let flag { return Setting(value: flag, origin: "--\(option)") }
      if let text = fromEnvironment(variable) {
        guard let value = parse(text) else { throw ValidationError("\(variable) must be an integer, got \"\(text)\"") }
        return Setting(value: value, origin: "$\(variable)")
      }
      return profileValue.map { Setting(value: $0, origin: fromProfile) }
    }
    return LayeredService(
      profile: active,
      serviceURL: try pick(serviceURL, "service-url", "KALTURA_SERVICE_URL", { $0 }, active?.serviceURL),
      partnerID: try pick(partnerID, "partner-id", "KALTURA_PARTNER_ID", { Int($0) }, active?.partnerID),
      userID: try pick(userID, "user-id", "KALTURA_USER_ID", { $0 }, active?.userID),
      ks: try pick(ks.map(SecretSource.literal), "ks", "KALTURA_KS", { _ in .environment("KALTURA_KS") }, active?.ks),
      adminSecret: try pick(
        adminSecret.map(SecretSource.literal), "admin-secret", "KALTURA_ADMIN_SECRET",
        { _ in .environment("KALTURA_ADMIN_SECRET") }, active?.adminSecret))
  }
}

/// A value and where it came from ("--partner-id", "$KALTURA_KS", "profile prod").
struct Setting<Value> {
  var value: Value
  var origin: String
}

/// The service settings layered from the command line, the environment and a profile; secrets
/// are still their sources.
struct LayeredService {
  var profile: Profile?
  var serviceURL: Setting<String>?
  var partnerID: Setting<Int>?
  var userID: Setting<String>?
  var ks: Setting<SecretSource>?
  var adminSecret: Setting<SecretSource>?
}

/// The outcome of `ServiceOptions.resolve`: credentials, and the embedded sandbox when one was
/// started (stop it when done).
struct ResolvedService: Sendable {
  var credentials: ServiceCredentials
  var sandbox: SandboxServer?
  var specLocation: String?
  /// The profile in use ("sandbox" for the embedded one); nil when none applied.
  var profile: String?
  var config = ConsoleConfig()

  var isEmbeddedSandbox: Bool { sandbox != nil }

  /// Where `loadSpec` reads the spec from: two services with the same source share a spec
  /// (the embedded sandbox's document does not depend on the port it listens on).
  var specSource: String {
    specLocation ?? (isEmbeddedSandbox ? "embedded sandbox" : credentials.apiBaseURL + "/openapi.json")
  }

  func stop() async {
    await sandbox?.stop()
  }

  /// The OpenAPI document: `--spec` (file or http(s) URL) when given, else the service's own
  /// `/api_v3/openapi.json` if it serves one (the embedded sandbox's, from memory). nil with a
  /// note when none could be had.
  /// The spec for the forms. `note` says why there is none; `explicitFailed` is set when the
  /// user's own `--spec` could not be loaded (a usage error for the headless commands).
  func loadSpec(transport: any HTTPTransport) async -> SpecLoad {
    if let location = specLocation {
      if location.hasPrefix("http://") || location.hasPrefix("https://") {
        return await fetchSpec(location, transport: transport, required: true)
      }
      guard let data = FileManager.default.contents(atPath: location) else {
        return SpecLoad(note: "--spec \(location): cannot read the file", explicitFailed: true)
      }
      do { return SpecLoad(document: try APIDocument(bytes: [UInt8](data))) } catch {
        return SpecLoad(note: "--spec \(location): \(error)", explicitFailed: true)
      }
    }
    // The embedded sandbox's document is in this process already: no HTTP round trip.
    if let sandbox {
      do { return SpecLoad(document: try sandbox.openAPIDocument()) } catch {
        return SpecLoad(note: "the sandbox's spec: \(error); forms are inferred from the recipe")
      }
    }
    return await fetchSpec(credentials.apiBaseURL + "/openapi.json", transport: transport, required: false)
  }

  private func fetchSpec(_ url: String, transport: any HTTPTransport, required: Bool) async -> SpecLoad {
    let inferred = "; forms are inferred from the recipe"
    let reply: HTTPReply
    do {
      reply = try await transport.send(HTTPRequestSpec(method: "GET", url: url, timeout: 30))
    } catch {
      let why = Redaction.scrub(String(describing: error), secrets: credentials.secretStrings)
      return SpecLoad(note: "cannot reach \(url) (\(why))" + inferred, explicitFailed: required)
    }
    guard (200..<300).contains(reply.status) else {
      let what = required ? "--spec \(url): HTTP \(reply.status)" : "no spec (the service has no openapi.json)"
      return SpecLoad(note: what + inferred, explicitFailed: required)
    }
    do { return SpecLoad(document: try APIDocument(bytes: reply.body)) } catch {
      return SpecLoad(note: "\(url): \(error)" + inferred, explicitFailed: required)
    }
  }
}

/// The outcome of looking for the forms' OpenAPI spec.
struct SpecLoad {
  var document: APIDocument?
  var note: String?
  var explicitFailed = false

  /// For the headless commands: prints the note (or, for the user's own --spec, the error) on
  /// stderr; false when the command must stop with a usage error.
  func reportedOnStandardError() -> Bool {
    if explicitFailed {
      printError("error: \(note ?? "--spec cannot be loaded")")
      return false
    }
    if let note { printError("note: \(note)") }
    return true
  }
}
