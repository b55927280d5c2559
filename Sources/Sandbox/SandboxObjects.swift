import Foundation
import JSONValue

/// Kaltura objects as the sandbox answers them, built from store records.
struct ObjectBuilder: Sendable {
  let originBox: OriginBox
  let conversionDelay: Double
  /// `http://host:port`, for URLs inside objects.
  var origin: String { originBox.value }

  func uploadToken(_ t: UploadTokenRecord) -> JSONValue {
    var o = JSONObject()
    o["objectType"] = "KalturaUploadToken"
    o["id"] = .string(t.id)
    o["partnerId"] = .int(t.partnerId)
    o["userId"] = .string(t.userId)
    o["status"] = .int(t.status.rawValue)
    o["fileName"] = t.fileName.map(JSONValue.string) ?? .null
    o["fileSize"] = t.fileSize.map(Self.number) ?? .null
    o["uploadedFileSize"] = .int(Int(t.uploadedFileSize))
    o["createdAt"] = .int(t.createdAt)
    o["updatedAt"] = .int(t.updatedAt)
    o["uploadUrl"] = .string(origin)
    o["autoFinalize"] = .int(t.autoFinalize)
    return .object(o)
  }

  static func number(_ d: Double) -> JSONValue {
    d.rounded() == d && abs(d) < 9e15 ? .int(Int(d)) : .double(d)
  }

  func entryStatus(_ e: EntryRecord, now: Double = Date().timeIntervalSince1970) -> EntryStatus {
    if e.deleted { return .deleted }
    if EntryType.withoutContent.contains(e.entryType) { return .ready }
    guard let added = e.contentAddedAt else { return e.importTokenId == nil ? .noContent : .importing }
    // Images and data entries have nothing to convert (Kaltura marks them READY at once).
    if e.entryType == EntryType.data { return .ready }
    if e.entryType == EntryType.mediaClip && e.mediaType == MediaType.image { return .ready }
    let elapsed = now - added
    if elapsed >= conversionDelay { return .ready }
    return elapsed < conversionDelay / 2 ? .pending : .preconvert
  }

  /// The entry as its concrete class (`KalturaMediaEntry`, `KalturaDataEntry`, `KalturaDocumentEntry`),
  /// whichever service reads it, as Kaltura's entry factory answers.
  func entry(_ e: EntryRecord) -> JSONValue {
    let status = entryStatus(e)
    var o = baseEntryFields(e, status: status)
    switch e.entryType {
    case EntryType.mediaClip, EntryType.liveStream:
      addMediaFields(e, status: status, to: &o)
    case EntryType.externalMedia:
      // Played from its source: no file here to download.
      addMediaFields(e, status: .noContent, to: &o)
    case EntryType.document:
      o["documentType"] = .int(DocumentType.all.contains(e.mediaType) ? e.mediaType : DocumentType.document)
      o["assetParamsIds"] = ""
      addRawDownloadURL(e, status: status, to: &o)
    default:
      // `dataContent` is only filled for entries created with inline data, which the sandbox does not take.
      addRawDownloadURL(e, status: status, to: &o)
    }
    for member in e.extraFields { o[member.key] = member.value }
    return .object(o)
  }

  private func servePrefix(_ e: EntryRecord) -> String {
    "\(origin)/p/\(e.partnerId)/sp/\(e.partnerId)00"
  }

