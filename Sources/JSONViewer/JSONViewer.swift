import JSONValue

/// A document on screen: its row index, what is folded, the cursor, the first row shown,
/// and the search or filter in force. A value: the host keeps one per tab and step, so each
/// keeps its scroll and folds. Every move costs at most a screen of rows, whatever the size.
public struct JSONViewer: Sendable {
  public let index: RowIndex
  public private(set) var folds: FoldSet
  /// The row under the cursor; always a visible row.
  public private(set) var cursor = 0
  /// The first row on screen; always a visible row.
  public private(set) var top = 0
  /// Rows on screen; the host sets it from its layout before a key is applied.
  public var height: Int {
    didSet { height = max(1, height) }
  }
  public internal(set) var search: SearchState?
  public internal(set) var filter: FilterState?

  public init(_ index: RowIndex, height: Int = 20) {
    self.index = index
    self.height = max(1, height)
    folds = FoldSet(rowCount: index.count)
  }

  public init(_ value: JSONValue, height: Int = 20) { self.init(RowIndex(value), height: height) }

  // MARK: - Visibility

  public func isFolded(_ row: Int) -> Bool { folds.contains(row) }

  /// The visible row standing for `row`: itself, or the outermost folded node holding it.
  public func visibleRow(for row: Int) -> Int {
    guard index.count > 0 else { return 0 }
    var shown = min(max(0, row), index.count - 1)
    if index.kind(shown) == .close, folds.contains(index.partner(shown)) { shown = index.partner(shown) }
    var up = index.parent(shown)
    while let ancestor = up {
      if folds.contains(ancestor) { shown = ancestor }
      up = index.parent(ancestor)
    }
    return shown
  }

  /// The visible row after a visible `row`, nil at the end.
  public func nextVisible(_ row: Int) -> Int? {
    let next = index.kind(row) == .open && folds.contains(row) ? index.partner(row) + 1 : row + 1
    return next < index.count ? next : nil
  }

  /// The visible row before a visible `row`, nil at the start.
  public func previousVisible(_ row: Int) -> Int? {
    guard row > 0 else { return nil }
    let previous = row - 1
    if index.kind(previous) == .close, folds.contains(index.partner(previous)) { return index.partner(previous) }
    return previous
  }

  /// The rows on screen, from `top`.
  public func visibleRows() -> [Int] {
    guard index.count > 0 else { return [] }
    var rows: [Int] = [top]
    while rows.count < height, let next = nextVisible(rows[rows.count - 1]) { rows.append(next) }
    return rows
  }

  /// The last visible row of the document.
  public var lastVisibleRow: Int { visibleRow(for: index.count - 1) }

  // MARK: - Moving

  public mutating func moveDown(_ count: Int = 1) {
    for _ in 0..<max(0, count) {
      guard let next = nextVisible(cursor) else { break }
      cursor = next
    }
    keepCursorOnScreen()
  }

  public mutating func moveUp(_ count: Int = 1) {
    for _ in 0..<max(0, count) {
      guard let previous = previousVisible(cursor) else { break }
      cursor = previous
    }
    keepCursorOnScreen()
  }

  public mutating func pageDown() {
    // The screen moves with the cursor, as in a pager.
    for _ in 0..<max(1, height - 1) {
      guard let next = nextVisible(cursor) else { break }
      cursor = next
      if let nextTop = nextVisible(top) { top = nextTop }
    }
    clampTopToEnd()
    keepCursorOnScreen()
  }

  public mutating func pageUp() {
    for _ in 0..<max(1, height - 1) {
      guard let previous = previousVisible(cursor) else { break }
      cursor = previous
      if let previousTop = previousVisible(top) { top = previousTop }
    }
    keepCursorOnScreen()
  }

  public mutating func goToTop() {
    cursor = 0
    top = 0
  }

  public mutating func goToBottom() {
    cursor = lastVisibleRow
    keepCursorOnScreen()
  }

  /// Puts the cursor on `row` (unfolding what hides it) and scrolls it into sight.
  public mutating func reveal(_ row: Int) {
    guard index.count > 0 else { return }
    let target = min(max(0, row), index.count - 1)
    var up = index.parent(index.nodeRow(target))
    while let ancestor = up {
      folds.remove(ancestor)
      up = index.parent(ancestor)
    }
    if index.kind(target) == .close { folds.remove(index.partner(target)) }
    cursor = target
    keepCursorOnScreen(centering: true)
  }

