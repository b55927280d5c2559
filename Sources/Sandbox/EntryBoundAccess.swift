import GRDB
import JSONValue
import KalturaWire

/// Where an object that hangs off an entry keeps its entry's id (a cue point's, an asset's or a
/// category link's `entryId`; the `objectId` of metadata on an entry), read in Swift from a
/// stored body and in SQL over the `object` table.
struct EntryBinding: Sendable {
  /// The entry id of a stored body; nil when it names no entry.
  let entryId: @Sendable (JSONObject) -> String?
  /// The same id as an SQL expression over the `object` table (NULL or '' when there is none).
  let column: String

  static let entryIdField = EntryBinding(
    entryId: { $0.text("entryId") }, column: "json_extract(body, '$.entryId')")

  /// Metadata hangs off an entry only when its object type is ENTRY (1).
  static let metadataObject = EntryBinding(
    entryId: { $0["metadataObjectType"]?.displayText == "1" ? $0.text("objectId") : nil },
    column:
      "(CASE WHEN CAST(json_extract(body, '$.metadataObjectType') AS TEXT) = '1' "
      + "THEN json_extract(body, '$.objectId') END)")

  /// How objects of `model` hang off entries; nil when they do not.
  static func of(_ model: SpecClass?) -> EntryBinding? {
    guard let model else { return nil }
    if model.root == "KalturaMetadata" { return .metadataObject }
    return model.property("entryId") != nil ? .entryIdField : nil
  }
}

/// What an object bound to an entry is asked for: reading it, or serving its file.
enum EntryBoundUse: Sendable {
  case read
  /// Serving a file through a URL carrying a KS: what reads the object, and also what may
  /// serve the entry itself (`sview:<entryId>`/`sview:*`).
  case serve
}

/// The entry's rules applied to what hangs off it, decided here for every family and the generic
/// engine: a caller reads such an object when it may see the entry (`canSee`, lists scoped in SQL
/// by `entryScope`) and changes it when it may edit the entry (`canEdit`). An ADMIN KS, and for
/// reading anyone who sees every entry (`list:*`, a widget session), is not restricted. An
/// object bound to no entry is not restricted either.
extension Caller {
  /// Whether the caller may read (or serve) an object bound to `entryId`: only through the
  /// partner's live entry, never one that is gone, when the caller does not see every entry.
  func may(_ use: EntryBoundUse, boundTo entryId: String?, in store: SandboxStore) throws -> Bool {
    guard let entryId, entryScope != nil else { return true }
    guard let entry = try store.entry(id: entryId), entry.partnerId == partnerId, !entry.deleted else { return false }
    return canSee(entry) || (use == .serve && canServe(entry))
  }

  /// Throws what editing the entry would: `ENTRY_ID_NOT_FOUND` when the caller is restricted
  /// and the entry is not the partner's live entry, `INVALID_KS` (-4 INVALID_TYPE) when it may
  /// not edit it, as `SandboxCore.editableEntry` does.
  func requireEditable(boundTo entryId: String?, in store: SandboxStore) throws {
    guard let entryId, !isAdmin, session != nil else { return }
    guard let entry = try store.entry(id: entryId), entry.partnerId == partnerId, !entry.deleted else {
      throw KalturaAPIError.entryIDNotFound(entryId)
    }
    guard canEdit(entry) else { throw KalturaAPIError.invalidKSType }
  }

  /// The objects of `binding` this caller may read, as SQL over the `object` table: those bound to
  /// no entry and those whose entry is among the entries it may list.
  func readableScope(_ binding: EntryBinding) -> SQLCondition {
    guard let scope = entryScope else { return .always }
    let entries = "SELECT id FROM entry WHERE partnerId = ? AND deleted = 0 AND (\(scope.sql))"
    return SQLCondition(
      sql: "COALESCE(\(binding.column), '') = '' OR \(binding.column) IN (\(entries))",
      arguments: [partnerId.databaseValue] + scope.arguments)
  }
}