  /// The `KalturaBaseEntry` fields every entry class has.
  private func baseEntryFields(_ e: EntryRecord, status: EntryStatus) -> JSONObject {
    let pid = e.partnerId
    var o = JSONObject()
    o["objectType"] = .string(EntryType.className(e.entryType))
    o["id"] = .string(e.id)
    o["name"] = .string(e.name)
    o["description"] = .string(e.description)
    o["partnerId"] = .int(pid)
    o["userId"] = .string(e.userId)
    o["creatorId"] = .string(e.userId)
    o["tags"] = .string(e.tags)
    o["categories"] = ""
    o["categoriesIds"] = ""
    o["status"] = .int(status.rawValue)
    o["moderationStatus"] = 6
    o["moderationCount"] = 0
    o["type"] = EntryType.value(e.entryType)
    o["createdAt"] = .int(e.createdAt)
    o["updatedAt"] = .int(e.updatedAt)
    o["rank"] = 0
    o["totalRank"] = 0
    o["votes"] = 0
    o["referenceId"] = e.referenceId.map(JSONValue.string) ?? .null
    o["licenseType"] = -1
    o["version"] = .int(e.version)
    o["thumbnailUrl"] = .string("\(servePrefix(e))/thumbnail/entry_id/\(e.id)/version/\(e.version)")
    o["replacementStatus"] = 0
    o["partnerSortValue"] = 0
    o["conversionProfileId"] = 0
    o["rootEntryId"] = .string(e.id)
    o["entitledUsersEdit"] = ""
    o["entitledUsersPublish"] = ""
    o["entitledUsersView"] = ""
    o["displayInSearch"] = 1
    return o
  }

  /// `KalturaPlayableEntry` and `KalturaMediaEntry` fields.
  private func addMediaFields(_ e: EntryRecord, status: EntryStatus, to o: inout JSONObject) {
    let prefix = servePrefix(e)
    o["plays"] = 0
    o["views"] = 0
    o["lastPlayedAt"] = .null
    o["width"] = 0
    o["height"] = 0
    o["duration"] = 0
    o["msDuration"] = 0
    o["mediaType"] = .int(e.mediaType)
    o["conversionQuality"] = 0
    o["sourceType"] = "1"
    o["searchProviderType"] = .null
    if status == .ready {
      o["dataUrl"] = .string("\(prefix)/playManifest/entryId/\(e.id)/format/url/protocol/http")
      o["downloadUrl"] = .string(
        "\(prefix)/playManifest/entryId/\(e.id)/format/download/protocol/http/flavorParamIds/0")
      o["flavorParamsIds"] = "0"
    }
  }

  /// Data and document entries are served as stored (`entry::getDownloadUrl`'s raw path).
  private func addRawDownloadURL(_ e: EntryRecord, status: EntryStatus, to o: inout JSONObject) {
    guard status == .ready else { return }
    o["downloadUrl"] = .string("\(servePrefix(e))/raw/entry_id/\(e.id)/version/\(e.version)")
  }

  func uiConf(_ u: UiConfRecord) -> JSONValue {
    var o = JSONObject()
    o["objectType"] = "KalturaUiConf"
    o["id"] = .int(u.id)
    o["name"] = .string(u.name)
    o["description"] = ""
    o["partnerId"] = .int(u.partnerId)
    o["objType"] = .int(u.objType)
    o["objTypeAsString"] = .string(u.objType == 8 ? "KDP3" : "Widget")
    o["width"] = .int(u.width)
    o["height"] = .int(u.height)
    o["html5Url"] = .string(u.html5Url)
    o["tags"] = .string(u.tags)
    o["swfUrlVersion"] = .null
    o["createdAt"] = .int(u.createdAt)
    o["updatedAt"] = .int(u.updatedAt)
    o["creationMode"] = 2
    o["version"] = "1"
    o["useCdn"] = true
    return .object(o)
  }

  func partner(_ p: PartnerRecord) -> JSONValue {
    var o = JSONObject()
    o["objectType"] = "KalturaPartner"
    o["id"] = .int(p.id)
    o["name"] = .string(p.name)
    o["website"] = ""
    o["adminName"] = "Sandbox Admin"
    o["adminEmail"] = "admin@sandbox.invalid"
    o["description"] = "recipe-console local sandbox"
    o["createdAt"] = .int(p.createdAt)
    o["status"] = 1
    o["partnerPackage"] = 1
    o["type"] = 1
    return .object(o)
  }

  static func list(_ objects: [JSONValue], totalCount: Int, objectType: String) -> JSONValue {
    .object(
      JSONObject([
        ("objectType", .string(objectType)), ("objects", .array(objects)), ("totalCount", .int(totalCount)),
      ]))
  }
}

/// `KalturaMediaType` values with special handling.
enum MediaType {
  static let video = 1
  static let image = 2
  static let audio = 5
  static let liveStreamFlash = 201
  static let all: Set<Int> = [1, 2, 5, 201, 202, 203, 204]
}
