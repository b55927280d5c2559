import APISchema
import ArgumentParser
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
    name: .customLong("spec"),
    help: "OpenAPI 2.0 spec file or URL (default: the service's /api_v3/openapi.json when it has one).")
  var spec: String?

  @Option(
    name: .customLong("sandbox-delay"),
    help:
      "Seconds the embedded sandbox takes to \"convert\" an entry to READY (env RECIPE_CONSOLE_SANDBOX_DELAY; default 3)."
  )
  var sandboxDelay: Double?

  /// Applies the environment under the command line and fills in the rest: no service URL
  /// starts the embedded sandbox (its partner and secret are used); a secret without a KS
  /// generates a v2 admin KS locally, as Kaltura's client libraries do.
  func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ResolvedService {
    func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    var partner = partnerID
    if partner == nil, let text = env("KALTURA_PARTNER_ID") {
      guard let value = Int(text) else {
        throw ValidationError("KALTURA_PARTNER_ID must be an integer, got \"\(text)\"")
      }
      partner = value
    }
    var credentials = ServiceCredentials(
      serviceURL: serviceURL ?? env("KALTURA_SERVICE_URL") ?? "", partnerID: partner,
      ks: ks ?? env("KALTURA_KS"), adminSecret: adminSecret ?? env("KALTURA_ADMIN_SECRET"),
      userID: userID ?? env("KALTURA_USER_ID"))
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
      // A test switch: every upload request waits, so progress and cancelling can be watched.
      var faults: FaultInjection?
      if let text = env("RECIPE_CONSOLE_SANDBOX_UPLOAD_DELAY") {
        guard let value = Double(text), value >= 0 else {
          throw ValidationError(
            "RECIPE_CONSOLE_SANDBOX_UPLOAD_DELAY must be a number of seconds >= 0, got \"\(text)\"")
        }
        faults = FaultInjection(uploadRequestDelay: value)
      }
      let server = try await SandboxServer.start(
        SandboxConfiguration(
          host: "127.0.0.1", port: 0, dataDirectory: SandboxServer.defaultDataDirectory() + "/embedded",
          partnerID: credentials.partnerID ?? 100, conversionDelay: delay, faultInjection: faults))
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
    return ResolvedService(credentials: credentials, sandbox: sandbox, specLocation: spec)
  }
}

/// The outcome of `ServiceOptions.resolve`: credentials, and the embedded sandbox when one was
/// started (stop it when done).
struct ResolvedService: Sendable {
  var credentials: ServiceCredentials
  var sandbox: SandboxServer?
  var specLocation: String?

  var isEmbeddedSandbox: Bool { sandbox != nil }

  func stop() async {
    await sandbox?.stop()
  }

  /// The OpenAPI document: `--spec` (file or http(s) URL) when given, else the service's own
  /// `/api_v3/openapi.json` if it serves one. nil with a note when none could be had.
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
