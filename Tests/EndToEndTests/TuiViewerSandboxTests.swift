import Foundation
import JSONValue
import Testing

/// Issue 11's viewer on a live reply: the console against `recipe-console serve` holding 500
/// entries sends `media.list`, and the Reply tab searches, copies a path, reaches the end and
/// keeps its scroll across tabs.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiViewerSandboxTests {
  static let entryCount = 500

  /// One `media.list` step for every entry: the sandbox lists READY ones only unless a status
  /// filter says otherwise, and seeded entries have no content (NO_CONTENT, 7).
  static let listRecipe = """
    <!--METADATA {"summary": "List every entry"} -->
    # List everything

    ## List entries
    Every entry, one page of 500.

    ### API Call
    ```json
    {"method": "post", "path": "/service/media/action/list", "parameters": [{"name": "body", "in": "body",
      "schema": {"type": "object", "properties": {
        "filter": {"type": "object", "properties": {
          "objectType": {"type": "string", "default": "KalturaMediaEntryFilter"},
          "statusIn": {"type": "string", "default": "2,7"}}},
        "pager": {"type": "object", "properties": {
          "objectType": {"type": "string", "default": "KalturaFilterPager"},
          "pageSize": {"type": "integer", "default": 500}}}}}}]}
    ```
    """

  static func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

  /// Adds `count` entries through the sandbox's API; the id of each, in the order added.
  static func seedEntries(_ sandbox: RunSandbox, count: Int) throws -> [String] {
    let start = try RunHTTP.get(
      sandbox.baseURL + "/service/session/action/start?format=1&type=2&partnerId=\(sandbox.partnerID)&secret="
        + query(RunHarness.adminSecret))
    guard start.status == 200, let ks = try JSONValue(parsing: String(decoding: start.body, as: UTF8.self)).stringValue
    else { throw ProxyError("session.start failed: HTTP \(start.status)") }
    return try (0..<count).map { number in
      let added = try RunHTTP.get(
        sandbox.baseURL + "/service/media/action/add?format=1&ks=\(query(ks))&entry%5BobjectType%5D=KalturaMediaEntry"
          + "&entry%5BmediaType%5D=1&entry%5Bname%5D=" + query("Entry \(number)"))
      let reply = try JSONValue(parsing: String(decoding: added.body, as: UTF8.self))
      guard added.status == 200, let id = reply["id"]?.stringValue else {
        throw ProxyError("media.add failed: HTTP \(added.status) \(reply.compactText)")
      }
      return id
    }
  }

  @Test func mediaListOf500EntriesSearchesCopiesReachesTheEndAndKeepsItsScroll() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    do {
      try await walkTheList(sandbox)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  private func walkTheList(_ sandbox: RunSandbox) async throws {
    let ids = try Self.seedEntries(sandbox, count: Self.entryCount)
    let console = try TmuxConsole()
    defer { console.stop() }
    let recipe = console.scratch + "/list.md"
    try Self.listRecipe.write(toFile: recipe, atomically: true, encoding: .utf8)
    let service = "--service-url \(sandbox.baseURL) --partner-id \(sandbox.partnerID)"
    try console.run(
      console.consoleCommand("\(recipe) \(service) --admin-secret \(RunHarness.adminSecret)")
        + "; echo console-exit=$?")
    try await console.waitFor(text: "POST media.list")
    try console.press("r")
    try await console.waitFor(text: "\"name\": \"Entry ", seconds: 60)
    try await console.press("Tab", until: "the reply viewer focused") { $0.contains("/ search") }

    // An entry from the middle of the page, found by its id (anchored: its URLs hold it too;
    // its `rootEntryId` is the same id, after it).
    let wanted = ids[Self.entryCount / 3]
    try console.press("/")
    try console.type("^\(wanted)$")
    try console.press("Enter")
    let found = try await console.waitFor(text: "· /^\(wanted)$ 1 of 2")
    let status = try #require(found.line(containing: "· /^\(wanted)$ 1 of 2"))
    let path = try #require(status.firstMatch(of: /objects\.[0-9]+\.id/).map { String($0.output) })
    #expect(found.contains("\"id\": \"\(wanted)\""))
    try console.press("Y")
    try await console.waitFor(text: "Copied path \(path)")
    #expect(TuiViewerTests.clipboard(console) == path)

    try console.press("G")
    let end = try await console.waitFor(text: "\"totalCount\": \(Self.entryCount)")
    #expect(end.contains("\"objectType\": \"KalturaMediaListResponse\""))
    try console.press("Right")
    try await console.waitFor("the Request tab") {
      !$0.contains("\"totalCount\": \(Self.entryCount)") && $0.contains("POST http")
    }
    try console.press("Left")
    // Back on the Reply tab, still at the end of the list.
    let back = try await console.waitFor(text: "\"totalCount\": \(Self.entryCount)")
    #expect(!back.contains("\"objects\": ["), "the Reply tab kept its scroll rather than starting over")
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }
}
