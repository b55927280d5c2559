import TerminalUI
import Testing

@Suite struct ColorModeTests {
  static func cells(_ mode: ColorMode) -> [Cell] {
    var model = Fixtures.widgetModel()
    model.colorMode = mode
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1)))
    return view(model).cells
  }

  @Test func fullColourUsesColours() {
    let cells = Self.cells(.full)
    #expect(cells.contains { $0.style.foreground == .cyan })
    #expect(cells.contains { $0.style.foreground == .gray })
    #expect(cells.contains { $0.style.foreground == .green })
  }

  @Test func eightColoursAvoidGray() {
    let cells = Self.cells(.eight)
    #expect(!cells.contains { $0.style.foreground == .gray || $0.style.background == .gray })
    #expect(cells.contains { $0.style.foreground == .cyan })
  }

  @Test func noColourKeepsOnlyAttributes() {
    let cells = Self.cells(.none)
    #expect(cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
    #expect(cells.contains { $0.style.attributes.contains(.reverse) })
    #expect(cells.contains { $0.style.attributes.contains(.bold) })
  }

  @Test func theScreenTextIsTheSameInEveryMode() {
    let texts = [ColorMode.full, .eight, .none].map { mode in
      var model = Fixtures.widgetModel()
      model.colorMode = mode
      return model.screen
    }
    #expect(Set(texts).count == 1)
  }
}
