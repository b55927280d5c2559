import APISchema
import JSONValue
import JSONViewer

/// `recipe-console view FILE`: one document full screen, with the keys of the console's
/// viewer. Elm-style like the console: `update` changes it, `view` draws it.
public struct ViewerScreen: Sendable {
  public var viewer: JSONViewer
  /// The file name (or "stdin") and what it is, for the top line.
  public var title: String
  public var width: Int
  public var height: Int
  public var colorMode: ColorMode
  public var prompt: (kind: ViewerPrompt, editor: LineEditor)?
  public var message: String?
  public var pendingSearch: SearchJob?
  var searchGeneration = 0
  /// A `KalturaAPIException` document's card above the tree, as the console's Reply tab shows
  /// it; laid out once, when the document is loaded.
  var errorCard: [StyledLine] = []
  /// What is said beside values: dates until a spec is given, then enum labels too.
  var annotate: Annotator = { key, value, _ in KalturaSense.dateNote(key: key, value: value) }

  public init(index: RowIndex, title: String, width: Int, height: Int, colorMode: ColorMode = .full) {
    self.title = title
    self.width = width
    self.height = height
    self.colorMode = colorMode
    viewer = JSONViewer(index, height: max(1, height - 3))
  }

  /// Labels enum values from the spec (`"status": 2  READY`), beside the dates.
  public mutating func labelEnums(from document: APIDocument) { annotate = KalturaSense.annotator(document) }

  /// Shows the error card when `document` is a `KalturaAPIException`.
  public mutating func showErrorCard(of document: JSONValue) {
    errorCard = KalturaSense.errorCard(reply: document) ?? []
    viewer.height = viewerHeight
  }

  /// Rows for the document: all but the title, the error card, status and message lines.
  var viewerHeight: Int { max(1, height - 3 - errorCard.count) }
}

/// Work for the runtime of `recipe-console view`.
public enum ViewerScreenCommand: Sendable, Hashable {
  case copyToClipboard(CopyRequest)
  case showInPager(text: String)
  case search(SearchJob)
  case cancelSearch
  case quit
}

public func update(_ screen: inout ViewerScreen, _ message: Message) -> [ViewerScreenCommand] {
  switch message {
  case .key(let key): return handleViewerScreenKey(&screen, key)
  case .resize(let width, let height):
    screen.width = max(0, width)
    screen.height = max(0, height)
    screen.viewer.height = screen.viewerHeight
    screen.viewer.keepCursorOnScreen()
  case .searchFinished(let job, let matches, let error):
    guard screen.pendingSearch == job else { return [] }
    screen.pendingSearch = nil
    if let matches {
      screen.viewer.setSearch(pattern: job.pattern, matches: matches)
      screen.message = screen.viewer.search.map { "/\(job.pattern): " + $0.countText }
    } else {
      screen.message = "! " + (error ?? "search failed")
    }
  case .notice(let text): screen.message = text
  default: break
  }
  return []
}

private func handleViewerScreenKey(_ screen: inout ViewerScreen, _ key: Key) -> [ViewerScreenCommand] {
  if key == .control("c") { return [.quit] }
  if let (kind, editor) = screen.prompt { return handleScreenPromptKey(&screen, key, kind, editor) }
  if key == .escape, screen.pendingSearch != nil {
    screen.pendingSearch = nil
    screen.message = "Search cancelled"
    return [.cancelSearch]
  }
  screen.viewer.height = screen.viewerHeight
  switch applyViewerKey(&screen.viewer, key) {
  case .handled:
    // The status line carries the cursor's path and the search count from here on.
    screen.message = nil
    return []
  case .prompt(let kind): screen.prompt = (kind, LineEditor(""))
  case .copy(let request): return [.copyToClipboard(request)]
  case .pager: return [.showInPager(text: pagerText(screen.viewer.index))]
  case .notHandled:
    if key == .character("q") { return [.quit] }
    if key == .escape { screen.message = nil }
  }
  return []
}

private func handleScreenPromptKey(
  _ screen: inout ViewerScreen, _ key: Key, _ kind: ViewerPrompt, _ editor: LineEditor
) -> [ViewerScreenCommand] {
  var editor = editor
  switch key {
  case .escape: screen.prompt = nil
  case .enter:
    screen.prompt = nil
    guard !editor.text.isEmpty else { return [] }
    switch startViewerPrompt(&screen.viewer, kind, editor.text, slot: nil, generation: screen.searchGeneration + 1) {
    case .done(let message): screen.message = message
    case .background(let job):
      screen.searchGeneration = job.generation
      screen.pendingSearch = job
      screen.message = "Searching /\(editor.text)… · Esc cancels"
      return [.search(job)]
    }
  default:
    if editLine(&editor, key) { screen.prompt = (kind, editor) }
  }
  return []
}

public func view(_ screen: ViewerScreen) -> Canvas {
  var canvas = Canvas(width: screen.width, height: screen.height)
  let colors = screen.colorMode
  guard screen.height >= 4, screen.width >= 10 else {
    canvas.put("too small · q quits", x: 0, y: 0)
    return canvas
  }
  let rows = screen.viewer.index.count
  let size = "\(rows) line\(rows == 1 ? "" : "s")" + (screen.viewer.index.isText ? " of text" : "")
  canvas.put(
    " " + screen.title, x: 0, y: 0, style: colors.style(.title), maxX: screen.width - displayWidth(of: size) - 2)
  canvas.put(size, x: screen.width - displayWidth(of: size) - 1, y: 0, style: colors.style(.dim))
  for (row, line) in screen.errorCard.enumerated() {
    _ = canvas.put(line, x: 1, y: 1 + row, maxX: screen.width, colors: colors)
  }
  var shown = screen.viewer
  shown.height = screen.viewerHeight
  let top = 1 + screen.errorCard.count
  drawViewer(
    &canvas, shown, ViewerArea(x: 0, y: top, width: screen.width, height: screen.viewerHeight), colors: colors,
    focused: true, annotate: screen.annotate)
  let statusY = screen.height - 2
  canvas.fill(x: 0, y: statusY, width: screen.width, height: 1, style: colors.style(.focusBar))
  let keys = "q quit · / search · : filter · Space fold · y Y c copy · o pager"
  let status = " " + viewerStatusText(screen.viewer)
  canvas.put(status, x: 0, y: statusY, style: colors.style(.focusBar), maxX: screen.width)
  let keysX = screen.width - displayWidth(of: keys) - 1
  if keysX > displayWidth(of: status) + 2 {
    canvas.put(keys, x: keysX, y: statusY, style: colors.style(.focusBar))
  }
  let messageY = screen.height - 1
  if let (kind, editor) = screen.prompt {
    canvas.put(kind.symbol, x: 0, y: messageY, style: colors.style(.strong))
    drawEditor(&canvas, editor, masked: false, x: 1, y: messageY, width: screen.width - 2, colors: colors)
  } else if let message = screen.message {
    let role: Role = message.hasPrefix("!") ? .error : .plain
    canvas.put(message, x: 1, y: messageY, style: colors.style(role), maxX: screen.width)
  }
  return canvas
}
