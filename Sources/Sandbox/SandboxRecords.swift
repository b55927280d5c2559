import Foundation
import GRDB
import JSONValue

/// A partner of the sandbox: its id and the secrets that sign its sessions.
struct PartnerRecord: Sendable, Hashable {
  var id: Int
  var name: String
  var adminSecret: String
  var userSecret: String
  var createdAt: Int
}

/// `KalturaUploadTokenStatus`.
enum UploadTokenStatus: Int, Sendable {
  case pending = 0, partialUpload = 1, fullUpload = 2, closed = 3, timedOut = 4, deleted = 5
}

struct UploadTokenRecord: Sendable, Hashable {
  var id: String
  var partnerId: Int
  var userId: String
  var status: UploadTokenStatus
  var fileName: String?
  var fileSize: Double?
  /// Contiguous bytes stored from offset 0; chunks waiting beyond a gap are not counted.
  var uploadedFileSize: Int64
  /// Whether a `resume=false` upload has created the data file (resuming needs one).
  var hasData: Bool
  var autoFinalize: Int
  var createdAt: Int
  var updatedAt: Int
}

/// A chunk received ahead of the contiguous end, kept on disk until the gap before it closes.
struct PendingChunk: Sendable, Hashable {
  var offset: Int64
  var length: Int64
  var path: String
}

struct EntryRecord: Sendable, Hashable {
  var id: String
  var partnerId: Int
  var userId: String
  var name: String
  var description: String
  var tags: String
  var referenceId: String?
  /// `KalturaMediaType` of a media clip; `KalturaDocumentType` of a document; -1 for data.
  var mediaType: Int
  var deleted: Bool
  /// Path (relative to the uploads folder) of the content file once `addContent` attached one.
  var contentPath: String?
  var contentFileName: String?
  var contentSize: Int64
  /// When content was attached (unix seconds, fractional); drives the simulated conversion.
  var contentAddedAt: Double?
  var createdAt: Int
  var updatedAt: Int
  var version: Int
  /// Set while the entry waits in IMPORT for an upload token that is not complete yet.
  var importTokenId: String? = nil
  /// `KalturaEntryType`: media clip (1), data (6) or document (10).
  var entryType: Int = EntryType.mediaClip
  /// Writable fields the sandbox keeps without acting on them (`categories`, `partnerData`,
  /// `startDate`…): stored as sent and answered back, as Kaltura answers what it stored.
  var extraFields = JSONObject()
}

/// `KalturaEntryStatus` values the sandbox produces.
enum EntryStatus: Int, Sendable, CaseIterable {
  case errorImporting = -2, errorConverting = -1, importing = 0, preconvert = 1, ready = 2, deleted = 3
  case pending = 4, moderate = 5, blocked = 6, noContent = 7
}

struct UiConfRecord: Sendable, Hashable {
  var id: Int
  var partnerId: Int
  var name: String
  var objType: Int
  var tags: String
  var html5Url: String
  var width: Int
  var height: Int
  var createdAt: Int
  var updatedAt: Int
}

extension PartnerRecord {
  init(row: Row) {
    self.init(
      id: row["id"], name: row["name"], adminSecret: row["adminSecret"], userSecret: row["userSecret"],
      createdAt: row["createdAt"])
  }
}

extension UploadTokenRecord {
  init(row: Row) {
    self.init(
      id: row["id"], partnerId: row["partnerId"], userId: row["userId"],
      status: UploadTokenStatus(rawValue: row["status"]) ?? .pending, fileName: row["fileName"],
      fileSize: row["fileSize"], uploadedFileSize: row["uploadedFileSize"], hasData: row["hasData"],
      autoFinalize: row["autoFinalize"], createdAt: row["createdAt"], updatedAt: row["updatedAt"])
  }
}

extension EntryRecord {
  init(row: Row) {
    self.init(
      id: row["id"], partnerId: row["partnerId"], userId: row["userId"], name: row["name"],
      description: row["description"], tags: row["tags"], referenceId: row["referenceId"],
      mediaType: row["mediaType"], deleted: row["deleted"], contentPath: row["contentPath"],
      contentFileName: row["contentFileName"], contentSize: row["contentSize"],
      contentAddedAt: row["contentAddedAt"], createdAt: row["createdAt"], updatedAt: row["updatedAt"],
      version: row["version"], importTokenId: row["importTokenId"], entryType: row["entryType"],
      extraFields: (try? JSONValue(parsing: row["extraFields"] as String? ?? "{}"))?.objectValue ?? JSONObject())
  }
}

extension UiConfRecord {
  init(row: Row) {
    self.init(
      id: row["id"], partnerId: row["partnerId"], name: row["name"], objType: row["objType"], tags: row["tags"],
      html5Url: row["html5Url"], width: row["width"], height: row["height"], createdAt: row["createdAt"],
      updatedAt: row["updatedAt"])
  }
}
