import TerminalUI

/// Which cells of `new` must be drawn given what `old` put on the screen. ncurses compares
/// its own virtual screen too, but skipping unchanged cells here saves building and passing
/// thousands of `cchar_t`s per frame.
public enum CanvasDiff {
  /// Changed cells as (x, y), row by row. Every cell when the sizes differ or there is no old
  /// canvas. A changed continuation cell brings its wide character's first half along.
  public static func changedCells(from old: Canvas?, to new: Canvas) -> [(x: Int, y: Int)] {
    var result: [(x: Int, y: Int)] = []
    let sameSize = old.map { $0.width == new.width && $0.height == new.height } ?? false
    for y in 0..<new.height {
      var lastAdded = -1
      for x in 0..<new.width {
        let cell = new[x, y]
        if sameSize, let old, old[x, y] == cell { continue }
        if cell.isContinuation {
          if x > 0, lastAdded != x - 1 { result.append((x - 1, y)) }
          lastAdded = x - 1
          continue
        }
        result.append((x, y))
        lastAdded = x
      }
    }
    return result
  }
}
