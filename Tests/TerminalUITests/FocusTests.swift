import TerminalUI
import Testing

@Suite struct FocusTests {
  @Test func tabWalksTheFieldsThenTheAreas() {
    var model = Fixtures.widgetModel()
    model.send(.key(.tab))
    #expect(model.focusedField?.path == "count")
    for _ in 0..<7 { model.send(.key(.tab)) }
    #expect(model.isSendFocused)
    model.send(.key(.tab))
    #expect(model.focus == .reply)
    model.send(.key(.tab))
    #expect(model.focus == .steps)
    model.send(.key(.tab))
    #expect(model.focus == .form)
    #expect(model.fieldCursor == 0)
    model.send(.key(.backTab))
    #expect(model.focus == .steps)
    model.send(.key(.backTab))
    #expect(model.focus == .reply)
    model.send(.key(.backTab))
    #expect(model.isSendFocused)
  }

  @Test func vimKeysAndArrowsMoveBetweenFields() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("j")), .key(.down))
    #expect(model.focusedField?.path == "ratio")
    model.send(.key(.character("k")))
    #expect(model.focusedField?.path == "count")
    #expect(model.line(containing: "count").contains("▸ count"))
  }

  @Test func stepKeysMoveBetweenSteps() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("n")))
    #expect(model.currentStep == 1)
    #expect(model.screen.contains("step 2/2"))
    model.send(.key(.character("[")))
    #expect(model.currentStep == 0)
    model.send(.key(.character("]")), .key(.character("p")))
    #expect(model.currentStep == 0)
    model.send(.key(.character("2")))
    #expect(model.currentStep == 1)
    model.send(.key(.character("9")))
    #expect(model.currentStep == 1)
    model.focus = .steps
    model.send(.key(.character("k")))
    #expect(model.currentStep == 0)
    #expect(model.line(containing: "Fill the form").hasPrefix("▸1"))
  }

  @Test func clicksFocusStepsFieldsAndTabs() {
    var model = Fixtures.widgetModel()
    let stepRow = model.lines.firstIndex { $0.contains("Second step") }!
    model.send(.mouse(.click(x: 5, y: stepRow)))
    #expect(model.currentStep == 1)
    #expect(model.focus == .steps)
    model.send(.key(.character("1")))
    let ratioRow = model.lines.firstIndex { $0.contains("ratio") }!
    model.send(.mouse(.click(x: 40, y: ratioRow)))
    #expect(model.focus == .form)
    #expect(model.focusedField?.path == "ratio")
    let tabsRow = model.lines.firstIndex { $0.contains("│ Request │") }!
    let requestX = model.lines[tabsRow].distance(
      from: model.lines[tabsRow].startIndex, to: model.lines[tabsRow].range(of: "Request")!.lowerBound)
    model.send(.mouse(.click(x: requestX, y: tabsRow)))
    #expect(model.replyTab == .request)
    #expect(model.focus == .reply)
  }

  @Test func replyTabsSwitchWithLeftAndRight() {
    var model = Fixtures.widgetModel()
    model.focus = .reply
    model.send(.key(.character("l")))
    #expect(model.replyTab == .request)
    model.send(.key(.right))
    #expect(model.replyTab == .code)
    model.send(.key(.right))
    #expect(model.replyTab == .reply)
    model.send(.key(.character("h")))
    #expect(model.replyTab == .code)
  }

  @Test func theFormScrollsToKeepTheFocusedFieldVisible() {
    var model = Fixtures.widgetModel(width: 80, height: 24)
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1)))
    model.focus = .form
    model.send(.key(.end))
    #expect(model.screen.contains("▸ [ Send ▶ ]"))
    #expect(!model.screen.contains("name*"))
    model.send(.key(.home))
    #expect(model.screen.contains("▸ name*"))
  }

  @Test func quitAndHelpKeys() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("?")))
    #expect(model.showHelp)
    #expect(model.send(.key(.character("x"))) == [])
    #expect(!model.showHelp)
    #expect(model.send(.key(.character("q"))) == [.quit])
    #expect(model.isQuitting)
  }

  @Test func helpListsEveryBinding() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("?")))
    let screen = model.screen
    for section in KeyBindings.sections {
      #expect(screen.contains(section.title))
      for binding in section.bindings {
        #expect(screen.contains(binding.keys.padded(toWidth: 12) + binding.action), "\(binding.keys)")
      }
    }
  }
}

@Suite struct MouseTests {
  @Test func clickingSendSendsTheStep() {
    var model = Fixtures.uploadModel()
    let row = model.lines.firstIndex { $0.contains("[ Send ▶ ]") } ?? 0
    let column =
      model.lines[row].firstRange(of: "[ Send").map {
        model.lines[row].distance(from: model.lines[row].startIndex, to: $0.lowerBound)
      } ?? 0
    let commands = model.send(.mouse(.click(x: column + 2, y: row)))
    guard case .send(0, _) = commands.first else {
      Issue.record("expected a send, got \(commands)")
      return
    }
  }

  @Test func clickingAwayKeepsTheTypedText() {
    var model = Fixtures.widgetModel()
    model.send(.key(.enter))
    model.type("Kept")
    let ratioRow = model.lines.firstIndex { $0.contains("ratio") } ?? 0
    model.send(.mouse(.click(x: 40, y: ratioRow)))
    #expect(model.engine.values(0)["name"]?.value == "Kept")
    #expect(model.focusedField?.path == "ratio")
  }

  @Test func theWheelScrollsProseAndReplyButNotPastTheEnd() {
    var model = Fixtures.widgetModel(width: 80, height: 24)
    let proseRow = model.lines.firstIndex { $0.contains("Some emphasis") } ?? 0
    for _ in 0..<5 { model.send(.mouse(.scrollDown(x: 40, y: proseRow))) }
    #expect(model.proseScroll == Fixtures.proseLineCount80 - 1)
    #expect(model.screen.contains("• second item"))
    model.send(.mouse(.scrollUp(x: 40, y: proseRow)))
    #expect(model.proseScroll == Fixtures.proseLineCount80 - 4)
  }
}
