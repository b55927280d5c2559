import KalturaClient
import KalturaWire
import Testing

private let chunk: Int64 = 64 << 10

private func makeJob(_ file: TestFile) -> ChunkedUploadJob {
  ChunkedUploadJob(
    serviceURL: "http://fake.invalid/api_v3", ks: "KS", partnerID: 1, uploadTokenID: "0_fake", filePath: file.path,
    fileName: "movie.bin", chunkSize: chunk, parallelism: 4)
}

private func makeUploader(_ transport: any HTTPTransport) -> ParallelChunkedUploader {
  ParallelChunkedUploader(
    transport: transport, tuning: .fixed, retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.001, maxDelay: 0.005),
    finalChunkRetry: RetryPolicy(maxAttempts: 5, baseDelay: 0.001, maxDelay: 0.005))
}

/// Starts an upload and cancels it once the server has applied `appliedChunks` chunks.
private func cancelHalfway(
  _ uploader: ParallelChunkedUploader, _ fake: FakeUploadTokenServer, _ job: ChunkedUploadJob, appliedChunks: Int,
  checkpoints: Recorder<UploadCheckpoint>
) async throws {
  await fake.configure { $0.latencyNanoseconds = 3_000_000 }
  let task = Task { try await uploader.start(job, onCheckpoint: { checkpoints.append($0) }) }
  while await fake.calls.count < appliedChunks { try await Task.sleep(nanoseconds: 500_000) }
  task.cancel()
  let result = await task.result
  #expect(throws: CancellationError.self) { try result.get() }
}

@Suite("Resuming an interrupted upload")
struct UploaderResumeTests {
  @Test("cancel halfway, resume with the checkpoint: intact, at most one extra chunk per connection sent")
  func resumeWithCheckpoint() async throws {
    let file = try TestFile(size: Int(chunk) * 40 + 999)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    let checkpoints = Recorder<UploadCheckpoint>()
    try await cancelHalfway(uploader, fake, makeJob(file), appliedChunks: 20, checkpoints: checkpoints)
    #expect(await fake.status == 1)
    let checkpoint = try #require(checkpoints.last)

    let outcome = try await uploader.resume(makeJob(file), checkpoint: checkpoint)
    #expect(await fake.contiguous == file.bytes)
    #expect(await fake.status == 2)
    let total = await fake.fileBytesReceived
    #expect(total <= Int64(file.bytes.count) + 4 * chunk)
    #expect(outcome.fileBytesSent < Int64(file.bytes.count))
  }

  @Test("resume without a checkpoint sends everything past the server's uploadedFileSize")
  func resumeFromServerSizeOnly() async throws {
    let file = try TestFile(size: Int(chunk) * 30 + 5)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    try await cancelHalfway(uploader, fake, makeJob(file), appliedChunks: 12, checkpoints: Recorder())
    let uploaded = await fake.uploadedFileSize
    #expect(uploaded > 0)
    let outcome = try await uploader.resume(makeJob(file))
    #expect(await fake.contiguous == file.bytes)
    #expect(outcome.fileBytesSent == Int64(file.bytes.count) - uploaded)
  }

  @Test("pending chunks the server lost are sent again after the final chunk keeps failing")
  func lostPendingChunks() async throws {
    let file = try TestFile(size: Int(chunk) * 10)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    let fingerprint = try await FileFingerprint.compute(path: file.path)
    // The server holds the first 2 chunks; the checkpoint claims chunks 4-9 too, which the server never kept.
    _ = try await fake.send(uploadRequest(file, offset: 0, length: chunk * 2, resume: false))
    let checkpoint = UploadCheckpoint(
      uploadTokenID: "0_fake", fingerprint: fingerprint,
      acknowledged: [FileRange(offset: 0, length: chunk * 2), FileRange(offset: chunk * 4, length: chunk * 6)])
    _ = try await uploader.resume(makeJob(file), checkpoint: checkpoint)
    #expect(await fake.contiguous == file.bytes)
  }

  @Test("a token already complete is returned without sending a byte")
  func alreadyComplete() async throws {
    let file = try TestFile(size: Int(chunk) * 3)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    _ = try await uploader.start(makeJob(file))
    let before = await fake.fileBytesReceived
    let outcome = try await uploader.resume(makeJob(file))
    #expect(await fake.fileBytesReceived == before)
    #expect(outcome.fileBytesSent == 0)
    #expect(outcome.reply.bodyText.contains("\"status\":2"))
  }

  @Test("a file changed since the checkpoint is refused")
  func changedFile() async throws {
    let file = try TestFile(size: Int(chunk) * 3)
    defer { file.remove() }
    let other = try TestFile(size: Int(chunk) * 3, seed: 7)
    defer { other.remove() }
    let checkpoint = UploadCheckpoint(
      uploadTokenID: "0_fake", fingerprint: try await FileFingerprint.compute(path: other.path))
    await #expect {
      _ = try await makeUploader(FakeUploadTokenServer()).resume(makeJob(file), checkpoint: checkpoint)
    } throws: { error in
      if case ChunkedUploadError.fileChanged = error { return true }
      return false
    }
  }

  @Test("a token holding more bytes than the file is refused")
  func tokenOfAnotherFile() async throws {
    let big = try TestFile(size: Int(chunk) * 4)
    defer { big.remove() }
    let small = try TestFile(size: Int(chunk))
    defer { small.remove() }
    let fake = FakeUploadTokenServer()
    _ = try await fake.send(uploadRequest(big, offset: 0, length: chunk * 3, resume: false))
    await #expect {
      _ = try await makeUploader(fake).resume(makeJob(small))
    } throws: { error in
      if case ChunkedUploadError.tokenHoldsOtherFile(let uploaded, let size) = error {
        return uploaded == chunk * 3 && size == chunk
      }
      return false
    }
  }
}

private func uploadRequest(_ file: TestFile, offset: Int64, length: Int64, resume: Bool) -> HTTPRequestSpec {
  HTTPRequestSpec(
    url: "http://fake.invalid/api_v3/service/uploadtoken/action/upload",
    body: .multipart([
      .field(name: "resume", value: resume ? "true" : "false"), .field(name: "finalChunk", value: "false"),
      .field(name: "resumeAt", value: String(offset)),
      .file(
        name: "fileData", path: file.path, filename: "movie.bin", contentType: "application/octet-stream",
        range: FileRange(offset: offset, length: length)),
    ]))
}

@Suite("A token that already holds the file")
struct CompletedTokenTests {
  @Test("a fresh start into a full token (its final chunk landed, nothing recorded it) is done")
  func freshStartIntoAFullToken() async throws {
    let file = try TestFile(size: Int(chunk) * 3)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    _ = try await uploader.start(makeJob(file))
    let outcome = try await uploader.start(makeJob(file))
    #expect(await fake.status == 2)
    #expect(await fake.contiguous == file.bytes)
    #expect(outcome.reply.bodyText.contains("\"status\":2"))
    #expect(outcome.checkpoint.acknowledgedBytes == Int64(file.bytes.count))
  }

  @Test("a full token holding another size is still an error")
  func fullTokenOfAnotherFile() async throws {
    let file = try TestFile(size: Int(chunk) * 3)
    defer { file.remove() }
    let other = try TestFile(size: Int(chunk) * 2)
    defer { other.remove() }
    let fake = FakeUploadTokenServer()
    let uploader = makeUploader(fake)
    _ = try await uploader.start(makeJob(other))
    await #expect(throws: ChunkedUploadError.self) { _ = try await uploader.start(makeJob(file)) }
  }
}
