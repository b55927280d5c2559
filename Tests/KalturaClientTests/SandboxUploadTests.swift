import JSONValue
import KalturaClient
import KalturaWire
import Sandbox
import Testing

private let chunk: Int64 = 64 << 10

private func uploader(_ harness: SandboxHarness) -> ParallelChunkedUploader {
  ParallelChunkedUploader(
    transport: harness.transport, tuning: .fixed, retry: RetryPolicy(maxAttempts: 12, baseDelay: 0.01, maxDelay: 0.1),
    finalChunkRetry: RetryPolicy(maxAttempts: 20, baseDelay: 0.05, maxDelay: 0.5))
}

/// Holds the task to cancel, so a checkpoint callback can cancel the upload that reports it.
private final class TaskBox: @unchecked Sendable {
  var task: Task<UploadOutcome, any Error>?
}

@Suite("Chunked uploads into the sandbox over 127.0.0.1")
struct SandboxUploadTests {
  @Test(
    "files of 0 bytes, 1 byte, one chunk, one chunk + 1 and many chunks arrive intact",
    arguments: [0, 1, Int(chunk), Int(chunk) + 1, Int(chunk) * 37 + 1234])
  func sizes(size: Int) async throws {
    let harness = try await SandboxHarness.start()
    let file = try TestFile(size: size)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: size)
      let outcome = try await uploader(harness).start(harness.job(file, token: token, chunkSize: chunk))
      let reply = try JSONValue(parsing: outcome.reply.body)
      #expect(reply["status"]?.intValue == 2)
      #expect(reply["uploadedFileSize"]?.doubleValue == Double(size))
      #expect(try harness.storedBytes(token: token) == file.bytes)
      #expect(harness.totalFileBytesSent == Int64(size))
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }

  @Test("500s and dropped connections on a fraction of chunk requests: retried, file intact")
  func faultInjection() async throws {
    let harness = try await SandboxHarness.start(
      faults: FaultInjection(serverErrorFraction: 0.15, dropConnectionFraction: 0.1, seed: 7))
    let file = try TestFile(size: Int(chunk) * 40 + 5)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: file.bytes.count)
      let outcome = try await uploader(harness).start(harness.job(file, token: token, chunkSize: chunk))
      #expect(outcome.retries > 0)
      #expect(try harness.storedBytes(token: token) == file.bytes)
      // The sandbox reads a faulted request's body first: the retried chunks went twice, and the
      // ranges handed over count each file byte once.
      #expect(harness.totalFileBytesSent > Int64(file.bytes.count))
      #expect(harness.distinctFileBytesSent == Int64(file.bytes.count))
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }

  @Test("cancelled halfway then resumed: intact, bytes sent at most size + one chunk per connection")
  func cancelAndResume() async throws {
    let harness = try await SandboxHarness.start()
    let file = try TestFile(size: Int(chunk) * 160 + 99)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: file.bytes.count)
      let job = harness.job(file, token: token, chunkSize: chunk)
      let checkpoints = Recorder<UploadCheckpoint>()
      let box = TaskBox()
      let half = Int64(file.bytes.count / 2)
      let up = uploader(harness)
      box.task = Task {
        try await up.start(
          job,
          onCheckpoint: { checkpoint in
            checkpoints.append(checkpoint)
            if checkpoint.acknowledgedBytes >= half { box.task?.cancel() }
          })
      }
      let first = await box.task!.result
      #expect(throws: CancellationError.self) { try first.get() }
      let checkpoint = try #require(checkpoints.last)
      #expect(checkpoint.acknowledgedBytes < Int64(file.bytes.count))

      let outcome = try await up.resume(job, checkpoint: checkpoint)
      #expect(try JSONValue(parsing: outcome.reply.body)["status"]?.intValue == 2)
      #expect(try harness.storedBytes(token: token) == file.bytes)
      #expect(harness.totalFileBytesSent <= Int64(file.bytes.count) + Int64(job.parallelism) * chunk)
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }

  @Test("a Kaltura API error comes back as an HTTP 200 reply and is not retried")
  func apiErrorReply() async throws {
    let harness = try await SandboxHarness.start()
    let file = try TestFile(size: 10)
    defer { file.remove() }
    let transport = KalturaHTTPTransport(
      configuration: .init(retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.01)))
    let job = harness.job(file, token: "0_00000000000000000000000000000000", chunkSize: chunk)
    await #expect {
      _ = try await ParallelChunkedUploader(transport: transport).start(job)
    } throws: { error in
      guard case ChunkedUploadError.api(let apiError, let reply, _) = error else { return false }
      return apiError.code == "UPLOAD_TOKEN_NOT_FOUND" && reply.status == 200
    }
    try? await transport.shutdown()
    await harness.stop()
  }

  @Test("the transport retries 5xx replies up to its policy, then returns the last one")
  func transportRetries5xx() async throws {
    let harness = try await SandboxHarness.start(
      faults: FaultInjection(serverErrorFraction: 1),
      retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02))
    let file = try TestFile(size: 10)
    defer { file.remove() }
    do {
      let token = try await harness.addUploadToken(fileName: "movie.bin", fileSize: 10)
      let reply = try await harness.transport.send(
        HTTPRequestSpec(
          url: harness.server.baseURL + "/service/uploadtoken/action/upload",
          body: .multipart([
            .field(name: "ks", value: harness.ks), .field(name: "format", value: "1"),
            .field(name: "uploadTokenId", value: token),
            .file(name: "fileData", path: file.path, filename: "movie.bin", contentType: "", range: nil),
          ])))
      #expect(reply.status == 500)
      #expect(harness.totalFileBytesSent == 30)
    } catch {
      await harness.stop()
      throw error
    }
    await harness.stop()
  }
}
