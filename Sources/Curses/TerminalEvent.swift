import TerminalUI

/// One thing the terminal reports: a key, a mouse event, or a new size after a resize.
public enum TerminalEvent: Sendable, Hashable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
}
