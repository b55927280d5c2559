import CLibXML2
import Foundation
import GRDB

/// The field values of entries' custom metadata, one row per field value, so an entry filter's
/// `KalturaMetadataSearchItem` is an indexed lookup (`MetadataSearch`) rather than an XML scan.
/// Rows follow the metadata: replaced on update, removed on delete and with their entry.
enum MetadataValues {
  /// `KalturaMetadataObjectType.ENTRY`: the only objects a metadata search finds.
  static let entryObjectType = "1"

  /// One field value of a metadata document: `number` is the value read as a number, for
  /// comparable conditions (numbers and `dateType`'s Unix seconds), nil for text.
  struct Value: Equatable, Sendable {
    var field: String
    var value: String
    var number: Double?

    init(field: String, value: String) {
      self.field = field
      self.value = value
      number = Double(value.trimmingCharacters(in: .whitespaces))
    }
  }

  /// Each element below the root that holds text, by its local name: Kaltura's metadata is
  /// `<metadata><Field>value</Field>…</metadata>`, a multi-value field repeating its element.
  static func values(of document: LibXMLDocument) -> [Value] {
    guard let root = document.root else { return [] }
    var out: [Value] = []
    func collect(_ node: xmlNodePtr) {
      let children = node.elementChildren
      guard children.isEmpty else {
        children.forEach(collect)
        return
      }
      let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty { out.append(Value(field: node.localName, value: text)) }
    }
    root.elementChildren.forEach(collect)
    return out
  }

  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v10-metadata-values") { db in
      // A change to what an entry's metadata holds changes what entry listings match, so it
      // bumps the version `EntryMatchCache` checks, as a write to `entry` does.
      try db.execute(
        sql: """
          CREATE TABLE metadataValue (partnerId INTEGER NOT NULL, metadataId TEXT NOT NULL,
            profileId TEXT NOT NULL, objectId TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, number REAL);
          CREATE INDEX metadataValueByField ON metadataValue (profileId, field, value);
          CREATE INDEX metadataValueByObject ON metadataValue (objectId);
          CREATE INDEX metadataValueByMetadata ON metadataValue (metadataId);
          CREATE TRIGGER metadataValueInserted AFTER INSERT ON metadataValue
            BEGIN UPDATE entryVersion SET version = version + 1; END;
          CREATE TRIGGER metadataValueDeleted AFTER DELETE ON metadataValue
            BEGIN UPDATE entryVersion SET version = version + 1; END;
          CREATE TRIGGER entryMetadataValuesDeleted AFTER DELETE ON entry
            BEGIN DELETE FROM metadataValue WHERE objectId = OLD.id; END;
          """)
      try backfill(db)
    }
  }

  /// The space generic CRUD keeps `KalturaMetadata` objects in.
  static var space: String { SandboxSpec.classes["KalturaMetadata"]?.root ?? "KalturaMetadata" }

  /// Indexes the metadata a sandbox kept before this table existed.
  private static func backfill(_ db: Database) throws {
    let rows = try Row.fetchAll(db, sql: "SELECT * FROM object WHERE space = ?", arguments: [space])
    for object in rows.map(StoredObject.init(row:)) {
      guard let xml = object.body["xml"]?.stringValue, let document = try? LibXMLDocument(parsing: xml) else {
        continue
      }
      try replace(db, metadata: object, values: values(of: document))
    }
  }

  /// Replaces what `metadata` (a stored `KalturaMetadata`) is indexed with.
  /// In the transaction that writes the metadata (`StoredFamily.insert`/`save`'s `alongside`),
  /// so the index never disagrees with the stored XML.
  static func replace(_ db: Database, metadata: StoredObject, values: [Value]) throws {
    try remove(db, metadataId: metadata.id)
    guard metadata.body["metadataObjectType"]?.displayText == entryObjectType,
      let profileId = metadata.body["metadataProfileId"]?.displayText,
      let objectId = metadata.body["objectId"]?.displayText
    else { return }
    for value in values {
      try db.execute(
        sql: """
          INSERT INTO metadataValue (partnerId, metadataId, profileId, objectId, field, value, number)
            VALUES (?,?,?,?,?,?,?)
          """,
        arguments: [metadata.partnerId, metadata.id, profileId, objectId, value.field, value.value, value.number])
    }
  }

  /// Drops what a metadata object is indexed with (it is replaced or deleted).
  static func remove(_ db: Database, metadataId: String) throws {
    try db.execute(sql: "DELETE FROM metadataValue WHERE metadataId = ?", arguments: [metadataId])
  }
}
