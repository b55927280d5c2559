import TerminalUI
import Testing
import Walkthrough

/// The reply area reads whole: long lines wrap, every exchange of a step can be shown, and the
/// header keeps the save state in sight however long the session path.
@Suite struct ReplyAreaTests {
  static let longURL =
    "http://127.0.0.1:8080/api_v3/service/uploadtoken/action/upload?ks=djJ8MTAwfKsSecretKsValue&format=1"
    + "&uploadTokenId=0_tok123&resume=false&finalChunk=true&resumeAt=-1&partnerId=100"

  static func upload(_ id: String, ok: Bool = true) -> Exchange {
    Exchange(
      method: "POST", url: longURL.replacingOccurrences(of: "0_tok123", with: id),
      requestBody: ["fields": [:], "files": [["name": "fileData", "path": "/tmp/movie.mp4"]]], status: 200,
      reply: ["id": .string(id), "objectType": "KalturaUploadToken", "status": ok ? 2 : 0], replyIsJSON: true, ok: ok,
      milliseconds: 5)
  }

  @Test func theRequestTabWrapsTheWholeURL() {
    var model = Fixtures.widgetModel(width: 80, height: 30)
    model.send(.stepReplied(step: 0, Self.upload("0_first")))
    model.focus = .reply
    model.send(.key(.right))
    #expect(model.line(containing: "POST http://127.0.0.1:8080/api_v3/service/").isEmpty == false)
    let text = model.lines.joined(separator: "\n")
    #expect(text.contains("↪ "))
    // Rejoined, the wrapped rows hold every parameter as sent (the KS masked).
    let rows = model.lines.drop { !$0.contains("POST http") }.prefix(4)
    let joined = rows.map { row in
      let afterBar = row.split(separator: "│", maxSplits: 1).last.map(String.init) ?? row
      return afterBar.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "↪ ", with: "")
    }.joined()
    #expect(joined.contains("uploadTokenId=0_first&resume=false&finalChunk=true&resumeAt=-1&partnerId=100"))
    #expect(!joined.contains("KsSecretKsValue"))
  }

  @Test func lessAndGreaterMoveThroughAStepsExchanges() {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(.stepReplied(step: 0, Self.upload("0_first", ok: false)))
    model.send(.stepReplied(step: 0, Self.upload("0_second")))
    #expect(model.line(containing: "exchange 2 of 2").contains("(latest) · < older"))
    #expect(!model.line(containing: "\"id\"").isEmpty && model.line(containing: "\"id\"").contains("0_second"))

    model.send(.key(.character("<")))
    #expect(model.line(containing: "exchange 1 of 2").contains("> newer"))
    #expect(model.line(containing: "\"id\"").contains("0_first"))
    model.send(.key(.character("<")))
    #expect(model.line(containing: "\"id\"").contains("0_first"), "the oldest is as far as it goes")

    model.focus = .reply
    model.send(.key(.right))
    #expect(model.line(containing: "exchange 1 of 2").isEmpty == false)
    #expect(model.line(containing: "uploadTokenId=0_first").isEmpty == false)

    model.send(.key(.character(">")))
    #expect(model.line(containing: "uploadTokenId=0_second").isEmpty == false)
    model.send(.stepReplied(step: 0, Self.upload("0_third")))
    #expect(model.line(containing: "exchange 3 of 3").contains("(latest)"), "a new send shows itself")
  }

  @Test func oneExchangeNeedsNoPositionLine() {
    var model = Fixtures.widgetModel()
    model.send(.stepReplied(step: 0, Self.upload("0_only")))
    #expect(model.line(containing: "exchange 1 of").isEmpty)
  }

  @Test func withNoRoomForThePathTheHeaderStillSaysTheState() {
    var model = Fixtures.widgetModel(width: 80, height: 24)
    model.serviceLabel = "http://127.0.0.1:34169/api_v3"
    model.isEmbeddedSandbox = true
    model.sessionPath = "/home/someone/.local/state/recipe-console/sessions/upload-20261202-005301.session.json"
    model.saveState = .saved
    let header = model.lines[1]
    #expect(header.contains("· session saved") || header.hasSuffix("session saved"), "\(header)")
    #expect(!header.contains("session  "))
  }

  @Test(arguments: [80, 100, 120])
  func theHeaderKeepsTheSaveStateOfALongSessionPath(width: Int) {
    var model = Fixtures.widgetModel(width: width, height: 24)
    model.sessionPath = "/home/someone/.local/state/recipe-console/sessions/upload-20261202-005301.session.json"
    model.saveState = .unsaved
    let header = model.lines[1]
    #expect(header.hasSuffix("upload-20261202-005301.session.json unsaved") || header.hasSuffix("json unsaved"))
    #expect(header.contains("session …"))
    #expect(header.contains("partner 100"))
  }
}

@Suite struct NarrowFormTests {
  /// At the smallest size the value column gets the room (a 22-column type hint left it 4).
  @Test func atSixtyColumnsAFieldShowsItsValue() {
    var model = Fixtures.widgetModel(width: 60, height: 16)
    model.engine.setValue("Sintel trailer", step: 0, path: "name")
    model.focus = .form
    model.send(.tick)  // the form shows the values `update` resolved
    let row = model.lines.first { $0.contains("name") && $0.contains("Sintel") } ?? ""
    #expect(row.contains("Sintel trai"), "\(model.screen)")
  }
}
