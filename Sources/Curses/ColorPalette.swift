import TerminalUI

/// How many colours the console uses.
public enum ColorDepth: Sendable, Hashable {
  /// `NO_COLOR` is set or the terminal has no colours: attributes only.
  case none
  /// 8 colours: gray becomes white (dimmed by the caller).
  case eight
  /// 16 or more colours: gray is a real gray.
  case extended(Int)

  /// `NO_COLOR` (any non-empty value, https://no-color.org) wins over what the terminal offers.
  public static func choose(terminalColors: Int, hasColors: Bool, environment: [String: String]) -> ColorDepth {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
    guard hasColors, terminalColors >= 8 else { return .none }
    return terminalColors >= 16 ? .extended(terminalColors) : .eight
  }
}

/// Maps `TerminalColor` to ncurses colour numbers and allocates colour pairs on first use.
struct ColorPalette {
  let depth: ColorDepth
  /// False when the terminal cannot keep its own colours (`use_default_colors` failed): then
  /// `.default` means white on black.
  let hasDefaultColors: Bool
  let maximumPairs: Int
  private var pairs: [Key: Int16] = [:]

  private struct Key: Hashable {
    var foreground: TerminalColor
    var background: TerminalColor
  }

  init(depth: ColorDepth, hasDefaultColors: Bool, maximumPairs: Int) {
    self.depth = depth
    self.hasDefaultColors = hasDefaultColors
    self.maximumPairs = maximumPairs
  }

  /// The ncurses colour number (-1 is the terminal's default).
  func number(_ color: TerminalColor, isForeground: Bool) -> Int16 {
    switch color {
    case .default: return hasDefaultColors ? -1 : (isForeground ? 7 : 0)
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .gray:
      switch depth {
      case .extended(let count) where count >= 256: return 244
      case .extended: return 8
      case .eight, .none: return 7
      }
    }
  }

  /// True when a colour needs A_DIM to look right at this depth (gray on 8 colours).
  func needsDim(_ style: TextStyle) -> Bool {
    depth == .eight && style.foreground == .gray
  }

  /// The pair for a style's colours; a new pair is the caller's to `init_pair` (returned in
  /// `created`). Pair 0 (the default) once the terminal's pairs run out, or without colours.
  mutating func pair(for style: TextStyle) -> (pair: Int16, created: (Int16, Int16)?) {
    if depth == .none || (style.foreground == .default && style.background == .default) { return (0, nil) }
    let key = Key(foreground: style.foreground, background: style.background)
    if let existing = pairs[key] { return (existing, nil) }
    let next = pairs.count + 1
    guard next < maximumPairs, next <= Int(Int16.max) else { return (0, nil) }
    let pair = Int16(next)
    pairs[key] = pair
    return (
      pair,
      (number(style.foreground, isForeground: true), number(style.background, isForeground: false))
    )
  }
}
