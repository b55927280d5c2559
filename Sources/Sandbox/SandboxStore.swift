import Foundation
import GRDB
import JSONValue

/// The sandbox's persistent state: partners, upload tokens, pending chunks, entries, players and
/// ended sessions, in `sandbox.sqlite` inside the data directory.
final class SandboxStore: Sendable {
  let pool: DatabasePool
  let entryMatches = EntryMatchCache()

  /// `lastMigration` stops the schema at an older version, so tests can build a database as an
  /// earlier sandbox left it.
  init(path: String, lastMigration: String? = nil) throws {
    pool = try DatabasePool(path: path)
    if let lastMigration {
      try Self.migrator.migrate(pool, upTo: lastMigration)
    } else {
      try Self.migrator.migrate(pool)
    }
  }

  private static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE partner (id INTEGER PRIMARY KEY, name TEXT NOT NULL, adminSecret TEXT NOT NULL,
            userSecret TEXT NOT NULL, createdAt INTEGER NOT NULL);
          CREATE TABLE uploadToken (id TEXT PRIMARY KEY, partnerId INTEGER NOT NULL, userId TEXT NOT NULL,
            status INTEGER NOT NULL, fileName TEXT, fileSize REAL, uploadedFileSize INTEGER NOT NULL,
            hasData INTEGER NOT NULL, autoFinalize INTEGER NOT NULL, createdAt INTEGER NOT NULL,
            updatedAt INTEGER NOT NULL);
          CREATE TABLE pendingChunk (tokenId TEXT NOT NULL, "offset" INTEGER NOT NULL, length INTEGER NOT NULL,
            path TEXT NOT NULL, PRIMARY KEY (tokenId, "offset"));
          CREATE TABLE entry (id TEXT PRIMARY KEY, partnerId INTEGER NOT NULL, userId TEXT NOT NULL,
            name TEXT NOT NULL, description TEXT NOT NULL, tags TEXT NOT NULL, referenceId TEXT,
            mediaType INTEGER NOT NULL, deleted INTEGER NOT NULL, contentPath TEXT, contentFileName TEXT,
            contentSize INTEGER NOT NULL, contentAddedAt REAL, createdAt INTEGER NOT NULL,
            updatedAt INTEGER NOT NULL, version INTEGER NOT NULL);
          CREATE TABLE uiConf (id INTEGER PRIMARY KEY, partnerId INTEGER NOT NULL, name TEXT NOT NULL,
            objType INTEGER NOT NULL, tags TEXT NOT NULL, html5Url TEXT NOT NULL, width INTEGER NOT NULL,
            height INTEGER NOT NULL, createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL);
          CREATE TABLE endedSession (ksDigest TEXT PRIMARY KEY, expiry INTEGER NOT NULL);
          """)
    }
    migrator.registerMigration("v2-import") { db in
      // The token an entry waits on when `addContent` got it before the upload finished.
      try db.execute(sql: "ALTER TABLE entry ADD COLUMN importTokenId TEXT")
    }
    migrator.registerMigration("v3-entry-type") { db in
      // `KalturaEntryType`; entries stored before data and document entries existed are media clips.
      try db.execute(sql: "ALTER TABLE entry ADD COLUMN entryType INTEGER NOT NULL DEFAULT 1")
    }
    migrator.registerMigration("v4-entry-fields") { db in
      // Writable entry fields kept as sent (JSON object text).
      try db.execute(sql: "ALTER TABLE entry ADD COLUMN extraFields TEXT NOT NULL DEFAULT '{}'")
    }
    ObjectStore.registerMigrations(&migrator)
    migrator.registerMigration("v6-entry-index") { db in
      // media.list and baseEntry.list filter and page in SQL: a partner's live entries by age.
      try db.execute(sql: "CREATE INDEX entryByPartner ON entry (partnerId, deleted, entryType, createdAt)")
    }
    ActionsLimit.registerMigrations(&migrator)
    SeedLedger.registerMigrations(&migrator)
    migrator.registerMigration("v9-entry-listing") { db in
      // A listing reads partner, liveness, type, media type, age, tags and what the status
      // derives from; indexes holding them all let a filtered count and a deep OFFSET run on
      // the index alone, by age overall or within one media type.
      let covered = "tags, contentAddedAt, importTokenId, userId"
      try db.execute(
        sql: """
          DROP INDEX entryByPartner;
          CREATE INDEX entryByPartner ON entry (partnerId, deleted, entryType, createdAt, mediaType, \(covered));
          CREATE INDEX entryByMediaType ON entry (partnerId, deleted, entryType, mediaType, createdAt, \(covered));
          CREATE INDEX entryByContentTime ON entry (contentAddedAt);
          CREATE TABLE entryVersion (version INTEGER NOT NULL);
          INSERT INTO entryVersion VALUES (0);
          CREATE TRIGGER entryInserted AFTER INSERT ON entry BEGIN UPDATE entryVersion SET version = version + 1; END;
          CREATE TRIGGER entryUpdated AFTER UPDATE ON entry BEGIN UPDATE entryVersion SET version = version + 1; END;
          CREATE TRIGGER entryDeleted AFTER DELETE ON entry BEGIN UPDATE entryVersion SET version = version + 1; END;
          """)
    }
    MetadataValues.registerMigrations(&migrator)
    return migrator
  }

  // MARK: partners

  func partner(id: Int) throws -> PartnerRecord? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM partner WHERE id = ?", arguments: [id]).map(PartnerRecord.init(row:))
    }
  }

  func savePartner(_ p: PartnerRecord) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO partner (id, name, adminSecret, userSecret, createdAt) VALUES (?,?,?,?,?)",
        arguments: [p.id, p.name, p.adminSecret, p.userSecret, p.createdAt])
    }
  }

  // MARK: upload tokens

  func insertToken(_ t: UploadTokenRecord) throws {
    try pool.write { db in try Self.writeToken(t, db: db, replace: false) }
  }

  func updateToken(_ t: UploadTokenRecord) throws {
    try pool.write { db in try Self.writeToken(t, db: db, replace: true) }
  }

  private static func writeToken(_ t: UploadTokenRecord, db: Database, replace: Bool) throws {
    try db.execute(
      sql: """
        INSERT \(replace ? "OR REPLACE" : "") INTO uploadToken (id, partnerId, userId, status, fileName, fileSize,
          uploadedFileSize, hasData, autoFinalize, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?)
        """,
      arguments: [
        t.id, t.partnerId, t.userId, t.status.rawValue, t.fileName, t.fileSize, t.uploadedFileSize, t.hasData,
        t.autoFinalize, t.createdAt, t.updatedAt,
      ])
  }

  func token(id: String) throws -> UploadTokenRecord? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM uploadToken WHERE id = ?", arguments: [id])
        .map(UploadTokenRecord.init(row:))
    }
  }

  func tokens(partnerId: Int) throws -> [UploadTokenRecord] {
    try pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM uploadToken WHERE partnerId = ? AND status != 5 ORDER BY createdAt DESC, rowid DESC",
        arguments: [partnerId]
      ).map(UploadTokenRecord.init(row:))
    }
  }

  func pendingChunks(tokenId: String) throws -> [PendingChunk] {
    try pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM pendingChunk WHERE tokenId = ? ORDER BY \"offset\"", arguments: [tokenId]
      ).map { PendingChunk(offset: $0["offset"], length: $0["length"], path: $0["path"]) }
    }
  }

  func addPendingChunk(tokenId: String, _ c: PendingChunk) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO pendingChunk (tokenId, \"offset\", length, path) VALUES (?,?,?,?)",
        arguments: [tokenId, c.offset, c.length, c.path])
    }
  }

  /// One chunk's state change as one transaction: the token's new counters, the chunks now
  /// waiting and the ones drained into the data file. A crash before it leaves the old state,
  /// which `UploadEngine` reconciles the files to.
  func commitChunk(_ token: UploadTokenRecord, adding: [PendingChunk], removing: [Int64]) throws {
    try pool.write { db in
      try Self.writeToken(token, db: db, replace: true)
      for offset in removing {
        try db.execute(
          sql: "DELETE FROM pendingChunk WHERE tokenId = ? AND \"offset\" = ?", arguments: [token.id, offset])
      }
      for c in adding {
        try db.execute(
          sql: "INSERT OR REPLACE INTO pendingChunk (tokenId, \"offset\", length, path) VALUES (?,?,?,?)",
          arguments: [token.id, c.offset, c.length, c.path])
      }
    }
  }

  func removePendingChunk(tokenId: String, offset: Int64) throws {
    try pool.write { db in
      try db.execute(
        sql: "DELETE FROM pendingChunk WHERE tokenId = ? AND \"offset\" = ?", arguments: [tokenId, offset])
    }
  }

  // MARK: entries

  func saveEntry(_ e: EntryRecord) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO entry (id, partnerId, userId, name, description, tags, referenceId, mediaType,
            deleted, contentPath, contentFileName, contentSize, contentAddedAt, createdAt, updatedAt, version,
            importTokenId, entryType, extraFields) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
          """,
        arguments: [
          e.id, e.partnerId, e.userId, e.name, e.description, e.tags, e.referenceId, e.mediaType, e.deleted,
          e.contentPath, e.contentFileName, e.contentSize, e.contentAddedAt, e.createdAt, e.updatedAt, e.version,
          e.importTokenId, e.entryType, JSONValue.object(e.extraFields).compactText,
        ])
    }
  }

  func entry(id: String) throws -> EntryRecord? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE id = ?", arguments: [id]).map(EntryRecord.init(row:))
    }
  }

  func entries(importingToken tokenId: String) throws -> [EntryRecord] {
    try pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM entry WHERE importTokenId = ? AND deleted = 0 AND contentPath IS NULL",
        arguments: [tokenId]
      ).map(EntryRecord.init(row:))
    }
  }

  // MARK: players

  func uiConfs(partnerIds: [Int]) throws -> [UiConfRecord] {
    try pool.read { db in
      let marks = partnerIds.map { _ in "?" }.joined(separator: ",")
      return try Row.fetchAll(
        db, sql: "SELECT * FROM uiConf WHERE partnerId IN (\(marks)) ORDER BY id",
        arguments: StatementArguments(partnerIds)
      ).map(UiConfRecord.init(row:))
    }
  }

  func insertUiConf(_ u: UiConfRecord) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR IGNORE INTO uiConf (id, partnerId, name, objType, tags, html5Url, width, height, createdAt,
            updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?)
          """,
        arguments: [
          u.id, u.partnerId, u.name, u.objType, u.tags, u.html5Url, u.width, u.height, u.createdAt, u.updatedAt,
        ])
    }
  }

  // MARK: ended sessions

  func endSession(digest: String, expiry: Int) throws {
    try pool.write { db in
      try db.execute(
        sql: "INSERT OR REPLACE INTO endedSession (ksDigest, expiry) VALUES (?, ?)", arguments: [digest, expiry])
    }
  }

  func isSessionEnded(digest: String) throws -> Bool {
    try pool.read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM endedSession WHERE ksDigest = ?", arguments: [digest]) ?? false
    }
  }
}
