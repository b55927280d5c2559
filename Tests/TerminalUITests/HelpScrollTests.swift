import TerminalUI
import Testing

/// The help overlay on the smallest screen: it scrolls, so every binding can be read.
@Suite struct HelpScrollTests {
  static func helpAt60x16() -> Model {
    var model = Fixtures.widgetModel(width: 60, height: 16)
    model.send(.key(.character("?")))
    return model
  }

  @Test func helpAt60x16ShowsTheFirstLinesAndHowToScroll() {
    expectScreen(
      Self.helpAt60x16(),
      """
       Widgets                                           step 1/2
       http://12┌─ Keys 1-12/40 · ↑↓ scroll ───────────┐ed
      ──────────│Everywhere                            │──────────
      ▸1  · Fill│ Tab S-Tab   next/prev field or area  │tion/list
       2  · Seco│ n p ] [     next / previous step     │ a link
                │ 1-9         jump to step             │
                │ r           send the step (again)    │uired · 1…
                │ R           replay from this step    │  string
                │ Esc         cancel running request   │
                │ d           recorded ↔ new reply     │  integer
                │ H D         hidden fields, demo page │  number
                │ PgUp PgDn z scroll · z: whole reply  │  boolean
                │ s P         save as… / profiles      │──────────
                │ ?           this help                │or r) sen↓
       ↑↓ PgUp P└─ other keys close ───────────────────┘

      """)
  }

  @Test func everyBindingIsReachableByScrolling() {
    var model = Self.helpAt60x16()
    var seen = model.screen
    for _ in 0..<40 {
      #expect(model.send(.key(.character("j"))) == [])
      #expect(model.showHelp, "j scrolls, it does not close")
      seen += model.screen
    }
    for section in KeyBindings.sections {
      #expect(seen.contains(section.title), "\(section.title)")
      for binding in section.bindings {
        #expect(seen.contains(binding.keys.padded(toWidth: 12) + binding.action), "\(binding.keys) \(binding.action)")
      }
    }
    #expect(model.line(containing: "Keys ").contains("Keys 29-40/40"), "stops at the last line")
    #expect(model.line(containing: "c L y       Code tab: lang/list/copy") != "", "the last binding")
  }

  @Test func pagesHomeEndAndTheWheelScroll() {
    var model = Self.helpAt60x16()
    model.send(.key(.pageDown))
    #expect(model.line(containing: "Keys ").contains("Keys 12-23/40"), "a page keeps one line of context")
    model.send(.key(.end))
    #expect(model.line(containing: "Keys ").contains("Keys 29-40/40"))
    model.send(.key(.pageUp), .key(.character("k")))
    #expect(model.line(containing: "Keys ").contains("Keys 17-28/40"))
    model.send(.key(.home))
    #expect(model.line(containing: "Keys ").contains("Keys 1-12/40"))
    model.send(.mouse(.scrollDown(x: 30, y: 8)))
    #expect(model.line(containing: "Keys ").contains("Keys 4-15/40"))
    model.send(.mouse(.scrollUp(x: 30, y: 8)), .mouse(.scrollUp(x: 30, y: 8)))
    #expect(model.line(containing: "Keys ").contains("Keys 1-12/40"))
  }

  @Test func otherKeysCloseAndTheNextHelpStartsAtTheTop() {
    var model = Self.helpAt60x16()
    model.send(.key(.end), .key(.escape))
    #expect(!model.showHelp)
    #expect(!model.screen.contains("Keys "))
    model.send(.key(.character("?")))
    #expect(model.line(containing: "Keys ").contains("Keys 1-12/40"))
    model.send(.mouse(.click(x: 30, y: 8)))
    #expect(!model.showHelp)
    model.send(.key(.character("?")))
    #expect(model.send(.key(.character("q"))) == [.quit])
  }

  @Test func aResizeKeepsTheScrollWithinTheLines() {
    var model = Self.helpAt60x16()
    model.send(.key(.end), .resize(width: 60, height: 20))
    #expect(model.line(containing: "Keys ").contains("Keys 25-40/40"))
    model.send(.key(.character("k")))
    #expect(model.line(containing: "Keys ").contains("Keys 24-39/40"))
  }

  @Test func aHelpThatFitsDoesNotScroll() {
    var model = Fixtures.widgetModel(width: 80, height: 24)
    model.send(.key(.character("?")))
    #expect(model.line(containing: "Keys ").contains("Keys · any key closes"))
    for binding in KeyBindings.sections.flatMap(\.bindings) {
      #expect(model.screen.contains(binding.keys.padded(toWidth: 12) + binding.action), "\(binding.action)")
    }
    model.send(.key(.character("j")))
    #expect(!model.showHelp, "with nothing to scroll every key closes")
  }
}
