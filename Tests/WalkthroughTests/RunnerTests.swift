import Foundation
import JSONValue
import KalturaWire
import Recipes
import Synchronization
import Testing
import Walkthrough

@Suite struct RunnerTests {
  /// Answers like a tiny Kaltura: token, upload, entry, content, get.
  let fake = FakeTransport { request in
    let path = request.url.split(separator: "?")[0]
    if path.hasSuffix("uploadtoken/action/add") {
      return jsonReply(["id": "0_tok", "objectType": "KalturaUploadToken"])
    }
    if path.hasSuffix("uploadtoken/action/upload") { return jsonReply(["id": "0_tok", "status": 2]) }
    if path.hasSuffix("media/action/add") { return jsonReply(["id": "0_entry", "objectType": "KalturaMediaEntry"]) }
    if path.hasSuffix("media/action/addContent") { return jsonReply(["id": "0_entry", "status": "1"]) }
    if path.hasSuffix("uiconf/action/list") {
      return jsonReply(["objects": [["id": 7, "name": "Player"], ["id": 8, "name": "Other"]], "totalCount": 2])
    }
    return jsonReply(["code": "ENTRY_ID_NOT_FOUND", "message": "no", "objectType": "KalturaAPIException"])
  }

  func movie(bytes: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("movie-\(UUID().uuidString).mp4").path
    try Data(repeating: 7, count: bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func runsTheUploadRecipeThroughTheTransport() async throws {
    let upload = try #require(Shared.uploadRecipe)
    var engine = WalkthroughEngine(recipe: upload, document: Shared.spec, credentials: testCredentials)
    let file = try movie(bytes: 1000)
    engine.setValue(.string(file), step: 1, path: "fileData")
    engine.setValue("Demo", step: 2, path: "body.entry.name")
    engine.setValue(1, step: 2, path: "body.entry.mediaType")
    let runner = StepRunner(transport: fake)
    for step in 0..<4 {
      let exchange = await runner.run(step: step, engine: &engine)
      #expect(exchange.ok, "step \(step + 1): \(exchange.error ?? "")")
    }
    let requests = fake.requests
    #expect(requests.count == 4)
    #expect(
      requests[3].body
        == .json([
          "resource": ["objectType": "KalturaUploadedFileTokenResource", "token": "0_tok"], "entryId": "0_entry",
        ]))
    #expect(engine.session[3].isCompleted)
    // media.get: a pending link is gone now; the entry comes from step 3's reply.
    #expect(try engine.prepareRequest(step: 4).spec.body == .json(["entryId": "0_entry"]))
    #expect(engine.session.steps.allSatisfy { !$0.exchanges.contains { $0.url.contains(testCredentials.ks!) } })
  }

  @Test func failedStepsAreRecordedWithTheirError() async throws {
    let call =
      #"{"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"entryId": {"default": "0_x"}}}}]}"#
    var engine = WalkthroughEngine(recipe: recipe([("Get", call)]), document: Shared.spec, credentials: testCredentials)
    let exchange = await StepRunner(transport: fake).run(step: 0, engine: &engine)
    #expect(!exchange.ok)
    #expect(exchange.errorCode == "ENTRY_ID_NOT_FOUND")
    #expect(engine.session[0].exchanges.count == 1)
    #expect(!engine.session[0].isCompleted)
  }

  @Test func transportFailuresAreExchangesToo() async throws {
    let broken = FakeTransport { _ in throw TransportError("connection refused") }
    let call = #"{"method": "post", "path": "/service/uploadtoken/action/add", "parameters": []}"#
    var engine = WalkthroughEngine(recipe: recipe([("Add", call)]), document: nil, credentials: testCredentials)
    let exchange = await StepRunner(transport: broken).run(step: 0, engine: &engine)
    #expect(!exchange.ok)
    #expect(exchange.status == nil)
    #expect(exchange.error == "connection refused")
  }

  @Test func missingFilesFailBeforeSending() async throws {
    let upload = try #require(Shared.uploadRecipe)
    var engine = WalkthroughEngine(recipe: upload, document: Shared.spec, credentials: testCredentials)
    engine.record(Exchange(method: "POST", url: "u", reply: ["id": "0_tok"], replyIsJSON: true, ok: true), step: 0)
    engine.setValue("/nonexistent/movie.mp4", step: 1, path: "fileData")
    let transport = FakeTransport { _ in jsonReply(["id": "0_tok"]) }
    let exchange = await StepRunner(transport: transport).run(step: 1, engine: &engine)
    #expect(!exchange.ok)
    #expect(exchange.error == "file not found: /nonexistent/movie.mp4")
    #expect(transport.requests.isEmpty)
  }

  /// Records the job it was given and answers with a completed token.
  final class RecordingUploader: ChunkedUploading {
    let jobs = Mutex<[ChunkedUploadJob]>([])
    func upload(
      _ job: ChunkedUploadJob, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> (reply: HTTPReply, request: HTTPRequestSpec) {
      jobs.withLock { $0.append(job) }
      progress(UploadProgress(bytesDone: 10, bytesTotal: 10))
      return (jsonReply(["id": .string(job.uploadTokenID), "status": 2]), HTTPRequestSpec(url: job.serviceURL))
    }
  }

  @Test func filesLargerThanAChunkGoThroughTheUploader() async throws {
    let upload = try #require(Shared.uploadRecipe)
    var engine = WalkthroughEngine(recipe: upload, document: Shared.spec, credentials: testCredentials)
    engine.record(Exchange(method: "POST", url: "u", reply: ["id": "0_tok"], replyIsJSON: true, ok: true), step: 0)
    let big = try movie(bytes: 5000)
    engine.setValue(.string(big), step: 1, path: "fileData")
    let uploader = RecordingUploader()
    let transport = FakeTransport { _ in jsonReply(["id": "0_tok"]) }
    let runner = StepRunner(transport: transport, uploader: uploader, chunkSize: 1024)
    let exchange = await runner.run(step: 1, engine: &engine)
    #expect(exchange.ok)
    #expect(transport.requests.isEmpty)
    let job = try #require(uploader.jobs.withLock { $0.first })
    #expect(job.uploadTokenID == "0_tok")
    #expect(job.filePath == big)
    #expect(job.chunkSize == 1024)
    #expect(job.serviceURL == "http://127.0.0.1:9/api_v3")
    // Small files still go in one request.
    let small = try movie(bytes: 100)
    engine.setValue(.string(small), step: 1, path: "fileData")
    _ = await runner.run(step: 1, engine: &engine)
    #expect(transport.requests.count == 1)
  }

  @Test func dynamicEnumOptionsAreFetchedWithTheSession() async throws {
    let upload = try #require(Shared.uploadRecipe)
    let engine = WalkthroughEngine(recipe: upload, document: Shared.spec, credentials: testCredentials)
    let request = try #require(engine.dynamicEnumRequest(step: 4, path: "uiConf"))
    #expect(request.spec.url.contains("/service/uiconf/action/list?ks="))
    #expect(request.spec.body == .json(["filter": ["objTypeEqual": 1]]))
    let choices = try await StepRunner(transport: fake).options(step: 4, path: "uiConf", engine: engine)
    #expect(choices == [EnumChoice(value: 7, label: "Player"), EnumChoice(value: 8, label: "Other")])
  }
}
