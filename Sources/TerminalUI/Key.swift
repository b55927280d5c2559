/// A key press, decoded by `Curses` from ncurses key codes.
public enum Key: Sendable, Hashable {
  case character(Character)
  case enter, escape, tab, backTab, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  case wordLeft, wordRight
  /// Ctrl plus a letter, lowercase ("c" for Ctrl-C).
  case control(Character)
  /// F1...F12.
  case function(Int)
}

/// A mouse event at a screen cell.
public enum MouseEvent: Sendable, Hashable {
  case click(x: Int, y: Int)
  case scrollUp(x: Int, y: Int)
  case scrollDown(x: Int, y: Int)
}
