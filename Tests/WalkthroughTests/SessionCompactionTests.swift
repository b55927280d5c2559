import Foundation
import JSONValue
import Testing
import Walkthrough

/// Commit records pile up with every checkpoint save: past `SessionStore.compaction` a save
/// writes the log afresh, and a kill at any point of it leaves a session that loads.
extension SessionCommitTests {
  /// A checkpoint of about 1 KB, as an upload saves after each acknowledged chunk.
  func checkpoint(_ index: Int) -> JSONValue {
    ["token": "0_tok", "acknowledged": .int(index), "ranges": .string(String(repeating: "r", count: 1000))]
  }

  func logSize(_ store: SessionStore) throws -> Int { try contents(store.logPath).count }

  @Test func manyCheckpointSavesKeepTheLogBounded() throws {
    let path = temporaryPath("bounded.session.json")
    let store = SessionStore(path: path, recipe: identity)
    store.compaction = SessionStore.Compaction(minimumCommitBytes: 8 << 10, maximumCommitShare: 0.5)
    var walk = engine(exchanges: 3)
    try store.save(walk)
    let fresh = try logSize(store)
    var largest = 0
    var compactions = 0
    for index in 0..<300 {
      walk.session[0].uploadCheckpoint = checkpoint(index)
      try store.save(walk)
      if case .compacted(let records) = store.lastSave {
        compactions += 1
        #expect(records == 3)
      }
      largest = max(largest, try logSize(store))
    }
    // Without compaction the log would hold 300 commit records of over 1 KB each.
    #expect(compactions > 0)
    #expect(largest < fresh + (8 << 10) + 2 * 1200, "at most the floor of commit records and one more")
    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    #expect(loaded.session[0].exchanges.count == 3)
    #expect(loaded.session[0].uploadCheckpoint == checkpoint(299))
    #expect(loaded.warnings.isEmpty)
  }

  @Test func aSessionSavedAcrossACompactionLoadsEveryExchangeAndTheLatestState() throws {
    let path = temporaryPath("across.session.json")
    let store = SessionStore(path: path, recipe: identity)
    store.compaction = SessionStore.Compaction(minimumCommitBytes: 4 << 10, maximumCommitShare: 0.5)
    var walk = engine(exchanges: 1)
    try store.save(walk)
    var kinds: [SessionStore.Kind] = []
    for index in 0..<40 {
      if index % 5 == 0 { walk.record(exchange(index + 1), step: 0) }
      walk.setValue(.string("0_edit\(index)"), step: 0, path: "body.entryId")
      walk.session[0].uploadCheckpoint = checkpoint(index)
      try store.save(walk)
      kinds.append(store.lastSave!)
    }
    #expect(kinds.contains { if case .compacted = $0 { true } else { false } })

    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    #expect(loaded.session[0].exchanges.map(\.startedAt) == walk.session[0].exchanges.map(\.startedAt))
    #expect(loaded.session[0].edits["body.entryId"] == "0_edit39")
    #expect(loaded.session[0].uploadCheckpoint == checkpoint(39))
    #expect(loaded.warnings.isEmpty)

    // A store that adopts the compacted log appends to it.
    let next = SessionStore(path: path, recipe: identity)
    next.adopt(loaded)
    var resumed = engine(exchanges: 0)
    resumed.session = loaded.session
    resumed.record(exchange(99), step: 0)
    try next.save(resumed)
    #expect(next.lastSave == .appended(records: 1))
    let final = try SessionFile.load(path: path)
    #expect(final.session[0].exchanges.count == walk.session[0].exchanges.count + 1)
  }

  /// A store with committed saves whose next save compacts.
  func storeDueForCompaction(_ name: String) throws -> (SessionStore, WalkthroughEngine) {
    let path = temporaryPath(name)
    let store = SessionStore(path: path, recipe: identity)
    var walk = engine(exchanges: 2)
    try store.save(walk)
    walk.record(exchange(2), step: 0)
    walk.setValue("0_committed", step: 0, path: "body.entryId")
    walk.session[0].uploadCheckpoint = checkpoint(1)
    try store.save(walk)
    #expect(store.lastSave == .appended(records: 1))
    store.compaction = SessionStore.Compaction(minimumCommitBytes: 0, maximumCommitShare: 0)
    walk.record(exchange(3), step: 0)
    walk.setValue("0_compacted", step: 0, path: "body.entryId")
    walk.session[0].uploadCheckpoint = checkpoint(2)
    return (store, walk)
  }

  @Test func aCompactionCutShortLoadsThePreviousSession() throws {
    let (store, walk) = try storeDueForCompaction("cut.session.json")
    let log = try contents(store.logPath)
    let state = try contents(store.path)
    struct Killed: Error {}
    store.beforeCommit = { throw Killed() }
    #expect(throws: Killed.self) { try store.save(walk) }
    // A kill leaves its temporary file behind: it is not the log.
    let directory = URL(fileURLWithPath: store.path).deletingLastPathComponent()
    let leftover = directory.appendingPathComponent(".cut.session.json.log.4242.1.tmp")
    try Data("{\"sessionLog\":\"torn\"}\n{\"step\":1".utf8).write(to: leftover)
    #expect(try contents(store.logPath) == log, "the log is replaced only by the rename")
    #expect(try contents(store.path) == state)

    let reopened = try SessionFile.load(path: store.path, currentRecipe: identity)
    #expect(reopened.session[0].exchanges.map(\.startedAt) == [1_700_000_000, 1_700_000_001, 1_700_000_002])
    #expect(reopened.session[0].edits["body.entryId"] == "0_committed")
    #expect(reopened.session[0].uploadCheckpoint == checkpoint(1))

    store.beforeCommit = {}
    try store.save(walk)
    #expect(store.lastSave == .compacted(records: 4))
    let compacted = try SessionFile.load(path: store.path, currentRecipe: identity)
    #expect(compacted.session[0].exchanges.count == 4)
    #expect(compacted.session[0].edits["body.entryId"] == "0_compacted")
  }

  @Test func aKillBetweenTheCompactedLogAndItsStateFileLoadsTheCompactedSession() throws {
    let (store, walk) = try storeDueForCompaction("between.session.json")
    let oldState = try contents(store.path)
    try store.save(walk)
    #expect(store.lastSave == .compacted(records: 4))
    let lines = String(decoding: try contents(store.logPath), as: UTF8.self).split(separator: "\n")
    #expect(lines.count(where: { $0.hasPrefix(#"{"commit""#) }) == 1, "the superseded commit is gone")
    // The state file's rename never happened: the one before it names the replaced log.
    try oldState.write(to: URL(fileURLWithPath: store.path))

    let reopened = try SessionFile.load(path: store.path, currentRecipe: identity)
    #expect(reopened.session[0].exchanges.map(\.startedAt) == walk.session[0].exchanges.map(\.startedAt))
    #expect(reopened.session[0].edits["body.entryId"] == "0_compacted")
    #expect(reopened.session[0].uploadCheckpoint == checkpoint(2))
    #expect(reopened.warnings.isEmpty)

    let next = SessionStore(path: store.path, recipe: identity)
    next.adopt(reopened)
    var resumed = walk
    resumed.record(exchange(4), step: 0)
    try next.save(resumed)
    let final = try SessionFile.load(path: store.path, currentRecipe: identity)
    #expect(final.session[0].exchanges.count == 5)
    #expect(final.session[0].edits["body.entryId"] == "0_compacted")
  }
}
