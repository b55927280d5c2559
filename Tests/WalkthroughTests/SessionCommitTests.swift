import Foundation
import JSONValue
import Testing
import Walkthrough

/// Format 3: a save appends its exchanges and one commit record to the log, and the state file
/// is left alone unless what it says besides the steps changed.
@Suite struct SessionCommitTests {
  let identity = RecipeIdentity(path: "test.md", title: "Test recipe", text: "recipe text")

  func engine(exchanges: Int) -> WalkthroughEngine {
    let get =
      #"{"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"entryId": {}}}}]}"#
    var engine = WalkthroughEngine(recipe: recipe([("Get", get)]), document: nil, credentials: testCredentials)
    for index in 0..<exchanges { engine.record(exchange(index), step: 0) }
    return engine
  }

  func exchange(_ index: Int) -> Exchange {
    Exchange(
      method: "POST", url: "http://h/api_v3/service/media/action/get?format=1", status: 200,
      reply: ["id": .string("0_\(index)")], replyIsJSON: true, ok: true, milliseconds: 1,
      startedAt: 1_700_000_000 + Double(index))
  }

  func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("commit-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }

  func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test func aNewExchangeAndAnEditAreOneLogAppendAndTheStateFileIsLeftAlone() throws {
    let path = temporaryPath("walk.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 2)
    try store.save(walk)
    let state = try contents(path)
    let log = try contents(store.logPath)

    walk.record(exchange(2), step: 0)
    walk.setValue("0_edited", step: 0, path: "body.entryId")
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    #expect(try contents(path) == state, "the state file is not rewritten for an exchange or an edit")
    let appended = try contents(store.logPath).dropFirst(log.count)
    let lines = String(decoding: appended, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 2, "the record and its commit")
    #expect(lines.last?.hasPrefix(#"{"commit":{"at":\#(log.count),"records":1,"#) == true)

    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    #expect(loaded.session[0].exchanges.map(\.startedAt) == walk.session[0].exchanges.map(\.startedAt))
    #expect(loaded.session[0].edits["body.entryId"] == "0_edited")
    #expect(loaded.warnings.isEmpty)
    let document = try SessionFile.document(path: path)
    #expect(document["steps"]?[0]?["answers"]?["body.entryId"] == "0_edited")
  }

  @Test func aSaveCutInsideItsCommitIsNotTheSessions() throws {
    let path = temporaryPath("torn.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 1)
    try store.save(walk)
    walk.setValue("0_first", step: 0, path: "body.entryId")
    try store.save(walk)
    let committed = try contents(store.logPath).count
    walk.record(exchange(1), step: 0)
    walk.setValue("0_second", step: 0, path: "body.entryId")
    try store.save(walk)
    // A kill while the commit was being written: its last bytes never reached the disk.
    let whole = try contents(store.logPath)
    try whole.dropLast(5).write(to: URL(fileURLWithPath: store.logPath))

    let reopened = try SessionFile.load(path: path)
    #expect(reopened.session[0].exchanges.count == 1, "the record without its commit is not loaded")
    #expect(reopened.session[0].edits["body.entryId"] == "0_first", "the commit before it still counts")
    #expect(reopened.logPosition?.bytes == committed)

    let next = SessionStore(path: path, recipe: identity)
    next.adopt(reopened)
    var resumed = engine(exchanges: 0)
    resumed.session = reopened.session
    resumed.record(exchange(5), step: 0)
    try next.save(resumed)
    #expect(next.lastSave == .appended(records: 1))
    let final = try SessionFile.load(path: path)
    #expect(final.session[0].exchanges.map(\.startedAt) == [1_700_000_000, 1_700_000_005])
    #expect(final.session[0].edits["body.entryId"] == "0_first")
  }

  @Test func aChangedServiceRewritesTheStateFileOverTheCommitsBeforeIt() throws {
    let path = temporaryPath("service.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 1)
    try store.save(walk)
    walk.setValue("0_kept", step: 0, path: "body.entryId")
    try store.save(walk)
    walk.credentials.serviceURL = "http://127.0.0.1:10/api_v3"
    walk.record(exchange(1), step: 0)
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    let state = try JSONValue(parsing: [UInt8](try contents(path)))
    #expect(state["serviceURL"] == "http://127.0.0.1:10/api_v3")
    walk.record(exchange(2), step: 0)
    try store.save(walk)
    #expect(try JSONValue(parsing: [UInt8](try contents(path))) == state, "then commits again")

    let loaded = try SessionFile.load(path: path)
    #expect(loaded.serviceURL == "http://127.0.0.1:10/api_v3")
    #expect(loaded.session[0].exchanges.count == 3)
    #expect(loaded.session[0].edits["body.entryId"] == "0_kept")
  }

  @Test func aFormatTwoSessionLoadsAndTheNextSaveContinuesItsLog() throws {
    let path = temporaryPath("two.session.json")
    let header = #"{"sessionLog":"abc","formatVersion":2}"# + "\n"
    let record =
      #"{"step":1,"startedAt":1700000000,"request":{"method":"POST","url":"http://h/x","body":null},"ok":true,"reply":{"id":"0_0"},"replyIsJSON":true}"#
      + "\n"
    // The second record is past the bytes the state names: a format 2 save killed before its state.
    let log = header + record + record
    let state = """
      {"formatVersion": 2, "recipe": {"path": "test.md", "title": "Test recipe", "sha256": "00"},
       "serviceURL": "http://127.0.0.1:9/api_v3", "exchangeLog": {"id": "abc", "bytes": \(header.utf8.count + record.utf8.count)},
       "steps": [{"step": 1, "title": "Get", "answers": {"body.entryId": "0_two"}, "exchangeCount": 1}]}
      """
    try Data(state.utf8).write(to: URL(fileURLWithPath: path))
    try Data(log.utf8).write(to: URL(fileURLWithPath: path + ".log"))

    let loaded = try SessionFile.load(path: path)
    #expect(loaded.formatVersion == 2)
    #expect(loaded.session[0].exchanges.count == 1)
    #expect(loaded.session[0].edits["body.entryId"] == "0_two")
    let store = SessionStore(path: path, recipe: identity)
    store.adopt(loaded)
    var walk = engine(exchanges: 0)
    walk.session = loaded.session
    walk.record(exchange(1), step: 0)
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    let migrated = try SessionFile.load(path: path)
    #expect(migrated.formatVersion == 3)
    #expect(migrated.session[0].exchanges.map(\.startedAt) == [1_700_000_000, 1_700_000_001])
    #expect(migrated.session[0].edits["body.entryId"] == "0_two")
  }
}
