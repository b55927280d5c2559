import Foundation
import JSONValue
import KalturaWire

/// Thumbnail assets: generic CRUD on a checked entry, plus content (from an upload token or a
/// URL), `setAsDefault` (the entry's `thumbnailUrl` then serves that image), `serve` and
/// `getUrl`. Only images are taken as content, so a thumbnail URL never answers a video.
extension SandboxCore {
  var thumbAssets: StoredFamily { family("thumbasset") }

  /// `KalturaThumbAssetStatus` QUEUED and READY.
  static let thumbQueued = 0
  static let thumbReady = 2
  /// The overlay naming each entry's default thumbnail asset (id: the entry id).
  static let defaultThumbSpace = "SandboxDefaultThumb"

  var thumbAssetActions: [String: ActionHandler] {
    var actions = thumbAssets.crud
    actions["add"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let entryId = try input.call.requireString("entryId")
      guard let entry = try store.entry(id: entryId), entry.partnerId == caller.partnerId, !entry.deleted else {
        throw SandboxErrors.named("ENTRY_ID_NOT_FOUND", entryId)
      }
      let added = try await thumbAssets.run("add", input)
      // No content yet: QUEUED until setContent, whatever the engine's default status.
      guard var body = added.objectValue, let id = body.text("id") else { return added }
      body["status"] = .int(Self.thumbQueued)
      return .object(try thumbAssets.overwrite(id, body: body, caller: caller).body)
    }
    actions["delete"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let asset = try loadThumb(input.call.requireString("thumbAssetId"), caller: caller)
      _ = try await thumbAssets.run("delete", input)
      if let entryId = asset.body.text("entryId"), try defaultThumbId(entryId, partnerId: caller.partnerId) == asset.id
      {
        try store.deleteObject(space: Self.defaultThumbSpace, partnerId: caller.partnerId, id: entryId)
      }
      try? FileManager.default.removeItem(atPath: thumbContentPath(asset))
      return .null
    }
    actions["setcontent"] = ActionHandler(access: .anyKS) { [self] input in try await setThumbContent(input) }
    actions["setasdefault"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let asset = try loadThumb(input.call.requireString("thumbAssetId"), caller: caller)
      try thumbAssets.requireEditable(asset, caller: caller)
      guard let entryId = asset.body.text("entryId") else { throw KalturaAPIError.internalServerError }
      try markDefault(asset, entryId: entryId, caller: caller)
      return .null
    }
    actions["geturl"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let asset = try readyThumb(input.call.requireString("id"), caller: caller)
      let entryId = asset.body.text("entryId") ?? ""
      return .string("\(builder.origin)/p/\(caller.partnerId)/thumbnail/entry_id/\(entryId)/thumb_asset_id/\(asset.id)")
    }
    return actions
  }

  func thumbContentPath(_ asset: StoredObject) -> String {
    files.absolute("assets/thumb-\(asset.partnerId)-\(asset.id).data")
  }

  private func loadThumb(_ id: String, caller: Caller, for use: EntryBoundUse = .read) throws -> StoredObject {
    guard let asset = try thumbAssets.object(id, caller: caller, for: use) else {
      throw SandboxErrors.named("THUMB_ASSET_ID_NOT_FOUND", id)
    }
    return asset
  }

  func readyThumb(_ id: String, caller: Caller, for use: EntryBoundUse = .read) throws -> StoredObject {
    let asset = try loadThumb(id, caller: caller, for: use)
    guard asset.body["status"].flatMap(KalturaValue.int) == Self.thumbReady,
      FileManager.default.fileExists(atPath: thumbContentPath(asset))
    else { throw SandboxErrors.named("THUMB_ASSET_IS_NOT_READY") }
    return asset
  }

