import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Sandbox
import Synchronization
import Testing
import Walkthrough

/// Issue 10 item 12: killed after the server accepted the last bytes of an upload but before the
/// session recorded it, the resumed step is taken as done (no UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD).
@Suite struct CompletedUploadResumeTests {
  /// In one request (the file fits a chunk) and in 1 MiB chunks through the uploader.
  @Test(arguments: [(Int64(8 << 20), 100_000), (Int64(1 << 20), (3 << 20) + 5)])
  func aResumedUploadIntoAFullTokenIsDone(chunkSize: Int64, fileSize: Int) async throws {
    let upload = try #require(Shared.uploadRecipe)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try await SandboxServer.start(
      SandboxConfiguration(dataDirectory: directory.appendingPathComponent("data").path, conversionDelay: 0))
    let sent = Mutex<Int>(0)
    let transport = KalturaHTTPTransport(
      configuration: .init(onFileBytesSent: { bytes in sent.withLock { $0 += bytes.count } }))
    do {
      let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
      let credentials = ServiceCredentials(
        serviceURL: server.baseURL, partnerID: server.partnerID, ks: ks, adminSecret: server.adminSecret)
      var engine = WalkthroughEngine(recipe: upload, document: nil, credentials: credentials)
      let movie = directory.appendingPathComponent("movie.mp4")
      try Data((0..<fileSize).map { UInt8($0 % 251) }).write(to: movie)
      engine.setValue(.string(movie.path), step: 1, path: "fileData")
      let runner = StepRunner(
        transport: transport, uploader: ParallelChunkedUploader(transport: transport), chunkSize: chunkSize)
      let killed = engine.session
      for step in 0..<2 {
        let exchange = await runner.run(step: step, engine: &engine)
        try #require(exchange.ok, "step \(step + 1): \(exchange.error ?? "")")
      }
      // The session as it was on disk when the run was killed: the token added, the upload not recorded.
      var reopened = engine
      reopened.session = killed
      reopened.session[0] = engine.session[0]
      let before = sent.withLock { $0 }
      let resumed = await runner.run(step: 1, engine: &reopened, resumeUpload: true)
      #expect(resumed.ok, "\(resumed.error ?? "")")
      #expect(resumed.errorCode == nil)
      #expect(resumed.reply?["status"] == .int(2))
      #expect(sent.withLock { $0 } == before, "no file byte is sent again")
    } catch {
      Issue.record(error)
    }
    try? await transport.shutdown()
    await server.stop()
  }
}
