import CNCurses
import TerminalUI

/// What `wget_wch` returned: a character, or a key code (`KEY_CODE_YES`).
public enum RawInput: Sendable, Hashable {
  case character(UInt32)
  case keyCode(Int32)
}

/// Turns ncurses input into `Key`s. Alt-b / Alt-f (ESC then the letter, as readline sends
/// word jumps) arrive as two inputs, so an ESC is held until the next input or the end of the
/// batch decides what it was.
public struct KeyDecoder: Sendable {
  /// Key codes ncurses assigned to Ctrl-Left/Ctrl-Right (terminfo `kLFT5`/`kRIT5`), when the
  /// terminal has them: they are not constants but numbered at start-up.
  public var wordLeftCodes: Set<Int32>
  public var wordRightCodes: Set<Int32>
  private var pendingEscape = false

  public init(wordLeftCodes: Set<Int32> = [], wordRightCodes: Set<Int32> = []) {
    self.wordLeftCodes = wordLeftCodes
    self.wordRightCodes = wordRightCodes
  }

  /// Decodes one input; `nil` while it waits (after ESC) or for codes it ignores. Mouse and
  /// resize codes are the caller's: they need more ncurses calls.
  public mutating func decode(_ input: RawInput) -> [Key] {
    if pendingEscape {
      pendingEscape = false
      switch input {
      case .character(0x62): return [.wordLeft]  // ESC b
      case .character(0x66): return [.wordRight]  // ESC f
      case .character(0x1B):
        pendingEscape = true
        return [.escape]
      default: return [.escape] + decodeFresh(input)
      }
    }
    return decodeFresh(input)
  }

  /// Ends a batch of input: a held ESC was a lone Escape key.
  public mutating func flush() -> [Key] {
    guard pendingEscape else { return [] }
    pendingEscape = false
    return [.escape]
  }

  private mutating func decodeFresh(_ input: RawInput) -> [Key] {
    switch input {
    case .character(let code): return Self.character(code, pendingEscape: &pendingEscape)
    case .keyCode(let code): return Self.keyCode(code, wordLeft: wordLeftCodes, wordRight: wordRightCodes)
    }
  }

  private static func character(_ code: UInt32, pendingEscape: inout Bool) -> [Key] {
    switch code {
    case 0x0A, 0x0D: return [.enter]
    case 0x09: return [.tab]
    case 0x08, 0x7F: return [.backspace]
    case 0x1B:
      pendingEscape = true
      return []
    case 0x01...0x1A:
      return [.control(Character(Unicode.Scalar(UInt8(0x60 + code))))]
    case 0x00..<0x20: return []
    default:
      guard let scalar = Unicode.Scalar(code) else { return [] }
      return [.character(Character(scalar))]
    }
  }

  private static func keyCode(_ code: Int32, wordLeft: Set<Int32>, wordRight: Set<Int32>) -> [Key] {
    switch code {
    case KEY_UP: return [.up]
    case KEY_DOWN: return [.down]
    case KEY_LEFT: return [.left]
    case KEY_RIGHT: return [.right]
    case KEY_HOME: return [.home]
    case KEY_END: return [.end]
    case KEY_PPAGE: return [.pageUp]
    case KEY_NPAGE: return [.pageDown]
    case KEY_BTAB: return [.backTab]
    case KEY_BACKSPACE: return [.backspace]
    case KEY_DC: return [.delete]
    case KEY_ENTER: return [.enter]
    case rc_key_f0() + 1...rc_key_f0() + 12: return [.function(Int(code - rc_key_f0()))]
    default:
      if wordLeft.contains(code) { return [.wordLeft] }
      if wordRight.contains(code) { return [.wordRight] }
      return []
    }
  }
}
