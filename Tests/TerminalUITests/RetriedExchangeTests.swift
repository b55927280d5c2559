import TerminalUI
import Testing
import Walkthrough

/// Retries the transport made are part of the exchange, and the Reply tab says so.
@Suite struct RetriedExchangeTests {
  @Test func theReplyTabNamesTheRetries() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    var exchange = Replies.mediaList(1)
    exchange.retries = ["connection reset by peer", "HTTP 503"]
    model.send(.stepReplied(step: 0, exchange))
    #expect(!model.line(containing: "retried 2× (connection reset by peer, HTTP 503)").isEmpty)
  }

  @Test func aFirstTimeReplySaysNothingOfRetries() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(.stepReplied(step: 0, Replies.mediaList(1)))
    #expect(model.line(containing: "retried").isEmpty)
  }
}
