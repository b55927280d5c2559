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
    return !userId.isEmpty && userId == entry.userId
  }
}

/// A file part of a request body, already on disk.
struct SpooledFile: Sendable {
  var path: String
  var length: Int64
  /// The client's file name, reduced to its last path component as PHP does.
  var fileName: String
  var contentType: String?
}
