import JSONViewer

/// The line a viewer prompt types into: `/` a search, `:` a path filter.
public enum ViewerPrompt: Sendable, Hashable {
  case search, filter

  public var symbol: String { self == .search ? "/" : ":" }
}

/// Text to put on the clipboard, and what it is (for the footer).
public struct CopyRequest: Sendable, Hashable {
  public var text: String
  public var what: String
  public init(text: String, what: String) {
    self.text = text
    self.what = what
  }
}

/// What a key did to a viewer; the host performs the rest (open a prompt, copy, page).
enum ViewerKeyEffect: Sendable, Hashable {
  case handled, notHandled
  case prompt(ViewerPrompt)
  case copy(CopyRequest)
  case pager
}

/// The viewer's keys, the same in the console's reply area and in `recipe-console view`.
func applyViewerKey(_ viewer: inout JSONViewer, _ key: Key) -> ViewerKeyEffect {
  if viewer.filter != nil, let effect = applyFilterKey(&viewer, key) { return effect }
  switch key {
  case .down, .character("j"): viewer.moveDown()
  case .up, .character("k"): viewer.moveUp()
  case .pageDown, .control("d"), .control("f"): viewer.pageDown()
  case .pageUp, .control("u"), .control("b"): viewer.pageUp()
  case .home, .character("g"): viewer.goToTop()
  case .end, .character("G"): viewer.goToBottom()
  case .enter, .character(" "): viewer.toggleFold()
  case .character("h"): viewer.foldOrGoToParent()
  case .character("l"): viewer.unfoldOrEnter()
  case .character("z"): viewer.foldAll()
  case .character("0"): viewer.unfoldAll()
  case .character(let digit) where digit.isASCII && digit.isNumber: viewer.fold(toLevel: Int(String(digit))!)
  case .character("u"): viewer.goToParent()
  case .character("J"): viewer.goToNextSibling()
  case .character("K"): viewer.goToPreviousSibling()
  case .character("/"): return .prompt(.search)
  case .character(":"): return .prompt(.filter)
  case .character("n") where viewer.search != nil: viewer.nextMatch()
  case .character("N") where viewer.search != nil: viewer.previousMatch()
  case .escape where viewer.search != nil: viewer.clearSearch()
  case .character("y"), .character("Y"), .character("c"): return copyEffect(viewer, key)
  case .character("o"): return .pager
  default: return .notHandled
  }
  return .handled
}

/// Keys of the filter's list; nil for those that work as in the tree.
private func applyFilterKey(_ viewer: inout JSONViewer, _ key: Key) -> ViewerKeyEffect? {
  switch key {
  case .escape: viewer.clearFilter()
  case .enter: viewer.clearFilter(jump: true)
  case .down, .character("j"): viewer.moveFilterCursor(by: 1)
  case .up, .character("k"): viewer.moveFilterCursor(by: -1)
  case .pageDown, .control("d"), .control("f"): viewer.moveFilterCursor(by: viewer.height - 1)
  case .pageUp, .control("u"), .control("b"): viewer.moveFilterCursor(by: 1 - viewer.height)
  case .home, .character("g"): viewer.moveFilterCursor(by: Int(Int32.min))
  case .end, .character("G"): viewer.moveFilterCursor(by: Int(Int32.max))
  case .character("y"), .character("Y"), .character("c"), .character(":"), .character("o"): return nil
  case .character("/"):
    viewer.clearFilter(jump: true)
    return .prompt(.search)
  // Other keys are the host's (q quits, Tab moves on); the tree's own keys wait for Esc.
  default: return .notHandled
  }
  return .handled
}

/// `y` the value, `Y` its path, `c` the subtree as compact JSON.
private func copyEffect(_ viewer: JSONViewer, _ key: Key) -> ViewerKeyEffect {
  let path = viewer.cursorPath.isEmpty ? "the document" : viewer.cursorPath
  switch key {
  case .character("Y"): return .copy(CopyRequest(text: viewer.cursorPath, what: "path \(path)"))
  case .character("c"): return .copy(CopyRequest(text: viewer.cursorSubtreeJSON, what: "JSON of \(path)"))
  default: return .copy(CopyRequest(text: viewer.cursorValueText, what: "value of \(path)"))
  }
}

/// The line shown with a viewer: the cursor's path, and the search's count or the filter's.
func viewerStatusText(_ viewer: JSONViewer) -> String {
  if let filter = viewer.filter {
    return ":\(filter.expression) · \(filter.rows.count) match\(filter.rows.count == 1 ? "" : "es") · Esc back"
  }
  var text = viewer.cursorPath.isEmpty ? "." : viewer.cursorPath
  if let search = viewer.search { text += " · /\(search.pattern) " + search.countText }
  return text
}
