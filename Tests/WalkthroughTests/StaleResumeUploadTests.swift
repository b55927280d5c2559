import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Sandbox
import Testing
import Walkthrough

/// Issue 10 item 5, against the sandbox: a small file with `resume` set to true, then a large
/// file picked into the same step: the uploader takes over (the stale `resume=true` would have
/// failed with UPLOAD_TOKEN_CANNOT_RESUME on every retry as one request).
@Suite struct StaleResumeUploadTests {
  @Test func aLargeFilePickedAfterResumeWasSetUploadsInChunks() async throws {
    let upload = try #require(Shared.uploadRecipe)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try await SandboxServer.start(
      SandboxConfiguration(dataDirectory: directory.appendingPathComponent("data").path, conversionDelay: 0))
    let transport = KalturaHTTPTransport()
    do {
      let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
      let credentials = ServiceCredentials(
        serviceURL: server.baseURL, partnerID: server.partnerID, ks: ks, adminSecret: server.adminSecret)
      var engine = WalkthroughEngine(recipe: upload, document: nil, credentials: credentials)
      let small = directory.appendingPathComponent("small.mp4")
      try Data([1, 2, 3]).write(to: small)
      let large = directory.appendingPathComponent("large.mp4")
      let size = (3 << 20) + 5
      try Data((0..<size).map { UInt8($0 % 251) }).write(to: large)
      let runner = StepRunner(
        transport: transport, uploader: ParallelChunkedUploader(transport: transport), chunkSize: 1 << 20)
      let token = await runner.run(step: 0, engine: &engine)
      try #require(token.ok, "\(token.error ?? "")")
      engine.setValue(.string(small.path), step: 1, path: "fileData")
      try engine.setInput("true", step: 1, path: "resume")
      engine.setValue(.string(large.path), step: 1, path: "fileData")

      let prepared = try engine.prepareRequest(step: 1)
      #expect(runner.plan(for: prepared, state: engine.session[1]).managed?.fileSize == Int64(size))
      let exchange = await runner.run(step: 1, engine: &engine)
      #expect(exchange.ok, "\(exchange.error ?? "")")
      #expect(exchange.errorCode == nil)
      #expect(exchange.reply?["uploadedFileSize"] == .int(size))
      #expect(exchange.reply?["status"] == .int(2), "the token is complete")
    } catch {
      Issue.record(error)
    }
    try? await transport.shutdown()
    await server.stop()
  }
}
