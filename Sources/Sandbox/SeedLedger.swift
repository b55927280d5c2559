import GRDB
import JSONValue

/// What an account starts with (its default conversion profile, the system permissions, the
/// system notification templates) is written once: the ledger remembers each seeding, so an
/// object a client deletes stays deleted instead of coming back on the next read.
enum SeedLedger {
  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v8-seed-ledger") { db in
      try db.execute(
        sql: "CREATE TABLE seeded (name TEXT NOT NULL, partnerId INTEGER NOT NULL, PRIMARY KEY (name, partnerId))")
    }
  }
}

extension SandboxStore {
  /// Writes `objects` (keeping any already there) unless the seeding `name` of `partnerId` was
  /// done before; the ledger row and the objects are one transaction, so a reader never sees
  /// the seeding half done.
  func seedOnce(_ name: String, partnerId: Int, objects: () throws -> [StoredObject]) throws {
    let done = try pool.read { db in
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM seeded WHERE name = ? AND partnerId = ?", arguments: [name, partnerId]) ?? false
    }
    if done { return }
    let made = try objects()
    try pool.write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO seeded (name, partnerId) VALUES (?, ?)", arguments: [name, partnerId])
      guard db.changesCount > 0 else { return }
      for o in made {
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO object (space, partnerId, id, class, createdAt, updatedAt, body)
              VALUES (?,?,?,?,?,?,?)
            """,
          arguments: [
            o.space, o.partnerId, o.id, o.className, o.createdAt, o.updatedAt, JSONValue.object(o.body).compactText,
          ])
      }
    }
  }
}
