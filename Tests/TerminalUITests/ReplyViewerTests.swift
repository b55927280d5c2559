import JSONValue
import TerminalUI
import Testing
import Walkthrough

/// The Reply and Request tabs are the JSON viewer: a big reply is browsed, folded, searched
/// and copied from, and each tab and step keeps its place.
@Suite struct ReplyViewerTests {
  static func listReply(_ count: Int) -> Exchange {
    let objects: [JSONValue] = (0..<count).map { index in
      ["objectType": "KalturaMediaEntry", "id": .string("0_e\(index)"), "name": .string("Entry \(index)"), "status": 2]
    }
    return Exchange(
      method: "POST", url: "http://127.0.0.1:8080/api_v3/service/media/action/list?ks=djJ8MTAwfKsSecretKsValue",
      requestBody: ["filter": ["objectType": "KalturaMediaEntryFilter"], "pager": ["pageSize": 500]], status: 200,
      reply: ["objectType": "KalturaMediaListResponse", "objects": .array(objects), "totalCount": .int(count)],
      replyIsJSON: true, ok: true, milliseconds: 12)
  }

  static func replyModel(entries: Int = 500) -> Model {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(.stepReplied(step: 0, listReply(entries)))
    model.focus = .reply
    return model
  }

  @Test func endReachesTheLastLine() {
    var model = Self.replyModel()
    #expect(!model.screen.contains("\"totalCount\": 500"))
    model.send(.key(.character("G")))
    #expect(model.screen.contains("\"totalCount\": 500"))
    model.send(.key(.home))
    #expect(model.screen.contains("\"objectType\": \"KalturaMediaListResponse\""))
  }

  @Test func theCursorsPathIsShown() {
    var model = Self.replyModel()
    model.send(.key(.down), .key(.down), .key(.down), .key(.down), .key(.down))
    #expect(model.line(containing: "─ objects.0.id ─").isEmpty == false)
  }

  @Test func searchJumpsToAnIdAndCopiesItsPath() {
    var model = Self.replyModel()
    model.send(.key(.character("/")))
    model.type("0_e437")
    #expect(model.screen.contains("/0_e437"))
    model.send(.key(.enter))
    #expect(model.line(containing: "objects.437.id").contains("1 of 1"))
    #expect(model.line(containing: "\"id\": \"0_e437\"").isEmpty == false)
    let commands = model.send(.key(.character("Y")))
    #expect(commands == [.copyToClipboard(CopyRequest(text: "objects.437.id", what: "path objects.437.id"))])
    let value = model.send(.key(.character("y")))
    #expect(value == [.copyToClipboard(CopyRequest(text: "0_e437", what: "value of objects.437.id"))])
  }

  @Test func foldingAndLevels() {
    var model = Self.replyModel()
    model.send(.key(.character("1")))
    #expect(model.line(containing: "\"objects\": [500 items]").isEmpty == false)
    #expect(model.currentStep == 0, "1-9 fold in the viewer instead of jumping to a step")
    model.send(.key(.character("0")))
    #expect(model.line(containing: "\"objects\": [").contains("items") == false)
  }

  @Test func tabsAndStepsKeepTheirScroll() {
    var model = Self.replyModel()
    model.send(.key(.character("G")))
    model.send(.key(.right))  // Request
    #expect(model.screen.contains("\"pageSize\": 500"))
    model.send(.key(.left))  // Reply again
    #expect(model.screen.contains("\"totalCount\": 500"), "the Reply tab is still at its end")
    model.send(.key(.character("n")))
    model.send(.key(.character("p")))
    #expect(model.screen.contains("\"totalCount\": 500"), "the step's viewer is still at its end")
  }

  @Test func theFilterShowsMatchingPaths() {
    var model = Self.replyModel(entries: 5)
    model.send(.key(.character(":")))
    model.type("objects.*.id")
    model.send(.key(.enter))
    #expect(model.line(containing: "objects.3.id: \"0_e3\"").isEmpty == false)
    #expect(model.line(containing: "\"name\"").isEmpty, "only the matches are shown")
    model.send(.key(.escape))
    #expect(model.line(containing: "\"name\"").isEmpty == false)
    model.send(.key(.character(":")))
    model.type("**.status")
    model.send(.key(.enter))
    #expect(model.send(.key(.character("q"))).last == .quit, "q still quits from the filter's list (saving first)")
  }

  @Test func theCodeTabKeepsItsLanguageKey() {
    var model = Self.replyModel(entries: 2)
    model.send(.key(.right), .key(.right))
    #expect(model.replyTab == .code)
    let before = model.codeSampleIndex
    #expect(model.send(.key(.character("c"))).isEmpty)
    #expect(model.codeSampleIndex == before + 1)
    // Its lines scroll to the end and no further.
    model.send(.key(.character("G")))
    let end = model.replyScroll
    model.send(.key(.down), .key(.down))
    #expect(model.replyScroll == end)
  }

  @Test func thePagerGetsTheWholeDocument() {
    var model = Self.replyModel(entries: 2)
    guard case .showInPager(let text)? = model.send(.key(.character("o"))).first else {
      Issue.record("o opens the pager")
      return
    }
    #expect(text.contains("\"0_e1\""))
  }

  @Test func kalturaErrorsAreCards() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    let reply: JSONValue = [
      "objectType": "KalturaAPIException", "code": "ENTRY_ID_NOT_FOUND", "message": "Entry id \"0_x\" not found",
      "args": [["objectType": "KalturaApiExceptionArg", "name": "ENTRY_ID", "value": "0_x"]],
    ]
    model.send(
      .stepReplied(
        step: 0,
        Exchange(
          method: "POST", url: "http://127.0.0.1:8080/x", status: 200, reply: reply, replyIsJSON: true, ok: false,
          error: "ENTRY_ID_NOT_FOUND: Entry id \"0_x\" not found", errorCode: "ENTRY_ID_NOT_FOUND")))
    #expect(model.line(containing: "┌ ENTRY_ID_NOT_FOUND").isEmpty == false)
    #expect(model.line(containing: "│ ENTRY_ID: 0_x").isEmpty == false)
  }

  @Test func timestampsShowAsDates() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(
      .stepReplied(
        step: 0,
        Exchange(
          method: "POST", url: "http://127.0.0.1:8080/x", status: 200, reply: ["createdAt": 1_700_000_000],
          replyIsJSON: true, ok: true)))
    #expect(model.line(containing: "\"createdAt\": 1700000000  2023-11-14T22:13Z").isEmpty == false)
  }

  @Test func textRepliesAreLines() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(
      .stepReplied(
        step: 0,
        Exchange(
          method: "GET", url: "http://127.0.0.1:8080/x", status: 200, reply: "<xml>\n  <id>0_a</id>\n</xml>",
          replyIsJSON: false, ok: true)))
    #expect(model.line(containing: "  <id>0_a</id>").isEmpty == false)
  }

  @Test func aBigReplyIsLaidOutOffTheLoop() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    let commands = model.send(.stepReplied(step: 0, Self.listReply(5000)))
    guard case .buildViewer(let job)? = commands.last else {
      Issue.record("a big reply is laid out by the runtime: \(commands)")
      return
    }
    #expect(model.screen.contains("Laying out the reply…"))
    model.focus = .reply
    model.send(.key(.character("G")))
    model.send(job.run())
    #expect(!model.screen.contains("Laying out the reply…"))
    model.send(.key(.character("G")))
    #expect(model.screen.contains("\"totalCount\": 5000"))
  }
}
