import GRDB
import KalturaWire

/// Who is calling: the partner and user of a verified KS.
struct Caller: Sendable {
  var partnerId: Int
  var userId: String
  var isAdmin: Bool
  var session: KSInfo?

  /// A USER KS sees only its own upload tokens; ADMIN sees the partner's.
  func canSee(_ token: UploadTokenRecord) -> Bool {
    token.partnerId == partnerId && token.status != .deleted && (isAdmin || token.userId == userId)
  }

  func canEdit(_ entry: EntryRecord) -> Bool {
    if isAdmin { return true }
    if let session { return session.canEdit(entryID: entry.id, ownerUserID: entry.userId) }
    return owns(entry)
  }

  /// A USER KS reads its own entries and those it may edit; `list:*` (or `*`) and a widget
  /// session, which exists to let a player read the partner's entries, read them all.
  func canSee(_ entry: EntryRecord) -> Bool {
    seesEveryEntry || canEdit(entry)
  }

  var seesEveryEntry: Bool {
    guard !isAdmin, let session else { return true }
    return session.hasPrivilege("list", value: "*") || session.hasPrivilege("edit", value: "*")
      || session.hasPrivilege("widget")
  }

  /// Serving an entry's content (playManifest, raw): a USER KS needs to own the entry or hold
  /// `sview:<entryId>` / `sview:*`; a widget session serves what the partner publishes.
  func canServe(_ entry: EntryRecord) -> Bool {
    guard !isAdmin, let session else { return true }
    return owns(entry) || session.hasPrivilege("sview", value: entry.id) || session.hasPrivilege("widget")
  }

  /// The entries a USER KS may list, as SQL over the `entry` table; nil when it lists them all.
  var entryScope: SQLCondition? {
    if seesEveryEntry { return nil }
    let editable = (session?.privileges ?? []).filter { $0.name == "edit" }
      .flatMap { $0.value.split(separator: "/").map(String.init) }
    let marks = editable.map { _ in "?" }.joined(separator: ",")
    let owned = "(userId = ? AND userId != '')"
    return SQLCondition(
      sql: editable.isEmpty ? owned : "\(owned) OR id IN (\(marks))",
      arguments: ([userId] + editable).map(\.databaseValue))
  }

  private func owns(_ entry: EntryRecord) -> Bool { !userId.isEmpty && userId == entry.userId }
}

/// A file part of a request body, already on disk.
struct SpooledFile: Sendable {
  var path: String
  var length: Int64
  /// The client's file name, reduced to its last path component as PHP does.
  var fileName: String
  var contentType: String?
}