  public mutating func goToParent() {
    guard let up = index.parent(index.nodeRow(cursor)) else { return }
    cursor = up
    keepCursorOnScreen()
  }

  public mutating func goToNextSibling() {
    let node = index.nodeRow(cursor)
    guard let up = index.parent(node) else { return }
    let next = index.lastRow(ofNode: node) + 1
    guard next < index.partner(up) else { return }
    cursor = next
    keepCursorOnScreen()
  }

  public mutating func goToPreviousSibling() {
    let node = index.nodeRow(cursor)
    guard let up = index.parent(node), node - 1 > up else { return }
    cursor = index.nodeRow(node - 1)
    keepCursorOnScreen()
  }

  /// Scrolls so the cursor is on screen, moving `top` as little as possible (or centring it).
  public mutating func keepCursorOnScreen(centering: Bool = false) {
    cursor = visibleRow(for: cursor)
    top = visibleRow(for: top)
    if cursor < top {
      top = cursor
    } else {
      var row = top
      var shown = 1
      while row != cursor, shown <= height, let next = nextVisible(row) {
        row = next
        shown += 1
      }
      if shown > height || row != cursor {
        top = cursor
        for _ in 0..<(centering ? height / 2 : height - 1) {
          guard let previous = previousVisible(top) else { break }
          top = previous
        }
      }
    }
    clampTopToEnd()
  }

  /// No empty screen below the last row while there are rows above.
  mutating func clampTopToEnd() {
    var row = top
    var shown = 1
    while shown < height, let next = nextVisible(row) {
      row = next
      shown += 1
    }
    while shown < height, let previous = previousVisible(top) {
      top = previous
      shown += 1
    }
  }

  // MARK: - Folding

  /// Folds or unfolds the node under the cursor (its container, on a scalar inside one).
  public mutating func toggleFold() {
    let node = index.nodeRow(cursor)
    if index.kind(node) == .open {
      if folds.contains(node) { folds.remove(node) } else { folds.insert(node) }
      cursor = node
    } else if let up = index.parent(node) {
      folds.insert(up)
      cursor = up
    }
    keepCursorOnScreen()
  }

  /// `h`: folds the node, or when it is folded already (or a scalar), goes to its parent.
  public mutating func foldOrGoToParent() {
    let node = index.nodeRow(cursor)
    if index.kind(node) == .open, !folds.contains(node) {
      folds.insert(node)
      cursor = node
      keepCursorOnScreen()
    } else {
      goToParent()
    }
  }

  /// `l`: unfolds the node, or when it is open already, goes to its first child.
  public mutating func unfoldOrEnter() {
    let node = index.nodeRow(cursor)
    guard index.kind(node) == .open else { return }
    if folds.contains(node) {
      folds.remove(node)
      cursor = node
    } else {
      cursor = node + 1
    }
    keepCursorOnScreen()
  }

  public mutating func foldAll() { fold(toLevel: 0) }

  public mutating func unfoldAll() {
    folds.removeAll()
    keepCursorOnScreen()
  }

  /// Shows `level` levels of nesting: every container that deep or deeper is folded.
  public mutating func fold(toLevel level: Int) {
    folds.removeAll()
    for row in 0..<index.count where index.kinds[row] == RowKind.open.rawValue && index.depth(row) >= level {
      folds.insert(row)
    }
    keepCursorOnScreen()
  }

  // MARK: - What the cursor is on

  // The filter's cursor when a filter is shown, the tree's otherwise (`focusedRow`).

  public var cursorPath: String { index.path(focusedRow) }

  /// The value under the cursor as a person copies it: a string without quotes, anything else
  /// as compact JSON.
  public var cursorValueText: String { index.node(focusedRow).displayText }

  /// The subtree under the cursor as compact JSON.
  public var cursorSubtreeJSON: String { index.node(focusedRow).compactText }

  public var cursorIsContainer: Bool { index.kind(focusedRow) != .scalar }
}
