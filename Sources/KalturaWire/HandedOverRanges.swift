/// File bytes a transport handed to a connection: `count` bytes of the file from `offset`.
public struct FileBytesHandedOver: Sendable, Hashable {
  public var offset: Int64
  public var count: Int

  public init(offset: Int64, count: Int) {
    self.offset = offset
    self.count = count
  }

  public var range: Range<Int64> { offset..<(offset + Int64(count)) }
}

/// The distinct file ranges handed over, kept as sorted disjoint intervals. A chunk sent again
/// (a retry, whole or after failing mid-way) covers what it covered before and adds nothing,
/// so the bytes counted are those of the file a connection took at least once.
public struct HandedOverRanges: Sendable, Hashable {
  private var ranges: [Range<Int64>] = []

  public init() {}

  public mutating func insert(_ range: Range<Int64>) {
    guard !range.isEmpty else { return }
    var merged = range
    var kept: [Range<Int64>] = []
    kept.reserveCapacity(ranges.count + 1)
    // Touching intervals merge too: consecutive blocks of one chunk stay one interval.
    for existing in ranges {
      if existing.upperBound < merged.lowerBound || existing.lowerBound > merged.upperBound {
        kept.append(existing)
      } else {
        merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
      }
    }
    let index = kept.firstIndex { $0.lowerBound > merged.lowerBound } ?? kept.endIndex
    kept.insert(merged, at: index)
    ranges = kept
  }

  /// The bytes covered by the ranges and by `0..<heldPrefix` (what the server held before any
  /// of them was sent), each byte once.
  public func byteCount(withHeldPrefix heldPrefix: Int64) -> Int64 {
    let prefix = max(0, heldPrefix)
    var count = prefix
    for range in ranges where range.upperBound > prefix {
      count += range.upperBound - max(range.lowerBound, prefix)
    }
    return count
  }
}
