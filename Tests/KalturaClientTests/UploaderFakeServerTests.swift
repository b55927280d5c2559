import KalturaClient
import KalturaWire
import Testing

private let chunk: Int64 = 64 << 10

private func makeJob(_ file: TestFile, parallelism: Int = 4) -> ChunkedUploadJob {
  ChunkedUploadJob(
    serviceURL: "http://fake.invalid/api_v3", ks: "KS", partnerID: 1, uploadTokenID: "0_fake", filePath: file.path,
    fileName: "movie.bin", chunkSize: chunk, parallelism: parallelism)
}

private func makeUploader(_ transport: any HTTPTransport) -> ParallelChunkedUploader {
  ParallelChunkedUploader(
    transport: transport, tuning: .fixed, retry: RetryPolicy(maxAttempts: 10, baseDelay: 0.001, maxDelay: 0.005),
    finalChunkRetry: RetryPolicy(maxAttempts: 10, baseDelay: 0.001, maxDelay: 0.005))
}

@Suite("Chunked uploader against an in-memory upload token")
struct UploaderFakeServerTests {
  @Test(
    "files of every awkward size arrive intact",
    arguments: [0, 1, Int(chunk) - 1, Int(chunk), Int(chunk) + 1, Int(chunk) * 9 + 4321])
  func sizes(size: Int) async throws {
    let file = try TestFile(size: size)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let outcome = try await makeUploader(fake).start(makeJob(file))
    #expect(await fake.contiguous == file.bytes)
    #expect(await fake.status == 2)
    #expect(await fake.fileBytesReceived == Int64(size))
    #expect(outcome.reply.bodyText.contains("\"status\":2"))
    #expect(outcome.checkpoint.acknowledgedBytes == Int64(size))
  }

  @Test("a file of one chunk or less goes in one request: resume=false, finalChunk=true")
  func singleRequest() async throws {
    let file = try TestFile(size: Int(chunk))
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    _ = try await makeUploader(fake).start(makeJob(file))
    let calls = await fake.calls
    #expect(calls.count == 1)
    #expect(calls.first?.resume == false)
    #expect(calls.first?.finalChunk == true)
  }

  @Test("one chunk + 1 byte: first chunk, a resumed 1-byte chunk at its offset, an empty final chunk")
  func protocolShape() async throws {
    let file = try TestFile(size: Int(chunk) + 1)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    _ = try await makeUploader(fake).start(makeJob(file))
    let calls = await fake.calls
    #expect(calls.count == 3)
    #expect(calls[0].resume == false && calls[0].finalChunk == false && calls[0].length == Int(chunk))
    #expect(calls[1].resume && !calls[1].finalChunk && calls[1].resumeAt == chunk && calls[1].length == 1)
    #expect(calls[2].resume && calls[2].finalChunk && calls[2].resumeAt == chunk + 1 && calls[2].length == 0)
  }

  @Test("middle chunks travel in parallel, never more than asked")
  func parallelism() async throws {
    let file = try TestFile(size: Int(chunk) * 24)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure { $0.latencyNanoseconds = 5_000_000 }
    _ = try await makeUploader(fake).start(makeJob(file, parallelism: 3))
    #expect(await fake.maxConcurrentUploads == 3)
    #expect(await fake.contiguous == file.bytes)
  }

  @Test("500s and dropped connections on a fraction of chunks are retried; the file is intact")
  func faults() async throws {
    let file = try TestFile(size: Int(chunk) * 30 + 77)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure {
      $0.faultForRequest = { number, _ in
        switch number % 5 {
        case 1: return .serverError
        case 2 where number % 3 == 0: return .dropAfterApplying
        case 3 where number % 2 == 0: return .dropBeforeApplying
        default: return nil
        }
      }
    }
    let progress = Recorder<UploadProgress>()
    let outcome = try await makeUploader(fake).start(makeJob(file), progress: { progress.append($0) })
    #expect(await fake.contiguous == file.bytes)
    #expect(outcome.retries > 0)
    #expect(progress.last?.retries == outcome.retries)
    #expect(progress.last?.bytesDone == Int64(file.bytes.count))
  }

  @Test("a Kaltura API error on a chunk fails the upload at once, without retrying it")
  func apiErrorIsNotRetried() async throws {
    let file = try TestFile(size: Int(chunk) * 6)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure {
      $0.faultForRequest = { _, call in call.resumeAt == chunk * 3 ? .apiError("UPLOAD_ERROR") : nil }
    }
    await #expect {
      _ = try await makeUploader(fake).start(makeJob(file))
    } throws: { error in
      guard case ChunkedUploadError.api(let apiError, _, _) = error else { return false }
      return apiError.code == "UPLOAD_ERROR"
    }
    #expect(await fake.calls.filter { $0.resumeAt == chunk * 3 }.count == 1)
  }

  @Test("the final chunk is repeated while the server answers the expected-size error")
  func finalChunkRetried() async throws {
    let file = try TestFile(size: Int(chunk) * 3)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure { $0.lazyFinalAnswers = 3 }
    let outcome = try await makeUploader(fake).start(makeJob(file))
    #expect(await fake.calls.filter(\.finalChunk).count == 4)
    #expect(outcome.retries == 3)
    #expect(await fake.contiguous == file.bytes)
  }

  @Test("gives up on the final chunk after its retries, naming the sizes")
  func finalChunkGivesUp() async throws {
    let file = try TestFile(size: Int(chunk) * 2)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure { $0.lazyFinalAnswers = 1000 }
    await #expect {
      _ = try await makeUploader(fake).start(makeJob(file))
    } throws: { error in
      guard case ChunkedUploadError.finalChunkNeverMatched(let expected, _) = error else { return false }
      return expected == chunk * 2
    }
  }

  @Test("a chunk that keeps failing ends the upload with the offset and the last failure")
  func retriesExhausted() async throws {
    let file = try TestFile(size: Int(chunk) * 4)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    await fake.configure { $0.faultForRequest = { _, call in call.resumeAt == chunk * 2 ? .serverError : nil } }
    await #expect {
      _ = try await makeUploader(fake).start(makeJob(file))
    } throws: { error in
      guard case ChunkedUploadError.retriesExhausted(let offset, let attempts, let failure) = error else {
        return false
      }
      return offset == chunk * 2 && attempts == 10 && failure == "HTTP 500"
    }
  }

  @Test("progress reports bytes, total, chunks in flight and the chunk size")
  func progressEvents() async throws {
    let file = try TestFile(size: Int(chunk) * 8)
    defer { file.remove() }
    let fake = FakeUploadTokenServer()
    let progress = Recorder<UploadProgress>()
    _ = try await makeUploader(fake).start(makeJob(file), progress: { progress.append($0) })
    let events = progress.values
    #expect(events.allSatisfy { $0.bytesTotal == chunk * 8 && $0.chunkSize == chunk })
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone })
    #expect(events.contains { $0.chunksInFlight == 4 })
    #expect(events.last?.bytesDone == chunk * 8)
    #expect(events.last?.chunksInFlight == 0)
  }
}
