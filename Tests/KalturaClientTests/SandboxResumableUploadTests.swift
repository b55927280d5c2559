import JSONValue
import KalturaClient
import KalturaWire
import Sandbox
import Testing

private let chunk: Int64 = 64 << 10

/// Holds the task to cancel, so a checkpoint callback can cancel the upload that reports it.
private final class UploadTaskBox: @unchecked Sendable {
  var task: Task<(reply: HTTPReply, request: HTTPRequestSpec), any Error>?
}

@Suite("The walkthrough's entry point: JSON checkpoints, resume with or without one")
struct SandboxResumableUploadTests {
  @Test(
    "cancelled halfway, resumed from the JSON checkpoint or from the server alone: intact",
    arguments: [true, false])
  func resumeFromJSON(keepCheckpoint: Bool) async throws {
    let harness = try await SandboxHarness.start()
    let file = try TestFile(size: Int(chunk) * 48 + 7, seed: 9)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: file.bytes.count)
      let job = harness.job(file, token: token, chunkSize: chunk, parallelism: 3)
      let uploader = ParallelChunkedUploader(
        transport: harness.transport, tuning: .fixed, retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01),
        finalChunkRetry: RetryPolicy(maxAttempts: 20, baseDelay: 0.05, maxDelay: 0.5))
      let checkpoints = Recorder<JSONValue>()
      let box = UploadTaskBox()
      let half = file.bytes.count / 2
      box.task = Task {
        try await uploader.upload(
          job, start: .fresh,
          onCheckpoint: { json in
            checkpoints.append(json)
            if (json["acknowledgedBytes"]?.intValue ?? 0) >= half { box.task?.cancel() }
          }, progress: { _ in })
      }
      let first = await box.task!.result
      #expect(throws: CancellationError.self) { try first.get() }
      let saved = try #require(checkpoints.last)
      #expect(saved["uploadTokenId"]?.stringValue == token)
      #expect(UploadCheckpoint(json: saved) != nil)

      let sentBefore = harness.totalFileBytesSent
      let resumed = try await uploader.upload(
        job, start: .resume(checkpoint: keepCheckpoint ? saved : nil), onCheckpoint: { _ in }, progress: { _ in })
      #expect(try JSONValue(parsing: resumed.reply.body)["status"]?.intValue == 2)
      #expect(try harness.storedBytes(token: token) == file.bytes)
      #expect(harness.totalFileBytesSent - sentBefore < Int64(file.bytes.count))
      if keepCheckpoint {
        #expect(harness.totalFileBytesSent <= Int64(file.bytes.count) + Int64(job.parallelism) * chunk)
      }
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }

  @Test("resuming a token that is already complete sends no file bytes and returns the token")
  func resumeCompleted() async throws {
    let harness = try await SandboxHarness.start()
    let file = try TestFile(size: Int(chunk) * 3 + 1, seed: 3)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: file.bytes.count)
      let job = harness.job(file, token: token, chunkSize: chunk)
      let uploader = ParallelChunkedUploader(transport: harness.transport, tuning: .fixed)
      _ = try await uploader.upload(job, start: .fresh, onCheckpoint: { _ in }, progress: { _ in })
      let sentBefore = harness.totalFileBytesSent
      let again = try await uploader.upload(
        job, start: .resume(checkpoint: nil), onCheckpoint: { _ in }, progress: { _ in })
      #expect(harness.totalFileBytesSent == sentBefore)
      #expect(try JSONValue(parsing: again.reply.body)["uploadedFileSize"]?.intValue == file.bytes.count)
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }
}
