/// Terminal colours the UI uses. `.default` is the terminal's own colour.
public enum TerminalColor: UInt8, Sendable, Hashable, CaseIterable {
  case `default`, black, red, green, yellow, blue, magenta, cyan, white, gray
}

/// Cell attributes as an option set so they combine (bold + underline).
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = TextAttributes(rawValue: 1)
  public static let dim = TextAttributes(rawValue: 2)
  public static let underline = TextAttributes(rawValue: 4)
  public static let reverse = TextAttributes(rawValue: 8)
}

/// How text is drawn: colours and attributes.
public struct TextStyle: Sendable, Hashable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var attributes: TextAttributes
  public init(
    foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
  public static let plain = TextStyle()
  public static let bold = TextStyle(attributes: .bold)
  public static let dim = TextStyle(attributes: .dim)
  public static let reverse = TextStyle(attributes: .reverse)
  public static func color(_ color: TerminalColor, _ attributes: TextAttributes = []) -> TextStyle {
    TextStyle(foreground: color, attributes: attributes)
  }
}

/// One screen cell. A wide character occupies its cell and marks the next one as a continuation.
public struct Cell: Sendable, Hashable {
  public var character: Character
  public var style: TextStyle
  /// True for the right half of a wide character: nothing is drawn there.
  public var isContinuation: Bool
  public init(character: Character = " ", style: TextStyle = .plain, isContinuation: Bool = false) {
    self.character = character
    self.style = style
    self.isContinuation = isContinuation
  }
}

/// A grid of cells the view draws into; `Curses` copies it to the terminal.
public struct Canvas: Sendable, Hashable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the terminal cursor should blink (a text field being edited); nil hides it.
  public var cursor: CursorPosition?

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes `text` at (x, y), clipped to `maxX` (exclusive, default the canvas edge); returns the
  /// column after the last character written. A wide character that would straddle the clip edge
  /// is replaced by a space.
  @discardableResult
  public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: TextStyle = .plain, maxX: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return x }
    let limit = min(maxX ?? width, width)
    var column = x
    for character in text {
      if character == "\n" || character == "\t" {
        if column >= 0, column < limit { setCell(column, y, Cell(character: " ", style: style)) }
        column += 1
        continue
      }
      let cellWidth = displayWidth(of: character)
      if cellWidth == 0 { continue }
      if column >= limit { break }
      if column >= 0 {
        if cellWidth == 2 && column + 1 >= limit {
          setCell(column, y, Cell(character: " ", style: style))
        } else {
          setCell(column, y, Cell(character: character, style: style))
          if cellWidth == 2 { setCell(column + 1, y, Cell(character: " ", style: style, isContinuation: true)) }
        }
      }
      column += cellWidth
    }
    return column
  }

  /// Fills a rectangle with spaces in `style`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: TextStyle = .plain) {
    for row in max(0, y)..<min(height, y + h) {
      for column in max(0, x)..<min(width, x + w) { self[column, row] = Cell(character: " ", style: style) }
    }
  }

  /// Applies `style` to the existing cells of a run, e.g. to highlight a selected row.
  public mutating func restyle(x: Int, y: Int, width w: Int, style: TextStyle) {
    guard y >= 0, y < height else { return }
    for column in max(0, x)..<min(width, x + w) { cells[y * width + column].style = style }
  }

  /// Copies another canvas in at (x, y), clipped.
  public mutating func blit(_ other: Canvas, x: Int, y: Int) {
    for row in 0..<other.height where y + row >= 0 && y + row < height {
      for column in 0..<other.width where x + column >= 0 && x + column < width {
        self[x + column, y + row] = other[column, row]
      }
    }
  }

  /// The characters as text, one line per row, trailing spaces trimmed (for tests and snapshots).
  public func renderText() -> String {
    (0..<height).map { row in line(row) }.joined(separator: "\n")
  }

  /// One row as text, trailing spaces trimmed.
  public func line(_ row: Int) -> String {
    var text = ""
    for column in 0..<width {
      let cell = self[column, row]
      if !cell.isContinuation { text.append(cell.character) }
    }
    while text.last == " " { text.removeLast() }
    return text
  }

  private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
    // Overwriting half of a wide character blanks its other half so no stray glyph remains.
    let index = y * width + x
    if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(character: " ", style: cells[index - 1].style) }
    if !cell.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(character: " ", style: cells[index + 1].style)
    }
    cells[index] = cell
  }
}

/// A cell position for the terminal cursor.
public struct CursorPosition: Sendable, Hashable {
  public var x: Int
  public var y: Int
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}
