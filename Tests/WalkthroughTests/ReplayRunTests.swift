import Foundation
import JSONValue
import Synchronization
import Testing

@testable import Walkthrough

/// Replay against fake services: links follow new replies, files are checked first, a failure
/// skips the rest, `--steps` keeps the recorded earlier steps.
@Suite struct ReplayRunTests {
  @Test func newIDsFlowIntoLaterStepsAndVolatileFieldsMatch() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let service = uploadService(prefix: "b")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil,
      credentials: testCredentials)
    let result = try await run.run()
    #expect(result.exitCode == 0, "\(result.outcomes.compactMap(\.failureText))")
    #expect(
      service.sentPaths == [
        "/service/uploadtoken/action/add", "/service/uploadtoken/action/upload", "/service/media/action/add",
        "/service/media/action/addContent", "/service/media/action/get",
      ])
    #expect(service.requests[1].url.contains("uploadTokenId=b_tok"))
    #expect(service.requests[3].body.jsonValue?.compactText.contains("\"b_tok\"") == true)
    #expect(service.requests[3].body.jsonValue?["entryId"] == "b_entry")
    #expect(result.engine.session[2].lastSuccessfulReply?["id"] == "b_entry")
  }

  @Test func aChangedReplyIsADifferenceAndExitsOne() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: uploadService(prefix: "b", mediaType: 2)),
      document: nil, credentials: testCredentials)
    let result = try await run.run()
    #expect(result.exitCode == 1)
    #expect(result.outcomes.map(\.verdict) == ["ok", "ok", "DIFFERENT", "DIFFERENT", "DIFFERENT"])
    #expect(result.outcomes[2].differences.map(\.description) == ["mediaType: 1 → 2"])
  }

  @Test func userPatternsIgnoreMore() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: uploadService(prefix: "b", mediaType: 2)),
      document: nil, credentials: testCredentials, rules: .standard(adding: ["mediaType"]))
    #expect(try await run.run().exitCode == 0)
  }

  @Test func aFailedStepSkipsTheRestInEveryReport() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let service = uploadService(prefix: "b", failing: "media/action/add")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil, credentials: testCredentials)
    let result = try await run.run()
    #expect(result.exitCode == 1)
    #expect(result.outcomes.map(\.verdict) == ["ok", "ok", "FAILED", "skipped", "skipped"])
    #expect(result.outcomes[2].error?.contains("broken on purpose") == true)
    #expect(result.outcomes[3].skipReason == "not sent: step 3 failed")
    #expect(service.requests.count == 3)
    let report = ReplayReport(suiteName: "Upload", steps: result.outcomes)
    #expect(report.junitXML().contains("<skipped message=\"not sent: step 3 failed\"/>"))
    #expect(report.junitXML().contains("failures=\"1\" errors=\"0\" skipped=\"2\""))
    #expect(report.tap().contains("ok 4 - step 4: "))
    #expect(report.tap().contains(" # SKIP not sent: step 3 failed\n"))
  }

  @Test func stepRangeSendsOnlyThoseStepsAndLinksIntoRecordedOnes() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let service = uploadService(prefix: "b")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil,
      credentials: testCredentials, steps: 3...4)
    let result = try await run.run()
    #expect(result.outcomes.map(\.number) == [3, 4])
    #expect(service.sentPaths == ["/service/media/action/add", "/service/media/action/addContent"])
    // The token comes from the recorded step 1, the entry from the new step 3.
    let body = try #require(service.requests[1].body.jsonValue)
    #expect(body["entryId"] == "b_entry")
    #expect(body.compactText.contains("\"a_tok\""))
  }

  @Test func aStepRangeOutsideTheRecipeIsAUsageError() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: uploadService(prefix: "b")), document: nil,
      credentials: testCredentials, steps: 4...9)
    let error = await #expect(throws: SessionReplayError.self) { try await run.run() }
    #expect(error?.message.contains("the recipe has steps 1-5") == true)
  }

  @Test func aMissingFileStopsBeforeAnythingIsSent() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try FileManager.default.removeItem(atPath: recording.moviePath)
    let service = uploadService(prefix: "b")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil, credentials: testCredentials)
    let error = await #expect(throws: SessionReplayError.self) { try await run.run() }
    #expect(error?.message.contains("step 2 (") == true)
    #expect(error?.message.contains(recording.moviePath + " (field fileData) is missing") == true)
    #expect(service.requests.isEmpty)
  }

  @Test func aFileOfAnotherSizeThanRecordedIsAnError() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try recording.workspace.editSession(
      "steps.1.exchanges.0.request.body.files.0.size", to: 1000)
    try Data(repeating: 1, count: 999).write(to: URL(fileURLWithPath: recording.moviePath))
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: uploadService(prefix: "b")), document: nil,
      credentials: testCredentials)
    let error = await #expect(throws: SessionReplayError.self) { try await run.run() }
    #expect(error?.message.contains("changed since the session was recorded: 1000 bytes then, 999 now") == true)
  }

  @Test func aFileSentInOneRequestIsRecordedWithItsSizeAndSample() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let file = try #require(try recording.open().loaded.session[1].exchanges.first?.requestBody?["files"]?[0])
    #expect(file["path"]?.stringValue == recording.moviePath)
    #expect(file["size"] == 1000)
    #expect(file["headTailSHA256"]?.stringValue == FileSample.of(path: recording.moviePath)?.headTailSHA256)
    #expect(file["headTailSHA256"]?.stringValue?.count == 64)
  }

  @Test func aFileOfTheSameSizeWithOtherContentIsAnError() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try Data(repeating: 8, count: 1000).write(to: URL(fileURLWithPath: recording.moviePath))
    let service = uploadService(prefix: "b")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil,
      credentials: testCredentials)
    let error = await #expect(throws: SessionReplayError.self) { try await run.run() }
    #expect(error?.message.hasPrefix("step 2 (") == true)
    #expect(
      error?.message.contains("(field fileData) changed since the session was recorded: its content differs") == true)
    #expect(service.requests.isEmpty)
  }

  @Test func aMovedFileIsFoundBesideTheSession() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try recording.workspace.editSession("steps.1.answers.fileData", to: "movie.mp4")
    var engine = try recording.open().replayEngine(document: nil, credentials: testCredentials)
    let files = try recording.open().prepareFiles(in: &engine, steps: [1])
    #expect(files.map(\.resolvedPath) == [recording.moviePath])
    #expect(engine.session[1].edits["fileData"] == .string(recording.moviePath))
  }

  @Test func aRecordedFingerprintIsCheckedBeforeAnythingIsSent() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try recording.workspace.editSession(
      "steps.1.upload", to: ["uploadTokenId": "a_tok", "file": ["path": .string(recording.moviePath), "size": 1000]])
    try recording.workspace.editSession("steps.1.upload.file.headTailHash", to: "fnv1a64:0000000000000000")
    let seen = Mutex<[String]>([])
    let service = uploadService(prefix: "b")
    let run = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil,
      credentials: testCredentials,
      fileCheck: { path, fingerprint in
        seen.withLock { $0.append("\(path) \(fingerprint["headTailHash"]?.stringValue ?? "")") }
        return "its first or last MiB differs"
      })
    let error = await #expect(throws: SessionReplayError.self) { try await run.run() }
    #expect(seen.withLock { $0 } == ["\(recording.moviePath) fnv1a64:0000000000000000"])
    #expect(
      error?.message.hasSuffix(
        "file \(recording.moviePath) (field fileData) changed since the session was recorded: "
          + "its first or last MiB differs (\(recording.moviePath))") == true)
    #expect(error?.message.hasPrefix("step 2 (") == true)
    #expect(service.requests.isEmpty)

    try recording.workspace.editSession("steps.1.upload.file.size", to: 999)
    let sized = ReplayRun(
      replay: try recording.open(), runner: StepRunner(transport: service), document: nil,
      credentials: testCredentials)
    let sizeError = await #expect(throws: SessionReplayError.self) { try await sized.run() }
    #expect(sizeError?.message.contains("999 bytes then, 1000 now") == true)
  }
}
