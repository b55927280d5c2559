/// Decides the size of the next chunk and how many chunks travel at once, from what finished:
/// chunk size follows per-connection speed (aiming at `targetChunkSeconds` per chunk, moving
/// halfway each time), parallelism climbs while the total rate keeps improving by 10% per step
/// and backs off when it falls well below the best seen.
struct ThroughputTuner: Sendable {
  let tuning: UploadTuning
  private(set) var chunkSize: Int64
  private(set) var parallelism: Int
  private var windowStart: Double?
  private var windowBytes: Int64 = 0
  private var windowChunks = 0
  private var bestRate: Double = 0

  init(tuning: UploadTuning, chunkSize: Int64, parallelism: Int) {
    self.tuning = tuning
    self.chunkSize = tuning.clampedChunkSize(chunkSize)
    self.parallelism = tuning.clampedParallelism(parallelism)
  }

  /// A chunk of `bytes` took `seconds` on its connection and finished at `now` (seconds).
  mutating func chunkFinished(bytes: Int64, seconds: Double, startedAt: Double, now: Double) {
    guard tuning.adaptive, bytes > 0, seconds > 0 else { return }
    let ideal = Double(bytes) / seconds * tuning.targetChunkSeconds
    let next = (Double(chunkSize) + ideal) / 2
    let granule: Int64 = 64 << 10
    let rounded = next >= Double(granule) ? Int64(next) / granule * granule : Int64(next)
    chunkSize = tuning.clampedChunkSize(rounded)

    // Chunks that started before this window measure the previous parallelism, not this one.
    guard let start = windowStart else {
      windowStart = now
      return
    }
    guard startedAt >= start else { return }
    windowBytes += bytes
    windowChunks += 1
    guard windowChunks >= parallelism * 2, now > start else { return }
    let rate = Double(windowBytes) / (now - start)
    if rate > bestRate * 1.1 {
      bestRate = rate
      if parallelism < tuning.maxParallelism { parallelism += 1 }
    } else if rate < bestRate * 0.7, parallelism > tuning.minParallelism {
      parallelism -= 1
    }
    windowStart = now
    windowBytes = 0
    windowChunks = 0
  }
}
