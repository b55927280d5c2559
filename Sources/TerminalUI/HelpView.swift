/// The help overlay: every binding, in two columns when the screen is wide enough. When the
/// screen is too small to hold them all, ↑↓ j k PgUp PgDn Space Home End and the wheel scroll it
/// (both columns together); any other key closes it.
struct HelpOverlay {
  static let columnWidth = 38

  var lines: [StyledLine]
  var columnCount: Int
  /// Lines in the longest column.
  var perColumn: Int
  /// Index of the first line of the second column.
  var split: Int
  var x: Int
  var y: Int
  var width: Int
  var height: Int

  init(width screenWidth: Int, height screenHeight: Int) {
    lines = []
    var sectionStarts: [Int] = []
    for section in KeyBindings.sections {
      sectionStarts.append(lines.count)
      lines.append([Span(section.title, .title)])
      for binding in section.bindings {
        lines.append([Span(" " + binding.keys.padded(toWidth: 12), .accent), Span(binding.action)])
      }
    }
    let rows = screenHeight - 4
    columnCount = lines.count > rows && screenWidth >= Self.columnWidth * 2 + 2 ? 2 : 1
    // The second column starts with a section when that still fits; else halfway.
    let count = lines.count
    let evenSplit = (count + columnCount - 1) / columnCount
    let atSection = sectionStarts.filter { max($0, count - $0) <= rows }.min {
      max($0, count - $0) < max($1, count - $1)
    }
    split = columnCount == 2 ? (atSection ?? evenSplit) : count
    perColumn = max(split, count - split)
    width = min(screenWidth - 2, Self.columnWidth * columnCount + 2)
    height = min(screenHeight - 2, perColumn + 2)
    x = (screenWidth - width) / 2
    y = (screenHeight - height) / 2
  }

  init(_ model: Model) { self.init(width: model.width, height: model.height) }

  /// Lines of each column on screen at once.
  var visibleRows: Int { max(1, height - 2) }
  var maxScroll: Int { max(0, perColumn - visibleRows) }
  var isScrollable: Bool { maxScroll > 0 }

  /// How far a key scrolls; nil for keys that close the help.
  func scrollDelta(for key: Key) -> Int? {
    let page = max(1, visibleRows - 1)
    switch key {
    case .up, .character("k"): return -1
    case .down, .character("j"): return 1
    case .pageUp: return -page
    case .pageDown, .character(" "): return page
    case .home: return -perColumn
    case .end: return perColumn
    default: return nil
    }
  }

  func clamped(_ scroll: Int) -> Int { max(0, min(maxScroll, scroll)) }
}

func drawHelp(_ canvas: inout Canvas, _ model: Model) {
  let help = HelpOverlay(model)
  let scroll = help.clamped(model.helpScroll)
  let rows = help.visibleRows
  let title =
    help.isScrollable
    ? "Keys \(scroll + 1)-\(scroll + rows)/\(help.perColumn) · ↑↓ scroll" : "Keys · any key closes"
  drawBox(
    &canvas, x: help.x, y: help.y, width: help.width, height: help.height, title: title, colors: model.colorMode)
  if help.isScrollable {
    canvas.put(
      " other keys close ", x: help.x + 2, y: help.y + help.height - 1, style: model.colorMode.style(.dim),
      maxX: help.x + help.width - 2)
  }
  for (index, line) in help.lines.enumerated() {
    let column = index < help.split ? 0 : 1
    let row = index - column * help.split - scroll
    guard row >= 0, row < rows else { continue }
    let lineX = help.x + 1 + column * HelpOverlay.columnWidth
    canvas.put(
      line, x: lineX, y: help.y + 1 + row, maxX: min(help.x + help.width - 1, lineX + HelpOverlay.columnWidth),
      colors: model.colorMode)
  }
}

/// Keys while the help is open: scrolling keys scroll it when it does not fit, `q` quits,
/// anything else closes it.
func handleHelpKey(_ model: inout Model, _ key: Key) -> [Command] {
  let help = HelpOverlay(model)
  if help.isScrollable, let delta = help.scrollDelta(for: key) {
    model.helpScroll = help.clamped(help.clamped(model.helpScroll) + delta)
    return []
  }
  closeHelp(&model)
  return key == .character("q") ? quit(&model) : []
}

/// The wheel scrolls the help; a click closes it.
func handleHelpMouse(_ model: inout Model, _ event: MouseEvent) {
  let help = HelpOverlay(model)
  switch event {
  case .scrollUp: model.helpScroll = help.clamped(help.clamped(model.helpScroll) - 3)
  case .scrollDown: model.helpScroll = help.clamped(help.clamped(model.helpScroll) + 3)
  case .click: closeHelp(&model)
  }
}

func openHelp(_ model: inout Model) {
  model.showHelp = true
  model.helpScroll = 0
}

func closeHelp(_ model: inout Model) {
  model.showHelp = false
  model.helpScroll = 0
}
