import TerminalUI
import Testing

@Suite struct ProfileAndKeyTests {
  private func profiled() -> Model {
    var model = Fixtures.widgetModel()
    model.profiles = [
      ProfileEntry(name: "sandbox", summary: "embedded sandbox"),
      ProfileEntry(name: "prod", summary: "https://www.kaltura.com · partner 12345"),
    ]
    model.profileName = "sandbox"
    return model
  }

  @Test func theHeaderNamesTheProfile() {
    let model = profiled()
    #expect(model.lines[1].hasPrefix(" profile sandbox · http://127.0.0.1:8080"))
  }

  @Test func pListsProfilesAndEnterSwitches() {
    var model = profiled()
    #expect(model.send(.key(.character("P"))).isEmpty)
    #expect(model.screen.contains("● sandbox  embedded sandbox"))
    #expect(model.screen.contains("prod  https://www.kaltura.com · partner 12345"))
    // Keys go to the list while it is open: j moves, it does not fall through to the form.
    model.send(.key(.character("j")))
    #expect(model.focusedField?.path == "name")
    #expect(model.send(.key(.enter)) == [.switchProfile("prod")])
    #expect(!model.screen.contains("embedded sandbox"))
    #expect(model.footerMessage == "Switching to profile prod…")
  }

  @Test func escClosesAndTheCurrentProfileIsNoSwitch() {
    var model = profiled()
    model.send(.key(.character("P")), .key(.escape))
    #expect(!model.screen.contains("● sandbox"))
    #expect(model.send(.key(.character("P")), .key(.enter)).isEmpty)
  }

  @Test func noSwitchWhileARequestRuns() {
    var model = profiled()
    model.running = RunningRequest(step: 0)
    #expect(model.send(.key(.character("P")), .key(.down), .key(.enter)).isEmpty)
    #expect(model.footerMessage?.contains("Step 1 is running") == true)
  }

  @Test func reboundKeysReplaceTheBuiltInOnes() {
    var model = Fixtures.widgetModel()
    model.keyOverrides = KeyOverrides([.nextStep: "N", .quit: "Q"])
    model.send(.key(.character("n")))
    #expect(model.currentStep == 0)
    model.send(.key(.character("N")))
    #expect(model.currentStep == 1)
    #expect(model.send(.key(.character("q"))).isEmpty)
    #expect(model.send(.key(.character("Q"))) == [.quit])
  }

  @Test func reboundKeysDoNotApplyWhileTyping() {
    var model = Fixtures.widgetModel()
    model.keyOverrides = KeyOverrides([.quit: "Q"])
    model.focusField("name")
    model.send(.key(.enter))
    model.type("Qn")
    model.send(.key(.enter))
    #expect(model.engine.session[0].edits["name"] == "Qn")
  }
}
