import JSONValue

/// A path expression: dot-separated segments, where `*` is any one key or index and `**` any
/// run of them (`objects.*.id`, `objects.3`, `**.status`).
public struct PathExpression: Sendable, Hashable {
  public let text: String
  let segments: [String]

  public init(_ text: String) throws(SearchError) {
    let trimmed = text.split(separator: " ").joined()
    guard !trimmed.isEmpty else { throw SearchError(message: "empty path expression") }
    segments = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if segments.contains(where: \.isEmpty) {
      throw SearchError(message: "empty segment in \(trimmed) (write objects.*.id)")
    }
    // Kaltura's keys never hold brackets or stars: such a segment is a mistyped expression,
    // which would otherwise answer "0 matches" as if the document had none.
    if let bracketed = segments.first(where: { $0.contains("[") || $0.contains("]") }) {
      throw SearchError(message: "\(bracketed): an index is a segment of its own (write objects.3.id)")
    }
    if let partial = segments.first(where: { $0.contains("*") && $0 != "*" && $0 != "**" }) {
      throw SearchError(message: "\(partial): * stands for a whole key or index (write objects.*.id)")
    }
    self.text = trimmed
  }

  func matches(_ path: [String]) -> Bool { Self.match(segments[...], path[...]) }

  private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let head = pattern.first else { return path.isEmpty }
    if head == "**" {
      let rest = pattern.dropFirst()
      var tail = path
      while true {
        if match(rest, tail) { return true }
        guard !tail.isEmpty else { return false }
        tail = tail.dropFirst()
      }
    }
    guard let segment = path.first, head == "*" || head == segment else { return false }
    return match(pattern.dropFirst(), path.dropFirst())
  }
}

/// A filter in force: the rows whose path matched, and a cursor and scroll of its own.
public struct FilterState: Sendable, Hashable {
  public var expression: String
  public var rows: [Int32]
  public var cursor = 0
  public var top = 0
}

extension RowIndex {
  /// The first row of every node whose path matches, in document order.
  public func rows(matching expression: PathExpression) -> [Int32] {
    guard !isText else { return [] }
    var walker = FilterWalker(expression: expression)
    walker.visit(root)
    return walker.found
  }
}

private struct FilterWalker {
  let expression: PathExpression
  var row: Int32 = 0
  var path: [String] = []
  var found: [Int32] = []

  mutating func visit(_ value: JSONValue) {
    if expression.matches(path) { found.append(row) }
    switch value {
    case .object(let object) where !object.isEmpty:
      row += 1
      for member in object.members {
        path.append(member.key)
        visit(member.value)
        path.removeLast()
      }
      row += 1
    case .array(let items) where !items.isEmpty:
      row += 1
      for (position, item) in items.enumerated() {
        path.append(String(position))
        visit(item)
        path.removeLast()
      }
      row += 1
    default:
      row += 1
    }
  }
}

extension JSONViewer {
  public mutating func setFilter(_ expression: PathExpression) {
    filter = FilterState(expression: expression.text, rows: index.rows(matching: expression))
  }

  /// Back to the tree, where the filter's cursor was when `jump` is set.
  public mutating func clearFilter(jump: Bool = false) {
    guard let filter else { return }
    self.filter = nil
    if jump, filter.rows.indices.contains(filter.cursor) { reveal(Int(filter.rows[filter.cursor])) }
  }

  /// Moves the filter's cursor by `delta` results, keeping it on screen.
  public mutating func moveFilterCursor(by delta: Int) {
    guard var state = filter, !state.rows.isEmpty else { return }
    state.cursor = min(max(0, state.cursor + delta), state.rows.count - 1)
    if state.cursor < state.top { state.top = state.cursor }
    if state.cursor >= state.top + height { state.top = state.cursor - height + 1 }
    filter = state
  }

  /// The filter's results on screen: `path: value` per line.
  func filterLines(_ state: FilterState) -> [ViewerLine] {
    guard !state.rows.isEmpty else {
      return [
        ViewerLine(
          row: 0, indent: 0, segments: [Segment("nothing matches \(state.expression)", .preview)], isCursor: false)
      ]
    }
    let end = min(state.rows.count, state.top + height)
    return (state.top..<end).map { position in
      let row = Int(state.rows[position])
      let value = index.node(row)
      let shown: [Segment]
      switch value {
      case .object, .array: shown = Self.foldedSummary(value)
      default: shown = [Segment(Self.scalarText(value), Self.token(of: value))]
      }
      let path = index.path(row)
      return ViewerLine(
        row: row, indent: 0,
        segments: [Segment(path.isEmpty ? "." : path, .path), Segment(": ", .punctuation)] + shown,
        isCursor: position == state.cursor)
    }
  }

  /// What the filter's cursor is on; the copy keys use it.
  public var focusedRow: Int {
    if let filter, filter.rows.indices.contains(filter.cursor) { return Int(filter.rows[filter.cursor]) }
    return cursor
  }
}
