/// A bad `--chunk-size` or `--parallel` value, with what was expected.
public struct UploadOptionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// What `--chunk-size` and `--parallel` ask for: the tuner's bounds and where it starts. One value
/// fixes it (`--chunk-size 4MiB`, `--parallel 2`); `MIN-MAX` lets the tuner move within
/// (`--chunk-size 1MiB-32MiB`, `--parallel 2-8`). The start is 8 MiB × 4, clamped into the bounds.
public struct UploadOptions: Sendable, Hashable {
  public var tuning: UploadTuning
  public var chunkSize: Int64
  public var parallelism: Int

  public static let defaultChunkSize: Int64 = 8 << 20
  public static let defaultParallelism = 4

  public init(chunkSize chunkText: String? = nil, parallel parallelText: String? = nil) throws(UploadOptionError) {
    let defaults = UploadTuning()
    let chunks = try chunkText.map { text throws(UploadOptionError) in
      try Self.range(text, option: "--chunk-size", parse: Self.byteCount)
    }
    let parallel = try parallelText.map { text throws(UploadOptionError) in
      try Self.range(text, option: "--parallel", parse: Self.count)
    }
    let chunkBounds = chunks ?? (defaults.minChunkSize...defaults.maxChunkSize)
    let parallelBounds =
      parallel.map { Int($0.lowerBound)...Int($0.upperBound) }
      ?? (defaults.minParallelism...defaults.maxParallelism)
    tuning = UploadTuning(
      minChunkSize: chunkBounds.lowerBound, maxChunkSize: chunkBounds.upperBound,
      minParallelism: parallelBounds.lowerBound, maxParallelism: parallelBounds.upperBound,
      targetChunkSeconds: defaults.targetChunkSeconds,
      adaptive: chunkBounds.lowerBound < chunkBounds.upperBound || parallelBounds.lowerBound < parallelBounds.upperBound
    )
    chunkSize = tuning.clampedChunkSize(Self.defaultChunkSize)
    parallelism = tuning.clampedParallelism(Self.defaultParallelism)
  }

  /// `VALUE` or `MIN-MAX`.
  static func range(
    _ text: String, option: String, parse: (Substring) -> Int64?
  ) throws(UploadOptionError) -> ClosedRange<Int64> {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let values = parts.map { parse($0.trimmingSpaces) }
    guard (1...2).contains(parts.count), let low = values.first ?? nil, let high = values.last ?? nil else {
      let example = option == "--parallel" ? "4 or 2-8" : "8MiB or 1MiB-16MiB"
      throw UploadOptionError("\(option) expects VALUE or MIN-MAX (e.g. \(example)), got \"\(text)\"")
    }
    guard low >= 1 else { throw UploadOptionError("\(option) must be at least 1, got \"\(text)\"") }
    guard low <= high else { throw UploadOptionError("\(option) \(text): the minimum is larger than the maximum") }
    return low...high
  }

  /// `1048576`, `512K`, `512KiB`, `8M`, `8MB`, `8MiB`, `1G`, `1GiB` (all units are powers of 1024).
  static func byteCount(_ text: Substring) -> Int64? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int64(digits) else { return nil }
    let shifts: [String: Int64] = [
      "": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
      "g": 30, "gb": 30, "gib": 30,
    ]
    guard let shift = shifts[text.dropFirst(digits.count).lowercased()] else { return nil }
    let (value, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
    return overflow ? nil : value
  }

  static func count(_ text: Substring) -> Int64? {
    guard let value = Int64(text), value <= 1024 else { return nil }
    return value
  }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var text = self
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return text
  }
}
