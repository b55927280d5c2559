import Curses
import TerminalUI
import Testing

@Suite struct CanvasDiffTests {
  private func positions(_ old: Canvas?, _ new: Canvas) -> [[Int]] {
    CanvasDiff.changedCells(from: old, to: new).map { [$0.x, $0.y] }
  }

  @Test func everythingWithoutAnOldCanvasOrAfterAResize() {
    let new = Canvas(width: 3, height: 2)
    #expect(positions(nil, new).count == 6)
    #expect(positions(Canvas(width: 2, height: 2), new).count == 6)
  }

  @Test func onlyChangedCells() {
    let old = Canvas(width: 10, height: 3)
    var new = old
    new.put("ab", x: 4, y: 1)
    new.restyle(x: 0, y: 2, width: 1, style: .bold)
    #expect(positions(old, new) == [[4, 1], [5, 1], [0, 2]])
    #expect(positions(new, new).isEmpty)
  }

  @Test func aWideCharacterIsDrawnFromItsFirstHalf() {
    let old = Canvas(width: 6, height: 1)
    var new = old
    new.put("日", x: 2, y: 0)
    #expect(positions(old, new) == [[2, 0]])
  }

  @Test func aChangedContinuationBringsItsFirstHalf() {
    var old = Canvas(width: 6, height: 1)
    old.put("日", x: 2, y: 0)
    var new = old
    new[3, 0] = Cell(character: " ", style: .bold, isContinuation: true)
    #expect(positions(old, new) == [[2, 0]])
  }
}
