import APISchema
import JSONValue
import JSONViewer
import TerminalUI
import Testing

/// `recipe-console view`'s screen: what its keys ask of the runtime (copy, search off the loop,
/// quit) and what it draws (the search count, enum labels, the line count).
@Suite struct ViewerScreenTests {
  static func list(_ count: Int) -> JSONValue {
    let objects: [JSONValue] = (0..<count).map { index in
      ["objectType": "KalturaMediaEntry", "id": .string("0_e\(index)"), "status": 2]
    }
    return ["objectType": "KalturaMediaListResponse", "objects": .array(objects), "totalCount": .int(count)]
  }

  static func screen(_ value: JSONValue, height: Int = 20) -> ViewerScreen {
    ViewerScreen(index: RowIndex(value), title: "list.json", width: 100, height: height, colorMode: .none)
  }

  static func press(_ screen: inout ViewerScreen, _ keys: Key...) -> [ViewerScreenCommand] {
    keys.flatMap { update(&screen, .key($0)) }
  }

  static func type(_ screen: inout ViewerScreen, _ prompt: Character, _ text: String) -> [ViewerScreenCommand] {
    var commands = press(&screen, .character(prompt))
    for character in text { commands += press(&screen, .character(character)) }
    return commands + press(&screen, .enter)
  }

  @Test func copyKeysAskForTheValueThePathAndTheSubtree() {
    var screen = Self.screen(Self.list(3))
    _ = Self.press(&screen, .down, .down, .down, .down, .down)
    #expect(screen.viewer.cursorPath == "objects.0.id")
    #expect(
      Self.press(&screen, .character("y")) == [
        .copyToClipboard(CopyRequest(text: "0_e0", what: "value of objects.0.id"))
      ])
    #expect(
      Self.press(&screen, .character("Y")) == [
        .copyToClipboard(CopyRequest(text: "objects.0.id", what: "path objects.0.id"))
      ])
    _ = Self.press(&screen, .character("u"))
    #expect(
      Self.press(&screen, .character("c")) == [
        .copyToClipboard(
          CopyRequest(text: #"{"objectType":"KalturaMediaEntry","id":"0_e0","status":2}"#, what: "JSON of objects.0"))
      ])
  }

  @Test func theStatusLineCountsMatches() throws {
    var screen = Self.screen(Self.list(17))
    #expect(Self.type(&screen, "/", "0_e").isEmpty, "a small document is searched on the spot")
    _ = Self.press(&screen, .character("n"), .character("n"))
    let text = view(screen).renderText()
    #expect(text.contains("objects.2.id · /0_e 3 of 17"))
    #expect(!text.contains("1 of 17"), "the first jump's note does not linger")
    _ = Self.press(&screen, .character("N"))
    #expect(view(screen).renderText().contains("objects.1.id · /0_e 2 of 17"))
  }

  @Test func aBigDocumentIsSearchedOffTheLoopAndEscCancels() throws {
    // 40 000 entries are 200 006 rows: past the threshold for searching in the background.
    var screen = Self.screen(Self.list(40_000))
    let commands = Self.type(&screen, "/", "0_e39990")
    guard case .search(let job)? = commands.first else {
      Issue.record("expected a background search, got \(commands)")
      return
    }
    #expect(screen.pendingSearch == job)
    #expect(view(screen).renderText().contains("Searching /0_e39990… · Esc cancels"))
    #expect(Self.press(&screen, .escape) == [.cancelSearch])
    #expect(screen.pendingSearch == nil)
    // The cancelled search's result, arriving late, changes nothing.
    if let late = job.run(shouldStop: { false }) { _ = update(&screen, late) }
    #expect(screen.viewer.search == nil)

    // Run to the end, the next one lands on its match.
    guard case .search(let again)? = Self.type(&screen, "/", "0_e39990").first,
      let finished = again.run(shouldStop: { false })
    else {
      Issue.record("expected a second background search")
      return
    }
    #expect(again.run(shouldStop: { true }).map { _ in "a result" } == nil, "a stopped search returns nothing")
    _ = update(&screen, finished)
    #expect(screen.viewer.cursorPath == "objects.39990.id")
    #expect(view(screen).renderText().contains("\"id\": \"0_e39990\""))
  }

  @Test func enumValuesAreLabelledFromTheSpec() throws {
    var screen = Self.screen(Self.list(1))
    #expect(!view(screen).renderText().contains("READY"))
    let spec = try APIDocument(json: [
      "swagger": "2.0", "paths": [:],
      "definitions": [
        "KalturaMediaEntry": [
          "type": "object",
          "properties": ["status": ["type": "integer", "enum": [1, 2], "x-enumLabels": ["PRECONVERT", "READY"]]],
        ]
      ],
    ])
    screen.labelEnums(from: spec)
    let line = view(screen).renderText().split(separator: "\n").first { $0.contains("\"status\": 2") }
    #expect(line?.contains("READY") == true)
  }

  @Test func theTitleCountsLinesAndQQuits() {
    var text = ViewerScreen(
      index: RowIndex(text: "one line"), title: "a.txt", width: 60, height: 10, colorMode: .none)
    #expect(view(text).renderText().contains("1 line of text"))
    #expect(Self.press(&text, .character("q")) == [.quit])
    var list = Self.screen(Self.list(1))
    #expect(view(list).renderText().contains("11 lines"))
    #expect(Self.press(&list, .control("c")) == [.quit])
  }

  @Test func aKalturaAPIExceptionIsShownAsAnErrorCardAboveItsTree() {
    let exception: JSONValue = [
      "code": "INVALID_KS", "message": "Invalid KS \"…\" Error: -1,INVALID_STR",
      "objectType": "KalturaAPIException", "args": [["name": "KSID", "value": "…"]],
    ]
    var screen = Self.screen(exception, height: 12)
    #expect(!view(screen).renderText().contains("┌ INVALID_KS"))
    screen.showErrorCard(of: exception)
    let lines = view(screen).renderText().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[1].contains("┌ INVALID_KS"))
    #expect(lines[2].contains("│ Invalid KS"))
    #expect(lines.contains { $0.contains("KSID: …") })
    // The tree starts below the card and keeps every row reachable: G still reaches the last line.
    #expect(lines.contains { $0.contains("\"code\": \"INVALID_KS\"") })
    _ = Self.press(&screen, .character("G"))
    #expect(view(screen).renderText().contains("}"))
    var list = Self.screen(Self.list(1))
    list.showErrorCard(of: Self.list(1))
    #expect(!view(list).renderText().contains("┌"), "only an exception has a card")
  }
}
