import TerminalUI
import Testing

@testable import Curses

@Suite struct ColorTests {
  @Test func noColorWinsOverTheTerminal() {
    #expect(ColorDepth.choose(terminalColors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .none)
    #expect(ColorDepth.choose(terminalColors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .extended(256))
  }

  @Test func depthFollowsTheTerminal() {
    #expect(ColorDepth.choose(terminalColors: 8, hasColors: true, environment: [:]) == .eight)
    #expect(ColorDepth.choose(terminalColors: 16, hasColors: true, environment: [:]) == .extended(16))
    #expect(ColorDepth.choose(terminalColors: 256, hasColors: false, environment: [:]) == .none)
    #expect(ColorDepth.choose(terminalColors: 2, hasColors: true, environment: [:]) == .none)
  }

  @Test func grayDegradesWithTheDepth() {
    let rich = ColorPalette(depth: .extended(256), hasDefaultColors: true, maximumPairs: 256)
    let sixteen = ColorPalette(depth: .extended(16), hasDefaultColors: true, maximumPairs: 256)
    let eight = ColorPalette(depth: .eight, hasDefaultColors: true, maximumPairs: 64)
    #expect(rich.number(.gray, isForeground: true) == 244)
    #expect(sixteen.number(.gray, isForeground: true) == 8)
    #expect(eight.number(.gray, isForeground: true) == 7)
    #expect(eight.needsDim(.color(.gray)))
    #expect(!rich.needsDim(.color(.gray)))
  }

  @Test func defaultColorIsMinusOneOnlyWhenTheTerminalKeepsItsOwn() {
    let keeps = ColorPalette(depth: .eight, hasDefaultColors: true, maximumPairs: 64)
    let fixed = ColorPalette(depth: .eight, hasDefaultColors: false, maximumPairs: 64)
    #expect(keeps.number(.default, isForeground: true) == -1)
    #expect(fixed.number(.default, isForeground: true) == 7)
    #expect(fixed.number(.default, isForeground: false) == 0)
  }

  @Test func pairsAreAllocatedOnceAndRunOutToZero() {
    var palette = ColorPalette(depth: .eight, hasDefaultColors: true, maximumPairs: 3)
    let red = palette.pair(for: .color(.red))
    #expect(red.pair == 1)
    #expect(red.created.map { [$0.0, $0.1] } == [1, -1])
    #expect(palette.pair(for: .color(.red, .bold)).pair == 1)
    #expect(palette.pair(for: .color(.red)).created == nil)
    #expect(palette.pair(for: .color(.green)).pair == 2)
    #expect(palette.pair(for: .color(.blue)).pair == 0)
    #expect(palette.pair(for: .plain).pair == 0)
  }

  @Test func noColorsMeansPairZero() {
    var palette = ColorPalette(depth: .none, hasDefaultColors: true, maximumPairs: 256)
    #expect(palette.pair(for: TextStyle(foreground: .red, background: .blue)).pair == 0)
  }
}

@Suite struct EditorCommandTests {
  @Test func visualThenEditorThenVi() {
    #expect(Terminal.editorCommand(environment: ["VISUAL": "nano", "EDITOR": "vim"]) == "nano")
    #expect(Terminal.editorCommand(environment: ["VISUAL": " ", "EDITOR": "code --wait"]) == "code --wait")
    #expect(Terminal.editorCommand(environment: [:]) == "vi")
  }
}
