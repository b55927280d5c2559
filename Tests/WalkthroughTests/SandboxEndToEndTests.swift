import APISchema
import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Recipes
import Sandbox
import Testing
import Walkthrough

/// recipes/upload.md against an in-process sandbox, through the real HTTP transport.
@Suite struct SandboxEndToEndTests {
  /// In one request (the file fits a chunk) and in 1 MiB chunks through the uploader.
  @Test(arguments: [(Int64(8 << 20), 100_000), (Int64(1 << 20), (3 << 20) + 5)])
  func uploadRecipeRunsAgainstTheSandbox(chunkSize: Int64, fileSize: Int) async throws {
    let upload = try #require(Shared.uploadRecipe)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walkthrough-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try await SandboxServer.start(
      SandboxConfiguration(dataDirectory: directory.appendingPathComponent("data").path, conversionDelay: 0))
    let transport = KalturaHTTPTransport()
    do {
      let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
      let credentials = ServiceCredentials(
        serviceURL: server.baseURL, partnerID: server.partnerID, ks: ks, adminSecret: server.adminSecret)
      let specReply = try await transport.send(
        HTTPRequestSpec(method: "GET", url: credentials.apiBaseURL + "/openapi.json"))
      let spec = try? APISchemaLoader.load(specReply)
      var engine = WalkthroughEngine(recipe: upload, document: spec, credentials: credentials)
      let movie = directory.appendingPathComponent("movie.mp4")
      try Data((0..<fileSize).map { UInt8($0 % 251) }).write(to: movie)
      engine.setValue(.string(movie.path), step: 1, path: "fileData")
      engine.setValue("Demo", step: 2, path: "body.entry.name")
      engine.setValue(1, step: 2, path: "body.entry.mediaType")
      let runner = StepRunner(
        transport: transport, uploader: ParallelChunkedUploader(transport: transport), chunkSize: chunkSize)
      for step in 0..<5 {
        let exchange = await runner.run(step: step, engine: &engine)
        #expect(exchange.ok, "step \(step + 1): \(exchange.error ?? "") \(exchange.reply?.compactText ?? "")")
        if !exchange.ok { break }
      }
      let sent = try #require(engine.session[1].lastExchange)
      #expect(sent.reply?["uploadedFileSize"] == .int(fileSize))
      if chunkSize < fileSize {
        // The exchange shows the final chunk the uploader sent, not the form's one-request values.
        let fields = try #require(sent.requestBody?["fields"])
        #expect(fields["resume"] == "true", "\(fields.compactText)")
        #expect(fields["finalChunk"] == "true", "\(fields.compactText)")
        #expect(fields["resumeAt"] == .string(String(fileSize)), "\(fields.compactText)")
        #expect(fields["ks"]?.stringValue?.contains("…") == true, "the KS is masked")
        #expect(sent.requestBody?["files"]?[0]?["path"]?.stringValue == movie.path)
      } else {
        #expect(sent.url.contains("resume=false") && sent.url.contains("resumeAt=-1"), "\(sent.url)")
      }
      let entry = engine.session[4].lastSuccessfulReply
      #expect(entry?["id"] == engine.session[2].lastSuccessfulReply?["id"])
      #expect(entry?["name"] == "Demo")

      let sessionPath = directory.appendingPathComponent("s.json").path
      try SessionFile.save(
        engine, recipe: RecipeIdentity(path: "recipes/upload.md", title: upload.title, text: ""), to: sessionPath)
      let text =
        try String(contentsOfFile: sessionPath, encoding: .utf8)
        + String(contentsOfFile: sessionPath + ".log", encoding: .utf8)
      #expect(!text.contains(ks))
      #expect(!text.contains(server.adminSecret))
      let loaded = try SessionFile.load(path: sessionPath)
      #expect(loaded.session.steps.reduce(0) { $0 + $1.exchanges.count } == 5)
    } catch {
      Issue.record(error)
    }
    try? await transport.shutdown()
    await server.stop()
  }
}

/// The spec a service serves, when it serves one.
enum APISchemaLoader {
  static func load(_ reply: HTTPReply) throws -> APIDocument? {
    guard (200..<300).contains(reply.status) else { return nil }
    return try APIDocument(bytes: reply.body)
  }
}
