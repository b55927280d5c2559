import APISchema
import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Recipes
import Sandbox
import Walkthrough

/// An in-process sandbox with the credentials and spec a walk needs. Call `stop()`.
struct ReplaySandbox {
  let server: SandboxServer
  let credentials: ServiceCredentials
  let document: APIDocument?
  let transport: KalturaHTTPTransport

  static func start(partnerID: Int, dataDirectory: URL) async throws -> ReplaySandbox {
    let server = try await SandboxServer.start(
      SandboxConfiguration(
        host: "127.0.0.1", port: 0, dataDirectory: dataDirectory.path, partnerID: partnerID,
        adminSecret: "replay-secret-\(partnerID)-0123456789", conversionDelay: 0))
    let transport = KalturaHTTPTransport()
    let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
    let credentials = ServiceCredentials(
      serviceURL: server.baseURL, partnerID: server.partnerID, ks: ks, adminSecret: server.adminSecret)
    let reply = try? await transport.send(HTTPRequestSpec(method: "GET", url: credentials.apiBaseURL + "/openapi.json"))
    let document = reply.flatMap { try? APISchemaLoader.load($0) }
    return ReplaySandbox(server: server, credentials: credentials, document: document, transport: transport)
  }

  var runner: StepRunner { StepRunner(transport: transport, uploader: ParallelChunkedUploader(transport: transport)) }

  func stop() async {
    try? await transport.shutdown()
    await server.stop()
  }
}

/// A temporary folder holding a recorded upload session, a movie and the sandboxes' data.
struct ReplayWorkspace {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  static var uploadRecipePath: String { Shared.repository.appendingPathComponent("recipes/upload.md").path }

  /// Walks recipes/upload.md against `sandbox` (file, name "Demo", mediaType 1) and saves the
  /// session as `session.json`; returns the engine after the walk.
  @discardableResult
  /// `entryName` nil leaves the name to the server's default (`{partnerId}_{createdAt}`).
  func recordUpload(against sandbox: ReplaySandbox, entryName: String? = "Demo") async throws -> WalkthroughEngine {
    let text = try String(contentsOfFile: Self.uploadRecipePath, encoding: .utf8)
    let recipe = Recipe.parse(text: text, file: Self.uploadRecipePath)
    var engine = WalkthroughEngine(recipe: recipe, document: sandbox.document, credentials: sandbox.credentials)
    let movie = path("movie.mp4")
    try Data((0..<100_000).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: movie))
    engine.setValue(.string(movie), step: 1, path: "fileData")
    if let entryName { engine.setValue(.string(entryName), step: 2, path: "body.entry.name") }
    engine.setValue(1, step: 2, path: "body.entry.mediaType")
    for step in 0..<recipe.steps.count {
      let exchange = await sandbox.runner.run(step: step, engine: &engine)
      guard exchange.ok else { throw ReplayTestError("recording step \(step + 1) failed: \(exchange.error ?? "")") }
    }
    try SessionFile.save(
      engine, recipe: RecipeIdentity(path: Self.uploadRecipePath, title: recipe.title, text: text),
      to: path("session.json"))
    return engine
  }

  /// Rewrites one value of the saved session (`steps.2.exchanges.0.reply.mediaType`).
  func editSession(_ path: String, to value: JSONValue, file: String = "session.json") throws {
    let url = URL(fileURLWithPath: self.path(file))
    var json = try SessionFile.document(path: url.path)
    json.setValue(value, atPath: path)
    try Data(json.prettyText().utf8).write(to: url)
  }
}

struct ReplayTestError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
