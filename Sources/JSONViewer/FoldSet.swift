/// Which `open` rows are folded: one bit per row, so folding every node of a 50 MB document
/// costs a few hundred kilobytes and a test is one shift.
public struct FoldSet: Sendable, Hashable {
  private var words: [UInt64]

  public init(rowCount: Int) { words = Array(repeating: 0, count: (rowCount + 63) / 64) }

  public func contains(_ row: Int) -> Bool {
    guard row >= 0, row / 64 < words.count else { return false }
    return words[row / 64] & (1 << UInt64(row % 64)) != 0
  }

  public mutating func insert(_ row: Int) {
    guard row >= 0, row / 64 < words.count else { return }
    words[row / 64] |= 1 << UInt64(row % 64)
  }

  public mutating func remove(_ row: Int) {
    guard row >= 0, row / 64 < words.count else { return }
    words[row / 64] &= ~(1 << UInt64(row % 64))
  }

  public mutating func removeAll() {
    for index in words.indices { words[index] = 0 }
  }

  public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}
