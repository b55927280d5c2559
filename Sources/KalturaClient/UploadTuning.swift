/// Bounds within which the uploader adapts chunk size and parallelism to measured throughput.
/// The job's `chunkSize` and `parallelism` are the starting point (clamped into these bounds).
public struct UploadTuning: Sendable, Hashable, Codable {
  public var minChunkSize: Int64
  public var maxChunkSize: Int64
  public var minParallelism: Int
  public var maxParallelism: Int
  /// The chunk size aims at chunks that take about this long each.
  public var targetChunkSeconds: Double
  /// false: keep the starting chunk size and parallelism for the whole upload.
  public var adaptive: Bool

  /// The default ceiling is 16 MiB: with 8 connections, 64 MiB chunks held more memory in flight
  /// (peak RSS 52-94 MiB over 6 runs of a 1 GiB upload) and were no faster (1.5-2.0 s) than 16 MiB
  /// chunks (51-57 MiB, 1.4-1.7 s; loopback into a sandbox on tmpfs, release build).
  public init(
    minChunkSize: Int64 = 1 << 20, maxChunkSize: Int64 = 16 << 20, minParallelism: Int = 1,
    maxParallelism: Int = 8, targetChunkSeconds: Double = 2, adaptive: Bool = true
  ) {
    self.minChunkSize = max(1, minChunkSize)
    self.maxChunkSize = max(self.minChunkSize, maxChunkSize)
    self.minParallelism = max(1, minParallelism)
    self.maxParallelism = max(self.minParallelism, maxParallelism)
    self.targetChunkSeconds = max(0.1, targetChunkSeconds)
    self.adaptive = adaptive
  }

  /// No adaptation: every chunk has the job's size and the job's parallelism is kept.
  public static let fixed = UploadTuning(
    minChunkSize: 1, maxChunkSize: Int64.max / 4, minParallelism: 1, maxParallelism: 1024, adaptive: false)

  func clampedChunkSize(_ size: Int64) -> Int64 { min(maxChunkSize, max(minChunkSize, size)) }
  func clampedParallelism(_ count: Int) -> Int { min(maxParallelism, max(minParallelism, count)) }
}
