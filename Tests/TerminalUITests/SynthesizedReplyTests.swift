import TerminalUI
import Testing
import Walkthrough

/// A reply the sandbox made up says so on screen.
@Suite struct SynthesizedReplyTests {
  @Test func aSynthesizedReplyIsLabelledAndARealOneIsNot() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    var exchange = ReplyAreaTests.upload("0_made_up")
    model.send(.stepReplied(step: 0, exchange))
    #expect(model.line(containing: "synthesized by the sandbox").isEmpty)
    exchange.synthesized = true
    model.send(.stepReplied(step: 0, exchange))
    #expect(model.line(containing: "HTTP 200").contains("synthesized by the sandbox"))
  }
}
