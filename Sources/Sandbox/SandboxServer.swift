import APISchema
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A local Kaltura-compatible API server, run in-process on a background task.
public final class SandboxServer: Sendable {
  /// `http://HOST:PORT/api_v3`.
  public let baseURL: String
  public let partnerID: Int
  public let adminSecret: String
  public let port: Int
  let core: SandboxCore
  private let task: Task<Void, any Error>

  private init(
    baseURL: String, partnerID: Int, adminSecret: String, port: Int, core: SandboxCore,
    task: Task<Void, any Error>
  ) {
    self.baseURL = baseURL
    self.partnerID = partnerID
    self.adminSecret = adminSecret
    self.port = port
    self.core = core
    self.task = task
  }

  /// `$XDG_DATA_HOME/recipe-console/sandbox`, else `~/.local/share/recipe-console/sandbox`.
  public static func defaultDataDirectory() -> String {
    let environment = ProcessInfo.processInfo.environment
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/recipe-console/sandbox" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/share/recipe-console/sandbox"
  }

  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func start(_ configuration: SandboxConfiguration) async throws -> SandboxServer {
    let dataDirectory = configuration.dataDirectory
    try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    let store = try SandboxStore(path: dataDirectory + "/sandbox.sqlite")
    let files = try FileStorage(root: dataDirectory + "/uploads")
    let partner = try ensurePartner(store, id: configuration.partnerID, adminSecret: configuration.adminSecret)

    let origin = OriginBox()
    let core = SandboxCore(store: store, files: files, origin: origin, configuration: configuration)
    let responder = SandboxResponder(
      core: core, dice: configuration.faultInjection.map(FaultDice.init), openAPI: SandboxOpenAPI(),
      maxFormBody: configuration.maxFormBodyBytes)
    var logger = Logger(label: "recipe-console.sandbox")
    // Hummingbird reports a normal stop (cancelled connections) as errors; only crashes matter here.
    logger.logLevel = .critical
    let (ports, portSink) = AsyncStream<Int>.makeStream()
    let app = Application(
      responder: responder,
      server: .http1(
        configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1_000_000_000)))),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: "recipe-console-sandbox"),
      onServerRunning: { channel in
        portSink.yield(channel.localAddress?.port ?? configuration.port)
        portSink.finish()
      },
      logger: logger)
    let task = Task {
      defer { portSink.finish() }
      try await app.run()
    }
    var bound: Int?
    for await port in ports {
      bound = port
      break
    }
    guard let port = bound else {
      let reason: String
      do {
        try await task.value
        reason = "the server stopped before it was listening"
      } catch {
        reason = "\(error)"
      }
      throw StartError(description: "cannot listen on \(configuration.host):\(configuration.port): \(reason)")
    }
    let hostForURL = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    origin.value = "http://\(hostForURL):\(port)"
    return SandboxServer(
      baseURL: origin.value + "/api_v3", partnerID: partner.id, adminSecret: partner.adminSecret, port: port,
      core: core, task: task)
  }

  /// The document `/api_v3/openapi.json` serves, already parsed: the embedded sandbox's caller
  /// takes it without serializing 2 MB of JSON only to parse it again.
  public func openAPIDocument() throws(APISchemaError) -> APIDocument {
    try APIDocument(
      json: SandboxOpenAPI.json(host: SandboxResponder.hostPort(core.builder.origin), kind: core.kinds()))
  }

  /// Stops listening and waits for the server task to end.
  public func stop() async {
    task.cancel()
    _ = try? await task.value
  }

  /// Adds (or returns) another partner, e.g. to test isolation; returns its admin secret.
  @discardableResult
  public func addPartner(id: Int, adminSecret: String? = nil) throws -> String {
    try Self.ensurePartner(core.store, id: id, adminSecret: adminSecret).adminSecret
  }

  /// The secret a USER session may also be started with.
  public func userSecret(partnerID: Int) throws -> String? { try core.store.partner(id: partnerID)?.userSecret }

  static func ensurePartner(_ store: SandboxStore, id: Int, adminSecret: String?) throws -> PartnerRecord {
    let now = unixNow()
    var partner =
      try store.partner(id: id)
      ?? PartnerRecord(
        id: id, name: "Sandbox partner \(id)", adminSecret: adminSecret ?? randomHex(16),
        userSecret: randomHex(16), createdAt: now)
    if let adminSecret, !adminSecret.isEmpty { partner.adminSecret = adminSecret }
    try store.savePartner(partner)
    for player in SeedPlayers.records(partnerId: id, now: now) { try store.insertUiConf(player) }
    return partner
  }
}
