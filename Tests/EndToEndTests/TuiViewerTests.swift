import Foundation
import JSONValue
import Testing

/// Issue 11's viewer in tmux: `recipe-console view` on a big file, and the console's Reply tab
/// on a session whose recorded reply lists 500 entries.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiViewerTests {
  static func listReply(_ count: Int) -> JSONValue {
    let objects: [JSONValue] = (0..<count).map { index in
      [
        "objectType": "KalturaMediaEntry", "id": .string("0_e\(index)"), "name": .string("Entry \(index)"),
        "status": 2, "createdAt": 1_700_000_000,
      ]
    }
    return ["objectType": "KalturaMediaListResponse", "objects": .array(objects), "totalCount": .int(count)]
  }

  static func clipboard(_ console: TmuxConsole) -> String? {
    FileManager.default.contents(atPath: console.scratch + "/state/recipe-console/clipboard").map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  @Test func viewOpensABigFileSearchesCopiesAndQuitsClean() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let file = console.scratch + "/big.json"
    try Data(Self.listReply(20_000).prettyText().utf8).write(to: URL(fileURLWithPath: file))

    try console.run(console.consoleCommand("view \(file)") + "; echo view-exit=$?")
    try await console.waitFor(text: "big.json · JSON")
    try console.press("G")
    try await console.waitFor(text: "\"totalCount\": 20000")
    try console.press("/")
    try console.type("0_e17345")
    try console.press("Enter")
    let found = try await console.waitFor(text: "objects.17345.id · /0_e17345 1 of 1")
    #expect(found.contains("\"id\": \"0_e17345\""))
    try console.press("Y")
    try await console.waitFor(text: "Copied path objects.17345.id")
    #expect(Self.clipboard(console) == "objects.17345.id")
    try console.press("q")
    let after = try await console.waitFor(text: "view-exit=0")
    #expect(!after.contains("q quit · / search"), "the viewer's screen is gone")
    #expect(after.contains(console.prompt))
  }

  @Test func theReplyTabSearchesCopiesAndKeepsItsScroll() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let session = console.scratch + "/list.session.json"
    let clip = console.scratch + "/clip.mp4"
    try Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0) }).write(to: URL(fileURLWithPath: clip))
    try console.run(
      console.consoleCommand("run recipes/upload.md --file \(clip) --steps 1 --save \(session) > /dev/null")
        + "; echo recorded-exit=$?")
    try await console.waitFor(text: "recorded-exit=0", seconds: 60)
    // The recorded reply of step 1 becomes a 500-entry list, as a media.list would return.
    var json = try RunHarness.sessionDocument(session)
    json.setValue(Self.listReply(500), atPath: "steps.0.exchanges.0.reply")
    try Data(json.prettyText().utf8).write(to: URL(fileURLWithPath: session))

    try console.run("clear; " + console.consoleCommand("--session \(session)") + "; echo console-exit=$?")
    try await console.waitFor(text: "step 2/5")
    try console.press("1")
    try await console.waitFor(text: "\"objectType\": \"KalturaMediaListResponse\"")
    try await console.press("Tab", until: "the reply viewer focused") { $0.contains("/ search") }
    try console.press("/")
    try console.type("0_e437")
    try console.press("Enter")
    try await console.waitFor(text: "objects.437.id · /0_e437 1 of 1")
    try console.press("Y")
    try await console.waitFor(text: "Copied path objects.437.id")
    #expect(Self.clipboard(console) == "objects.437.id")
    try console.press("G")
    try await console.waitFor(text: "\"totalCount\": 500")
    try console.press("Right")
    try await console.waitFor("the Request tab") { !$0.contains("\"totalCount\": 500") && $0.contains("POST http") }
    try console.press("Left")
    let back = try await console.waitFor(text: "\"totalCount\": 500")
    #expect(back.contains("─ . ─") == false)
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }
}
