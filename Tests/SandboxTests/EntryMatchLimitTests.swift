import Foundation
import Testing

@testable import Sandbox

/// `SandboxStore.entryPage` keeps at most `EntryMatchCache.rowidLimit` matches of a listing; a
/// page beyond them (deeper than Kaltura lets `media.list` go, as a report may ask) is cut by
/// SQLite, and both kinds of page keep the listing's order.
@Suite struct EntryMatchLimitTests {
  @Test func pagesPastTheKeptMatchesKeepTheOrder() throws {
    let directory = NSTemporaryDirectory() + "entry-match-limit-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try SandboxStore(path: directory + "/sandbox.sqlite")
    let count = EntryMatchCache.rowidLimit + 100
    try store.pool.write { db in
      let insert = try db.makeStatement(
        sql: """
          INSERT INTO entry (id, partnerId, userId, name, description, tags, mediaType, deleted, contentSize,
            createdAt, updatedAt, version) VALUES (?, 100, 'admin', '', '', 'limit', 1, 0, 0, ?, 0, 1)
          """)
      // Ten entries a second: ties the rowid breaks.
      for i in 0..<count { try insert.execute(arguments: ["0_\(i)", 1_000 + i / 10]) }
    }
    // Newest first, ties newest added first: the reverse of the insertion order.
    let listed = (0..<count).reversed().map { "0_\($0)" }
    let condition = SQLCondition(sql: "partnerId = 100 AND deleted = 0", arguments: [])
    for offset in [0, 5_000, EntryMatchCache.rowidLimit - 50, EntryMatchCache.rowidLimit + 20] {
      let (page, total) = try store.entryPage(condition, order: "createdAt DESC, rowid DESC", limit: 60, offset: offset)
      #expect(total == count)
      #expect(page.map(\.id) == Array(listed[offset..<min(count, offset + 60)]), "offset \(offset)")
    }
  }
}
