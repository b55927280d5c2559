import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  var mediaActions: [String: ActionHandler] {
    [
      "add": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let object = try input.call.requireObject("entry")
        let className = try KalturaObjectType.resolve(declared: "KalturaMediaEntry", object: object)
        return builder.entry(try addEntry(object, className: className, caller: caller, type: EntryType.mediaClip))
      },
      "addcontent": ActionHandler(access: .anyKS) { [self] input in try await addContent(input) },
      "addfromuploadedfile": ActionHandler(access: .anyKS) { [self] input in try await addFromUploadedFile(input) },
      "get": ActionHandler(access: .anyKS) { [self] input in
        builder.entry(try visibleMediaEntry(input.call.requireString("entryId"), caller: input.requireCaller()))
      },
      "update": ActionHandler(access: .anyKS) { [self] input in try updateEntry(input) },
      "delete": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        var entry = try editableEntry(input.call.requireString("entryId"), caller: caller)
        entry.deleted = true
        entry.updatedAt = unixNow()
        if let path = entry.contentPath { files.remove(files.absolute(path)) }
        try store.saveEntry(entry)
        return .null
      },
      "list": ActionHandler(access: .anyKS) { [self] input in
        try listEntries(
          input, listType: "KalturaMediaListResponse", filterClass: "KalturaMediaEntryFilter",
          onlyType: EntryType.mediaClip)
      },
    ]
  }

  /// The entry `caller` may read: another partner's, a deleted one, or (for a USER KS) one it
  /// neither owns nor holds a privilege for is not found, as Kaltura words it.
  func visibleEntry(_ id: String, caller: Caller) throws -> EntryRecord {
    let entry = try partnerEntry(id, caller: caller)
    guard caller.canSee(entry) else { throw KalturaAPIError.entryIDNotFound(id) }
    return entry
  }

  /// The partner's live entry, whoever owns it: what an edit looks up before it checks
  /// ownership (`INVALID_KS` / `INVALID_TYPE` for a USER KS that may not edit it).
  func partnerEntry(_ id: String, caller: Caller) throws -> EntryRecord {
    guard let entry = try store.entry(id: id), entry.partnerId == caller.partnerId, !entry.deleted else {
      throw KalturaAPIError.entryIDNotFound(id)
    }
    return entry
  }

  /// The media service sees media clips only: another type is reported as not found, as Kaltura does.
  func visibleMediaEntry(_ id: String, caller: Caller) throws -> EntryRecord {
    let entry = try visibleEntry(id, caller: caller)
    guard entry.entryType == EntryType.mediaClip else { throw KalturaAPIError.entryIDNotFound(id) }
    return entry
  }

  /// An entry of `type` (a media clip by default) `caller` may change.
  func editableEntry(_ id: String, caller: Caller, type: Int = EntryType.mediaClip) throws -> EntryRecord {
    let entry = try partnerEntry(id, caller: caller)
    guard entry.entryType == type else { throw KalturaAPIError.entryIDNotFound(id) }
    guard caller.canEdit(entry) else { throw KalturaAPIError.invalidKSType }
    return entry
  }

  private static let baseEntryReadOnly = [
    "id", "partnerId", "status", "createdAt", "updatedAt", "version", "downloadUrl", "thumbnailUrl",
  ]
  private static let entryReadOnly =
    baseEntryReadOnly + ["dataUrl", "duration", "plays", "views", "width", "height"]
  /// Fields the sandbox acts on itself; other writable ones are kept in `extraFields`.
  private static let modelledFields: Set<String> = [
    "objectType", "name", "description", "tags", "referenceId", "mediaType", "userId", "type", "documentType",
  ]

  /// The members of a sent entry object the sandbox keeps as they are (not modelled, not read-only).
  private static func keptFields(of object: JSONObject, readOnly: [String], droppingNulls: Bool = false)
    -> JSONObject
  {
    JSONObject(
      object.filter { member in
        !modelledFields.contains(member.key) && !readOnly.contains(member.key)
          && !(droppingNulls && member.value.isNull)
      }.map { ($0.key, $0.value) })
  }

  /// A new entry of `type` from the fields of `object` (already resolved to `className`); a media
  /// clip's media type and a document's document type come from the object, else from `fileName`.
  func addEntry(
    _ object: JSONObject, className: String, caller: Caller, type: Int, fileName: String? = nil
  ) throws -> EntryRecord {
    let readOnly =
      EntryType.withoutContent.union([EntryType.mediaClip]).contains(type)
      ? Self.entryReadOnly : Self.baseEntryReadOnly
    for field in readOnly where object[field].map({ !$0.isNull }) ?? false {
      throw KalturaAPIError.propertyNotUpdatable("\(className)::\(field)")
    }
    let mediaType: Int
    switch type {
    case EntryType.mediaClip:
      mediaType = try Self.mediaType(object) ?? MediaType.guessed(fromFileName: fileName) ?? MediaType.video
    case EntryType.document:
      mediaType = try DocumentType.requested(object) ?? DocumentType.guessed(fromFileName: fileName)
    case EntryType.liveStream:
      mediaType = try Self.mediaType(object) ?? MediaType.liveStreamFlash
    case EntryType.externalMedia:
      mediaType = try Self.mediaType(object) ?? MediaType.video
    default:
      mediaType = -1
    }
    var userId = caller.userId
    if let requested = object.text("userId"), requested != caller.userId {
      guard caller.isAdmin else { throw KalturaAPIError.invalidKSType }
      userId = requested
    }
    let now = unixNow()
    let entry = EntryRecord(
      id: try newEntryID(), partnerId: caller.partnerId, userId: userId,
      name: object.text("name") ?? "\(caller.partnerId)_\(now)", description: object.text("description") ?? "",
      tags: object.text("tags") ?? "", referenceId: object.text("referenceId"), mediaType: mediaType, deleted: false,
      contentPath: nil, contentFileName: nil, contentSize: 0, contentAddedAt: nil, createdAt: now, updatedAt: now,
      version: 0, entryType: type,
      extraFields: Self.keptFields(of: object, readOnly: readOnly, droppingNulls: true))
    try store.saveEntry(entry)
    return entry
  }

  static func mediaType(_ object: JSONObject) throws -> Int? {
    guard let raw = object.text("mediaType") else { return nil }
    guard let value = KalturaValue.int(.string(raw)), MediaType.all.contains(value) else {
      throw KalturaAPIError.invalidEnumValue(raw, parameter: "mediaType", enumType: "KalturaMediaType")
    }
    return value
  }

  private func newEntryID() throws -> String {
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    while true {
      let id = "0_" + String((0..<8).map { _ in alphabet.randomElement()! })
      if try store.entry(id: id) == nil { return id }
    }
  }

  private func addContent(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    let entry = try editableEntry(input.call.requireString("entryId"), caller: caller)
    guard let resource = input.call.object("resource") else { return builder.entry(entry) }
    // `resource` is declared abstract: only a concrete subclass named by `objectType` is built.
    let type = try KalturaObjectType.resolve(declared: "KalturaResource", object: resource)
    guard type == "KalturaUploadedFileTokenResource" else { throw KalturaAPIError.invalidObjectType(type) }
    guard entry.contentAddedAt == nil && entry.importTokenId == nil else {
      throw KalturaAPIError.entryAlreadyWithContent
    }
    guard let tokenId = resource.text("token") else {
      throw KalturaAPIError.missingMandatoryParameter("resource:token")
    }
    // Decided under the token's lock: the final chunk turns the token FULL_UPLOAD under the same
    // lock, so an entry either sees FULL_UPLOAD and takes the file now, or is already waiting
    // when `completeImports` looks for it. Deciding outside the lock can strand an entry in IMPORT.
    let attached = try await engine.locks.withLock(tokenId) {
      let token = try engine.visibleToken(tokenId, caller: caller)
      switch token.status {
      case .fullUpload:
        return try moveContent(of: token, into: entry)
      case .pending, .partialUpload:
        // One object per token, as Kaltura's `attachedObjectId`: a second entry waiting on the
        // same token could never get the file.
        guard try store.entries(importingToken: tokenId).isEmpty else {
          throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry
        }
        // As Kaltura does: the entry waits in IMPORT and takes the file when the upload completes.
        var waiting = entry
        waiting.importTokenId = tokenId
        waiting.updatedAt = unixNow()
        try store.saveEntry(waiting)
        return waiting
      default:
        throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry
      }
    }
    return builder.entry(attached)
  }

  /// Gives a just-completed token's file to the entries waiting on it in IMPORT.
  /// The upload itself has succeeded by then: a failure here stays with the entry (still in
  /// IMPORT) and never turns the chunk's reply into an error.
  func completeImports(tokenId: String) async {
    guard let waiting = try? store.entries(importingToken: tokenId), let entry = waiting.first,
      let token = try? store.token(id: tokenId)
    else { return }
    let owner = Caller(partnerId: entry.partnerId, userId: token.userId, isAdmin: true, session: nil)
    _ = try? await attach(tokenId: tokenId, to: entry, caller: owner)
  }

  private func addFromUploadedFile(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    let tokenId = try input.call.requireString("uploadTokenId")
    let token = try engine.visibleToken(tokenId, caller: caller)
    guard token.status == .fullUpload else { throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry }
    let object = try input.call.requireObject("mediaEntry")
    let className = try KalturaObjectType.resolve(declared: "KalturaMediaEntry", object: object)
    let entry = try await addAttached(tokenId: tokenId, caller: caller) { token in
      try addEntry(object, className: className, caller: caller, type: EntryType.mediaClip, fileName: token.fileName)
    }
    return builder.entry(entry)
  }

  /// Creates an entry with `make` and gives it the token's file, all under the token's lock: a
  /// token closed by a simultaneous request fails the call before any entry exists.
  func addAttached(
    tokenId: String, caller: Caller, make: @Sendable (UploadTokenRecord) throws -> EntryRecord
  ) async throws -> EntryRecord {
    try await engine.locks.withLock(tokenId) {
      let token = try engine.visibleToken(tokenId, caller: caller)
      guard token.status == .fullUpload else { throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry }
      return try moveContent(of: token, into: make(token))
    }
  }

  /// Moves a complete token's file into the entry and closes the token; the entry then
  /// "converts" for `conversionDelay` seconds.
  func attach(tokenId: String, to entry: EntryRecord, caller: Caller) async throws -> EntryRecord {
    try await engine.locks.withLock(tokenId) {
      let token = try engine.visibleToken(tokenId, caller: caller)
      guard token.status == .fullUpload else { throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry }
      return try moveContent(of: token, into: entry)
    }
  }

  /// The file of a complete `token` becomes `entry`'s content and the token is closed. The
  /// caller holds the token's lock.
  private func moveContent(of token: UploadTokenRecord, into entry: EntryRecord) throws -> EntryRecord {
    var token = token
    var entry = entry
    let relative = files.entryContentRelativePath(entry.id)
    let source = files.tokenDataPath(token.id)
    if FileManager.default.fileExists(atPath: source) {
      try files.move(source, to: files.absolute(relative))
    } else {
      try files.truncate(files.absolute(relative), to: 0)
    }
    entry.contentPath = relative
    entry.importTokenId = nil
    entry.contentFileName = token.fileName
    entry.contentSize = token.uploadedFileSize
    entry.contentAddedAt = Date().timeIntervalSince1970
    entry.updatedAt = unixNow()
    entry.version += 1
    try store.saveEntry(entry)
    token.status = .closed
    token.updatedAt = unixNow()
    try store.updateToken(token)
    return entry
  }

  /// `update(entryId, mediaEntry)` and its like for other entry services: only the fields sent
  /// change; a read-only one sent with another value is PROPERTY_VALIDATION_NOT_UPDATABLE.
  func updateEntry(
    _ input: ActionInput, idParameter: String = "entryId", objectParameter: String = "mediaEntry",
    declared: String = "KalturaMediaEntry", type: Int = EntryType.mediaClip
  ) throws -> JSONValue {
    let caller = try input.requireCaller()
    var entry = try editableEntry(input.call.requireString(idParameter), caller: caller, type: type)
    let changes = try input.call.requireObject(objectParameter)
    let className = try KalturaObjectType.resolve(declared: declared, object: changes)
    let current = builder.entry(entry).objectValue ?? JSONObject()
    for field in Self.entryReadOnly + ["mediaType", "userId"] {
      guard let sent = changes[field], !sent.isNull else { continue }
      if sent.displayText != current[field]?.displayText {
        throw KalturaAPIError.propertyNotUpdatable("\(className)::\(field)")
      }
    }
    func apply(_ name: String, _ set: (String?) -> Void) {
      guard let value = changes[name] else { return }
      set(value.isNull ? nil : KalturaValue.string(value))
    }
    apply("name") { entry.name = $0 ?? "" }
    apply("description") { entry.description = $0 ?? "" }
    apply("tags") { entry.tags = $0 ?? "" }
    apply("referenceId") { entry.referenceId = $0 }
    // Only the fields sent change; `__null` (null) clears one.
    for member in Self.keptFields(of: changes, readOnly: Self.entryReadOnly) {
      if member.value.isNull {
        entry.extraFields.removeValue(forKey: member.key)
      } else {
        entry.extraFields[member.key] = member.value
      }
    }
    entry.updatedAt = unixNow()
    try store.saveEntry(entry)
    return builder.entry(entry)
  }
}
