/// What a piece of text is; `style(_:)` turns it into colours for the model's `ColorMode`.
enum Role: Sendable, Hashable {
  case plain, title, dim, accent, selected, focusBar
  case ok, error, warning, running, recorded
  case jsonKey, jsonString, jsonNumber, jsonLiteral, jsonPunctuation
  case emphasis, strong, code, link, heading
  case difference
}

extension ColorMode {
  /// The style of a role. Without colours, attributes alone keep roles apart (reverse for
  /// selection, bold for titles, underline for links and differences).
  func style(_ role: Role) -> TextStyle {
    let full = fullStyle(role)
    switch self {
    case .full: return full
    case .eight:
      var style = full
      if style.foreground == .gray {
        style.foreground = .default
        style.attributes.insert(.dim)
      }
      if style.background == .gray { style.background = .black }
      return style
    case .none:
      var attributes = full.attributes
      if role == .error || role == .difference { attributes.insert(.bold) }
      return TextStyle(attributes: attributes)
    }
  }

  private func fullStyle(_ role: Role) -> TextStyle {
    switch role {
    case .plain: return .plain
    case .title: return .color(.cyan, .bold)
    case .dim: return .color(.gray)
    case .accent: return .color(.cyan)
    case .selected: return .reverse
    case .focusBar: return TextStyle(foreground: .black, background: .cyan)
    case .ok: return .color(.green)
    case .error: return .color(.red, .bold)
    case .warning: return .color(.yellow)
    case .running: return .color(.yellow)
    case .recorded: return .color(.magenta)
    case .jsonKey: return .color(.cyan)
    case .jsonString: return .color(.green)
    case .jsonNumber: return .color(.yellow)
    case .jsonLiteral: return .color(.magenta)
    case .jsonPunctuation: return .plain
    case .emphasis: return TextStyle(attributes: .underline)
    case .strong: return .bold
    case .code: return .color(.yellow)
    case .link: return .color(.blue, .underline)
    case .heading: return .bold
    case .difference: return TextStyle(foreground: .black, background: .yellow)
    }
  }
}

/// A run of text in one role.
struct Span: Sendable, Hashable {
  var text: String
  var role: Role
  init(_ text: String, _ role: Role = .plain) {
    self.text = text
    self.role = role
  }
}

typealias StyledLine = [Span]

extension Canvas {
  /// Draws styled spans from (x, y), clipped at `maxX`; returns the column after the text.
  @discardableResult
  mutating func put(_ line: StyledLine, x: Int, y: Int, maxX: Int, colors: ColorMode) -> Int {
    var column = x
    for span in line {
      column = put(span.text, x: column, y: y, style: colors.style(span.role), maxX: maxX)
    }
    return column
  }
}
