import Foundation
import KalturaWire
import Testing

@testable import KalturaClient

@Suite("Upload building blocks")
struct UploadPiecesTests {
  @Test("checkpoint ranges merge and report what is missing")
  func checkpointRanges() throws {
    let fingerprint = FileFingerprint(path: "/x", size: 100, modificationTime: 1, headTailHash: "h")
    var checkpoint = UploadCheckpoint(uploadTokenID: "t", fingerprint: fingerprint)
    checkpoint.add(FileRange(offset: 40, length: 10))
    checkpoint.add(FileRange(offset: 0, length: 20))
    checkpoint.add(FileRange(offset: 20, length: 5))
    checkpoint.add(FileRange(offset: 48, length: 12))
    #expect(checkpoint.acknowledged == [FileRange(offset: 0, length: 25), FileRange(offset: 40, length: 20)])
    #expect(checkpoint.acknowledgedBytes == 45)
    #expect(
      checkpoint.missing(from: 25, size: 100) == [FileRange(offset: 25, length: 15), FileRange(offset: 60, length: 40)])
    #expect(checkpoint.missing(from: 50, size: 100) == [FileRange(offset: 60, length: 40)])
    let restored = try JSONDecoder().decode(UploadCheckpoint.self, from: JSONEncoder().encode(checkpoint))
    #expect(restored == checkpoint)
  }

  @Test("the fingerprint changes with the content and survives a move")
  func fingerprint() async throws {
    let file = try TestFile(size: 3 << 20)
    defer { file.remove() }
    let first = try await FileFingerprint.compute(path: file.path)
    #expect(first.size == 3 << 20)
    #expect(first.headTailHash.hasPrefix("fnv1a64:") && first.headTailHash.count == 24)
    var moved = first
    moved.path = "/elsewhere/movie.bin"
    #expect(first.sameContent(as: moved))
    var bytes = file.bytes
    bytes[bytes.count - 1] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: file.path))
    let changed = try await FileFingerprint.compute(path: file.path)
    #expect(changed.headTailHash != first.headTailHash)
    #expect(!first.sameContent(as: changed))
  }

  @Test("chunk size follows per-connection speed within bounds; fixed tuning never moves")
  func tunerChunkSize() {
    let tuning = UploadTuning(minChunkSize: 1 << 20, maxChunkSize: 16 << 20, targetChunkSeconds: 2)
    var tuner = ThroughputTuner(tuning: tuning, chunkSize: 8 << 20, parallelism: 4)
    // 8 MiB in 0.5 s = 16 MiB/s per connection: ideal 32 MiB, capped at 16.
    for step in 0..<6 {
      tuner.chunkFinished(bytes: 8 << 20, seconds: 0.5, startedAt: Double(step), now: Double(step) + 0.5)
    }
    #expect(tuner.chunkSize == 16 << 20)
    // 1 MiB/s per connection: ideal 2 MiB.
    for step in 6..<20 {
      tuner.chunkFinished(bytes: 1 << 20, seconds: 1, startedAt: Double(step), now: Double(step) + 1)
    }
    #expect(tuner.chunkSize >= 2 << 20 && tuner.chunkSize < 3 << 20)
    var fixed = ThroughputTuner(tuning: .fixed, chunkSize: 65536, parallelism: 3)
    fixed.chunkFinished(bytes: 65536, seconds: 0.001, startedAt: 0, now: 0.001)
    #expect(fixed.chunkSize == 65536 && fixed.parallelism == 3)
  }

  @Test("parallelism grows while the total rate improves and stays within bounds")
  func tunerParallelism() {
    let tuning = UploadTuning(minParallelism: 2, maxParallelism: 6)
    var tuner = ThroughputTuner(tuning: tuning, chunkSize: 8 << 20, parallelism: 4)
    var now = 0.0
    var rate = 10.0  // MiB/s in total, rising with each added connection
    for _ in 0..<200 {
      let seconds = Double(8 * tuner.parallelism) / rate / Double(tuner.parallelism)
      tuner.chunkFinished(bytes: 8 << 20, seconds: seconds, startedAt: now, now: now + seconds)
      now += seconds / Double(tuner.parallelism)
      rate = 10 * Double(tuner.parallelism)
    }
    #expect(tuner.parallelism == 6)
  }

  @Test("backoff doubles, is capped, and jitter stays below the cap")
  func backoff() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.5, maxDelay: 4, jitter: 1)
    #expect((1...6).map { policy.ceiling(afterAttempt: $0) } == [0.5, 1, 2, 4, 4, 4])
    #expect(policy.delay(afterAttempt: 3, unit: 0.5) == 1)
    #expect(RetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 8, jitter: 0).delay(afterAttempt: 2, unit: 0.9) == 2)
    #expect(RetryPolicy.isRetryable(status: 503) && !RetryPolicy.isRetryable(status: 200))
    #expect(!RetryPolicy.isRetryable(status: 404))
  }

  @Test("the progress line fits its width and shows percent, sizes, rate, ETA, chunks and retries")
  func progressLine() {
    let progress = UploadProgress(
      bytesDone: 512 << 20, bytesTotal: 1 << 30, bytesPerSecond: 100 * 1_048_576, etaSeconds: 5.2, chunksInFlight: 4,
      retries: 2, chunkSize: 8 << 20)
    let wide = ProgressLine.render(progress, width: 120)
    #expect(wide.count == 120)
    #expect(wide.hasPrefix("[") && wide.contains("]   50%"))
    #expect(wide.hasSuffix("512.0 MiB / 1.0 GiB  100.0 MiB/s  ETA 0:05  4 in flight  2 retries"))
    let narrow = ProgressLine.render(progress, width: 50)
    #expect(narrow.count <= 50 && narrow.contains("50%") && !narrow.contains("retries"))
    #expect(ProgressLine.render(UploadProgress(bytesDone: 0, bytesTotal: 0), width: 40).contains("100%"))
    #expect(ProgressLine.bytes(0) == "0 B" && ProgressLine.bytes(1536) == "1.5 KiB")
    #expect(ProgressLine.duration(3723) == "1:02:03" && ProgressLine.duration(7) == "0:07")
    #expect(ProgressDisplayMode.auto.shouldDraw(stderrIsTerminal: true))
    #expect(!ProgressDisplayMode.auto.shouldDraw(stderrIsTerminal: false))
    #expect(ProgressDisplayMode.always.shouldDraw(stderrIsTerminal: false))
    #expect(!ProgressDisplayMode.never.shouldDraw(stderrIsTerminal: true))
  }
}