  private func setThumbContent(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    var asset = try loadThumb(input.call.requireString("id"), caller: caller)
    try thumbAssets.requireEditable(asset, caller: caller)
    let content = try await resourceBytes(input.call.object("contentResource") ?? JSONObject(), caller: caller)
    guard let image = ImageKind(content) else {
      throw SandboxErrors.named("SANDBOX_THUMB_NOT_AN_IMAGE", asset.id)
    }
    let path = thumbContentPath(asset)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(content).write(to: URL(fileURLWithPath: path), options: .atomic)
    asset.body["status"] = .int(Self.thumbReady)
    asset.body["size"] = .int(content.count)
    asset.body["fileExt"] = .string(image.fileExtension)
    if let size = image.size(content) {
      asset.body["width"] = .int(size.width)
      asset.body["height"] = .int(size.height)
    }
    asset.body["version"] = .string(String((Int(asset.body["version"]?.displayText ?? "") ?? 0) + 1))
    return .object(try thumbAssets.save(asset).body)
  }

  /// Makes `asset` its entry's default: it alone carries the `default_thumb` tag, as on Kaltura.
  private func markDefault(_ asset: StoredObject, entryId: String, caller: Caller) throws {
    for var other in try thumbAssets.all(
      caller: caller,
      where: SQLCondition(sql: "json_extract(body, '$.entryId') = ?", arguments: [entryId.databaseValue]))
    {
      var tags = (other.body.text("tags") ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty && $0 != "default_thumb" }
      if other.id == asset.id { tags.append("default_thumb") }
      other.body["tags"] = .string(tags.joined(separator: ","))
      _ = try thumbAssets.save(other)
    }
    let now = unixNow()
    try store.saveObject(
      StoredObject(
        space: Self.defaultThumbSpace, partnerId: caller.partnerId, id: entryId, className: "SandboxDefaultThumb",
        createdAt: now, updatedAt: now, body: JSONObject([("thumbAssetId", .string(asset.id))])))
  }

  func defaultThumbId(_ entryId: String, partnerId: Int) throws -> String? {
    try store.object(space: Self.defaultThumbSpace, partnerId: partnerId, id: entryId)?.body.text("thumbAssetId")
  }

  /// The image a thumbnail URL serves from a stored asset: `thumbAssetId`, else the entry's
  /// default; nil when there is none (the entry's frame or generated image is served).
  func storedThumbnail(entryId: String, partnerId: Int, thumbAssetId: String?) throws -> (
    contentType: String, body: [UInt8]
  )? {
    guard let id = try thumbAssetId ?? defaultThumbId(entryId, partnerId: partnerId),
      let asset = try thumbAssets.object(id, partnerId: partnerId), asset.body.text("entryId") == entryId,
      asset.body["status"].flatMap(KalturaValue.int) == Self.thumbReady,
      let data = FileManager.default.contents(atPath: thumbContentPath(asset)), let kind = ImageKind([UInt8](data))
    else { return nil }
    return (kind.contentType, [UInt8](data))
  }

  /// `thumbAsset.serve`: the stored image as uploaded.
  func servedThumbAsset(_ call: KalturaCall, caller: Caller) throws -> (contentType: String, body: [UInt8]) {
    let asset = try readyThumb(call.requireString("thumbAssetId"), caller: caller, for: .serve)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: thumbContentPath(asset))))
    return (ImageKind(bytes)?.contentType ?? "application/octet-stream", bytes)
  }
}

/// The image formats a thumbnail asset takes, told by their magic bytes.
enum ImageKind {
  case png, jpeg, gif

  init?(_ bytes: [UInt8]) {
    if bytes.starts(with: PNGImage.signature) {
      self = .png
    } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
      self = .jpeg
    } else if bytes.starts(with: Array("GIF8".utf8)) {
      self = .gif
    } else {
      return nil
    }
  }

  var fileExtension: String { ["png", "jpg", "gif"][index] }
  var contentType: String { ["image/png", "image/jpeg", "image/gif"][index] }
  private var index: Int {
    switch self {
    case .png: 0
    case .jpeg: 1
    case .gif: 2
    }
  }

  /// Width and height from the header (PNG's IHDR, GIF's screen); nil for JPEG.
  func size(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    switch self {
    case .png where bytes.count >= 24: return (be32(16), be32(20))
    case .gif where bytes.count >= 10: return (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
    default: return nil
    }
  }
}
