import ChildProcess
import Foundation
import JSONValue
import Testing
import Walkthrough

/// The incremental session store (format 3: FILE + FILE.log with commit records), its crash
/// safety, the saver's schedule, and the migration of format 1 and 2 files.
@Suite struct SessionStoreTests {
  let identity = RecipeIdentity(path: "test.md", title: "Test recipe", text: "recipe text")

  func engine(exchanges: Int, replyBytes: Int = 16) -> WalkthroughEngine {
    let get =
      #"{"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"entryId": {}}}}]}"#
    var engine = WalkthroughEngine(recipe: recipe([("Get", get)]), document: nil, credentials: testCredentials)
    for index in 0..<exchanges { engine.record(exchange(index, replyBytes: replyBytes), step: 0) }
    return engine
  }

  func exchange(_ index: Int, replyBytes: Int = 16) -> Exchange {
    Exchange(
      method: "POST", url: "http://h/api_v3/service/media/action/get?format=1", status: 200,
      reply: ["id": .string("0_\(index)"), "blob": .string(String(repeating: "x", count: replyBytes))],
      replyIsJSON: true, ok: true, milliseconds: 1, startedAt: 1_700_000_000 + Double(index))
  }

  func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }

  func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1
  }

  @Test func aNewExchangeIsAppendedAndTheStateStaysSmall() throws {
    let path = temporaryPath("walk.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 3, replyBytes: 10_000)
    try store.save(walk)
    #expect(store.lastSave == .rewritten(records: 3))
    let logBefore = size(store.logPath)
    walk.record(exchange(3, replyBytes: 10_000), step: 0)
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    let logAfter = size(store.logPath)
    #expect(logAfter > logBefore + 10_000 && logAfter < logBefore + 11_000, "only the new exchange was written")
    #expect(size(path) < 4_000, "the state file holds no replies")
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 0))
    #expect(size(store.logPath) == logAfter)

    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    #expect(loaded.session[0].exchanges.map(\.startedAt) == walk.session[0].exchanges.map(\.startedAt))
    #expect(loaded.session[0].exchanges.last?.reply?["id"] == "0_3")
    #expect(loaded.warnings.isEmpty)
  }

  @Test func aReopenedSessionAppendsAfterItsLog() throws {
    let path = temporaryPath("reopen.session.json")
    try SessionFile.save(engine(exchanges: 2), recipe: identity, to: path)
    let loaded = try SessionFile.load(path: path)
    let store = SessionStore(path: path, recipe: identity)
    store.adopt(loaded)
    var walk = engine(exchanges: 0)
    walk.session = loaded.session
    walk.record(exchange(2), step: 0)
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    #expect(try SessionFile.load(path: path).session[0].exchanges.count == 3)
  }

  @Test func aSaveKilledBetweenLogAndStateLeavesTheLastSession() throws {
    let path = temporaryPath("crash.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 2)
    try store.save(walk)
    struct Killed: Error {}
    store.beforeCommit = { throw Killed() }
    walk.record(exchange(2), step: 0)
    walk.setValue("0_edited", step: 0, path: "body.entryId")
    #expect(throws: Killed.self) { try store.save(walk) }
    // A torn record after the appended one, as a kill in the middle of a write leaves it.
    let handle = try #require(FileHandle(forWritingAtPath: store.logPath))
    handle.seekToEndOfFile()
    handle.write(Data("{\"step\":1,\"request\":{\"meth".utf8))
    try handle.close()

    let reopened = try SessionFile.load(path: path)
    #expect(reopened.session[0].exchanges.count == 2, "records the state file does not name are not loaded")
    #expect(reopened.session[0].edits["body.entryId"] == nil)

    let next = SessionStore(path: path, recipe: identity)
    next.adopt(reopened)
    var resumed = engine(exchanges: 0)
    resumed.session = reopened.session
    resumed.record(exchange(7), step: 0)
    try next.save(resumed)
    let final = try SessionFile.load(path: path)
    #expect(final.session[0].exchanges.map(\.startedAt) == [1_700_000_000, 1_700_000_001, 1_700_000_007])
    let lines = try String(contentsOfFile: store.logPath, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4, "the torn tail was cut off: header and three records")
  }

  @Test func theSameStoreRetriesWhatAFailedSaveAppended() throws {
    let path = temporaryPath("retry.session.json")
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 1)
    try store.save(walk)
    struct Full: Error {}
    store.beforeCommit = { throw Full() }
    walk.record(exchange(1), step: 0)
    #expect(throws: Full.self) { try store.save(walk) }
    store.beforeCommit = {}
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    #expect(try SessionFile.load(path: path).session[0].exchanges.count == 2)
    let lines = try String(contentsOfFile: store.logPath, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4, "header, two records and one commit: the failed save's record was written over")
  }

  @Test func exchangesThatNoLongerExtendTheLogRewriteIt() throws {
    let path = temporaryPath("rewrite.session.json")
    let store = SessionStore(path: path, recipe: identity)
    try store.save(engine(exchanges: 3))
    try store.save(engine(exchanges: 1))
    #expect(store.lastSave == .rewritten(records: 1))
    #expect(try SessionFile.load(path: path).session[0].exchanges.count == 1)
  }

  @Test func temporaryFilesOfAKilledSaveAreRemovedByTheNextSave() async throws {
    let path = temporaryPath("temps.session.json")
    let directory = (path as NSString).deletingLastPathComponent
    let dead = try await ChildProcess.run("/bin/true", [], timeout: .seconds(60))
    let stale = "\(directory)/.temps.session.json.\(dead.processIdentifier).42.tmp"
    let staleLog = "\(directory)/.temps.session.json.log.\(dead.processIdentifier).43.tmp"
    let live = "\(directory)/.temps.session.json.\(getpid()).44.tmp"
    for file in [stale, staleLog, live] { _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) }
    try SessionFile.save(engine(exchanges: 1), recipe: identity, to: path)
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(!FileManager.default.fileExists(atPath: staleLog))
    #expect(FileManager.default.fileExists(atPath: live), "a save of a living process is left alone")
  }

  @Test func aFormatOneFileLoadsAndIsMigratedOnTheNextSave() throws {
    let path = temporaryPath("old.session.json")
    try Data(Self.formatOneFixture.utf8).write(to: URL(fileURLWithPath: path))
    let loaded = try SessionFile.load(path: path)
    #expect(loaded.formatVersion == 1)
    #expect(loaded.logPosition == nil)
    #expect(loaded.session[0].edits["body.entryId"] == "0_abc")
    #expect(loaded.session[0].exchanges.count == 2)
    #expect(loaded.session[0].uploadCheckpoint?["uploadTokenId"] == "0_tok")

    let store = SessionStore(path: path, recipe: identity)
    store.adopt(loaded)
    var walk = engine(exchanges: 0)
    walk.session = loaded.session
    try store.save(walk)
    #expect(store.lastSave == .rewritten(records: 2))
    let state = try JSONValue(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    #expect(state["formatVersion"] == .int(3))
    #expect(state["steps"]?[0]?["exchanges"] == nil)
    let migrated = try SessionFile.load(path: path)
    #expect(migrated.formatVersion == 3)
    #expect(migrated.session[0].exchanges == loaded.session[0].exchanges)
    #expect(migrated.session[0].edits == loaded.session[0].edits)
    #expect(migrated.session[0].uploadCheckpoint == loaded.session[0].uploadCheckpoint)
  }

  @Test func aMissingLogLoadsTheAnswersWithANote() throws {
    let path = temporaryPath("nolog.session.json")
    var walk = engine(exchanges: 2)
    walk.setValue("0_kept", step: 0, path: "body.entryId")
    try SessionFile.save(walk, recipe: identity, to: path)
    try FileManager.default.removeItem(atPath: path + ".log")
    let loaded = try SessionFile.load(path: path)
    #expect(loaded.session[0].edits["body.entryId"] == "0_kept")
    #expect(loaded.session[0].exchanges.isEmpty)
    #expect(loaded.warnings.contains { $0.contains(".log is missing") })
  }

  @Test func theScheduleCoalescesAndThrottlesCheckpoints() {
    var schedule = SaveSchedule<Int>(throttle: CheckpointThrottle(interval: 1, byteStep: 64))
    schedule.change(1, path: "a")
    schedule.change(2, path: "a")
    guard case .write(let first) = schedule.next(now: 0) else {
      Issue.record("a change is written at once")
      return
    }
    #expect(first.snapshot == 2, "the latest wins")
    guard case .idle = schedule.next(now: 0) else {
      Issue.record("two changes are one write")
      return
    }
    schedule.checkpoint(3, path: "a", acknowledgedBytes: 10)
    guard case .write = schedule.next(now: 0.1) else {
      Issue.record("the first checkpoint is written")
      return
    }
    schedule.checkpoint(4, path: "a", acknowledgedBytes: 20)
    schedule.checkpoint(5, path: "a", acknowledgedBytes: 30)
    guard case .wait(let due) = schedule.next(now: 0.5) else {
      Issue.record("a checkpoint within the second waits")
      return
    }
    #expect(due == 1.1)
    guard case .write(let held) = schedule.next(now: 1.1) else {
      Issue.record("it is written once due")
      return
    }
    #expect(held.snapshot == 5)
    schedule.checkpoint(6, path: "a", acknowledgedBytes: 100)
    guard case .write = schedule.next(now: 1.2) else {
      Issue.record("64 more bytes acknowledged: written within the second")
      return
    }
    schedule.checkpoint(7, path: "a", acknowledgedBytes: 101)
    guard case .wait = schedule.next(now: 1.3) else {
      Issue.record("held")
      return
    }
    guard case .write(let forced) = schedule.next(now: 1.3, force: true) else {
      Issue.record("a flush writes a held checkpoint")
      return
    }
    #expect(forced.snapshot == 7)
    schedule.change(8, path: "a")
    schedule.checkpoint(9, path: "a", acknowledgedBytes: 102)
    guard case .write(let change) = schedule.next(now: 1.4) else {
      Issue.record("a checkpoint never delays an unwritten change")
      return
    }
    #expect(change.snapshot == 9)
  }

  /// A session as format 1 wrote it: one document, exchanges inline.
  static let formatOneFixture = #"""
    {
      "formatVersion": 1,
      "recipe": {"path": "test.md", "title": "Test recipe", "sha256": "00"},
      "serviceURL": "http://127.0.0.1:9/api_v3",
      "partnerId": 42,
      "savedAt": "2026-11-30T10:00:00.000Z",
      "steps": [
        {
          "step": 1, "title": "Get",
          "answers": {"body.entryId": "0_abc"},
          "upload": {"uploadTokenId": "0_tok", "file": {"path": "/tmp/f", "size": 10, "mtime": 1.5, "headTailHash": "ab"},
                     "acknowledgedBytes": 4, "acknowledged": [[0, 4]]},
          "exchanges": [
            {"time": "2026-11-30T10:00:00.000Z", "startedAt": 1764496800,
             "request": {"method": "POST", "url": "http://127.0.0.1:9/api_v3/service/media/action/get?format=1", "body": {"entryId": "0_abc"}},
             "status": 200, "ok": false, "error": "ENTRY_ID_NOT_FOUND: nope", "errorCode": "ENTRY_ID_NOT_FOUND",
             "ms": 3, "replyIsJSON": true, "reply": {"code": "ENTRY_ID_NOT_FOUND", "objectType": "KalturaAPIException"}},
            {"time": "2026-11-30T10:00:01.000Z", "startedAt": 1764496801,
             "request": {"method": "POST", "url": "http://127.0.0.1:9/api_v3/service/media/action/get?format=1", "body": null},
             "status": 200, "ok": true, "ms": 4.5, "replyIsJSON": true, "reply": {"id": "0_abc"}}
          ]
        }
      ]
    }
    """#
}
