import Foundation
import GRDB
import JSONValue

/// A stored object of the generic engine: any Kaltura class, kept as its JSON reply.
struct StoredObject: Sendable, Hashable {
  /// The class root (`KalturaCuePoint`): one id space for a class and its subclasses.
  var space: String
  var partnerId: Int
  /// The key: the `id`, or composite key values joined by `ObjectStore.keySeparator`.
  var id: String
  var className: String
  var createdAt: Int
  var updatedAt: Int
  var body: JSONObject
}

/// A page of objects and the count of every match.
struct ObjectPage: Sendable {
  var objects: [StoredObject]
  var totalCount: Int
}

/// SQL over the generic `object` table: one row per object, the object as JSON in `body`, the
/// key, class and times in indexed columns; other fields are reached with `json_extract`.
enum ObjectStore {
  static let keySeparator = "\u{1F}"

  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v5-generic-objects") { db in
      try db.execute(
        sql: """
          CREATE TABLE object (space TEXT NOT NULL, partnerId INTEGER NOT NULL, id TEXT NOT NULL,
            class TEXT NOT NULL, createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL, body TEXT NOT NULL,
            UNIQUE (space, partnerId, id));
          CREATE INDEX objectByCreation ON object (space, partnerId, createdAt);
          CREATE INDEX objectByUpdate ON object (space, partnerId, updatedAt);
          CREATE INDEX objectByClass ON object (space, partnerId, class);
          CREATE TABLE objectSequence (space TEXT PRIMARY KEY, last INTEGER NOT NULL);
          """)
    }
  }
}

extension SandboxStore {
  /// The next integer id of `space`; ids are global, as Kaltura's auto-increment columns are.
  func nextObjectNumber(space: String) throws -> Int {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO objectSequence (space, last) VALUES (?, 1)
            ON CONFLICT(space) DO UPDATE SET last = last + 1
          """, arguments: [space])
      return try Int.fetchOne(db, sql: "SELECT last FROM objectSequence WHERE space = ?", arguments: [space]) ?? 1
    }
  }

  /// Inserts a new object; false when its key is taken. `alongside` writes what the object
  /// implies (an index of its content) in the same transaction, so a crash keeps both or neither.
  func insertObject(_ o: StoredObject, alongside: (Database) throws -> Void = { _ in }) throws -> Bool {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR IGNORE INTO object (space, partnerId, id, class, createdAt, updatedAt, body)
            VALUES (?,?,?,?,?,?,?)
          """,
        arguments: [
          o.space, o.partnerId, o.id, o.className, o.createdAt, o.updatedAt, JSONValue.object(o.body).compactText,
        ])
      guard db.changesCount > 0 else { return false }
      try alongside(db)
      return true
    }
  }

  /// Writes an object whatever it held before (an upsert on the key), with `alongside` in the
  /// same transaction.
  func saveObject(_ o: StoredObject, alongside: (Database) throws -> Void = { _ in }) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO object (space, partnerId, id, class, createdAt, updatedAt, body) VALUES (?,?,?,?,?,?,?)
            ON CONFLICT(space, partnerId, id) DO UPDATE SET class = excluded.class,
              updatedAt = excluded.updatedAt, body = excluded.body
          """,
        arguments: [
          o.space, o.partnerId, o.id, o.className, o.createdAt, o.updatedAt, JSONValue.object(o.body).compactText,
        ])
      try alongside(db)
    }
  }

  func object(space: String, partnerId: Int, id: String) throws -> StoredObject? {
    try pool.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM object WHERE space = ? AND partnerId = ? AND id = ?",
        arguments: [space, partnerId, id]
      ).map(StoredObject.init(row:))
    }
  }

  func deleteObject(
    space: String, partnerId: Int, id: String, alongside: (Database) throws -> Void = { _ in }
  ) throws {
    try pool.write { db in
      try db.execute(
        sql: "DELETE FROM object WHERE space = ? AND partnerId = ? AND id = ?", arguments: [space, partnerId, id])
      try alongside(db)
    }
  }

  /// The objects of `classes` in `space` matching `condition`, ordered and paged in SQL.
  func objects(
    space: String, partnerId: Int, classes: Set<String>, condition: SQLCondition, order: String, limit: Int,
    offset: Int
  ) throws -> ObjectPage {
    let marks = classes.map { _ in "?" }.joined(separator: ",")
    var arguments: [any DatabaseValueConvertible] = [space, partnerId]
    arguments += classes.sorted() as [any DatabaseValueConvertible]
    arguments += condition.arguments
    let whereClause = "space = ? AND partnerId = ? AND class IN (\(marks)) AND (\(condition.sql))"
    return try pool.read { db in
      let total =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM object WHERE \(whereClause)",
          arguments: StatementArguments(arguments.map { $0.databaseValue })) ?? 0
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM object WHERE \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
        arguments: StatementArguments((arguments + [limit, offset]).map { $0.databaseValue }))
      return ObjectPage(objects: rows.map(StoredObject.init(row:)), totalCount: total)
    }
  }
}

extension StoredObject {
  init(row: Row) {
    self.init(
      space: row["space"], partnerId: row["partnerId"], id: row["id"], className: row["class"],
      createdAt: row["createdAt"], updatedAt: row["updatedAt"],
      body: (try? JSONValue(parsing: row["body"] as String? ?? "{}"))?.objectValue ?? JSONObject())
  }
}
