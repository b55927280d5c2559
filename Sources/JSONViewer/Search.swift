import JSONValue

/// A search in force: the pattern, the rows it matched (in order), and which one is current.
public struct SearchState: Sendable, Hashable {
  public var pattern: String
  public var matches: [Int32]
  /// Index into `matches`; nil before the first jump.
  public var current: Int?

  /// "3 of 17", or "no match".
  public var countText: String {
    guard !matches.isEmpty else { return "no match for /\(pattern)" }
    return "\(current.map { $0 + 1 } ?? 0) of \(matches.count)"
  }
}

extension RowIndex {
  /// Rows whose key or scalar value matches `pattern`, in document order. `shouldStop` is
  /// asked every few thousand rows so a search on a big document can be cancelled; it then
  /// returns nil.
  public func rows(matching pattern: String, shouldStop: () -> Bool = { false }) throws(SearchError) -> [Int32]? {
    let matcher = try TextMatcher(pattern)
    var found: [Int32] = []
    if isText {
      for (row, line) in textLines.enumerated() {
        if row % 4096 == 0, shouldStop() { return nil }
        if matcher.matches(line) { found.append(Int32(row)) }
      }
      return found
    }
    var walker = SearchWalker(matcher: matcher)
    walker.visit(root, key: nil, shouldStop)
    return walker.stopped ? nil : walker.found
  }
}

/// Walks the tree in row order (the order `RowIndex` numbers rows), so no row is looked up.
private struct SearchWalker {
  let matcher: TextMatcher
  var row: Int32 = 0
  var found: [Int32] = []
  var stopped = false

  mutating func visit(_ value: JSONValue, key: String?, _ shouldStop: () -> Bool) {
    if stopped { return }
    if row & 4095 == 0, shouldStop() {
      stopped = true
      return
    }
    let keyMatches = key.map(matcher.matches) ?? false
    switch value {
    case .object(let object) where !object.isEmpty:
      if keyMatches { found.append(row) }
      row += 1
      for member in object.members { visit(member.value, key: member.key, shouldStop) }
      row += 1
    case .array(let items) where !items.isEmpty:
      if keyMatches { found.append(row) }
      row += 1
      for item in items { visit(item, key: nil, shouldStop) }
      row += 1
    default:
      if keyMatches || matcher.matches(value.matchText) { found.append(row) }
      row += 1
    }
  }
}

extension JSONViewer {
  /// Starts a search with rows found already (the host may have searched off its loop) and
  /// goes to the first match at or after the cursor.
  public mutating func setSearch(pattern: String, matches: [Int32]) {
    search = SearchState(pattern: pattern, matches: matches, current: nil)
    filter = nil
    nextMatch()
  }

  /// Searches here and now (small documents).
  public mutating func search(_ pattern: String) throws(SearchError) {
    setSearch(pattern: pattern, matches: try index.rows(matching: pattern) ?? [])
  }

  public mutating func clearSearch() { search = nil }

  /// The next match after the cursor (wrapping), unfolding what hides it.
  public mutating func nextMatch() { jumpToMatch(forward: true) }

  public mutating func previousMatch() { jumpToMatch(forward: false) }

  private mutating func jumpToMatch(forward: Bool) {
    guard var state = search, !state.matches.isEmpty else { return }
    let matches = state.matches
    let here = Int32(cursor)
    let target: Int
    if forward {
      // First match after the cursor; on the first jump the cursor row itself counts.
      let strictlyAfter = state.current != nil
      target = Self.firstIndex(in: matches) { strictlyAfter ? $0 > here : $0 >= here } ?? 0
    } else {
      let firstNotBefore = Self.firstIndex(in: matches) { $0 >= here } ?? matches.count
      target = firstNotBefore == 0 ? matches.count - 1 : firstNotBefore - 1
    }
    state.current = target
    search = state
    reveal(Int(matches[target]))
  }

  /// Binary search for the first element satisfying a predicate that is false then true.
  private static func firstIndex(in rows: [Int32], where predicate: (Int32) -> Bool) -> Int? {
    var low = 0
    var high = rows.count
    while low < high {
      let middle = (low + high) / 2
      if predicate(rows[middle]) { high = middle } else { low = middle + 1 }
    }
    return low < rows.count ? low : nil
  }
}
