import Foundation
import GRDB
import JSONValue
import KalturaWire

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Caption assets: generic CRUD plus content (from an upload token or a URL), serving as stored
/// or converted to WebVTT, and `captionAssetItem.search` over the cues of every ready asset.
extension SandboxCore {
  var captions: StoredFamily { family("caption_captionasset") }

  /// `KalturaCaptionAssetStatus` READY.
  static let captionReady = 2

  var captionAssetActions: [String: ActionHandler] {
    var actions = captions.crud
    actions["setcontent"] = ActionHandler(access: .anyKS) { [self] input in try await setCaptionContent(input) }
    actions["geturl"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let asset = try readyCaption(input.call.requireString("id"), caller: caller)
      return .string(
        "\(builder.origin)/api_v3/service/caption_captionasset/action/serve/captionAssetId/\(asset.id)")
    }
    return actions
  }

  var captionSearchActions: [String: ActionHandler] {
    ["search": ActionHandler(access: .anyKS) { [self] input in try searchCaptions(input) }]
  }

  func captionContentPath(_ asset: StoredObject) -> String {
    files.absolute("assets/caption-\(asset.partnerId)-\(asset.id).data")
  }

  private func loadCaption(_ id: String, caller: Caller, for use: EntryBoundUse = .read) throws -> StoredObject {
    guard let asset = try captions.object(id, caller: caller, for: use) else {
      throw SandboxErrors.named("CAPTION_ASSET_ID_NOT_FOUND", id)
    }
    return asset
  }

  func readyCaption(_ id: String, caller: Caller, for use: EntryBoundUse = .read) throws -> StoredObject {
    let asset = try loadCaption(id, caller: caller, for: use)
    guard asset.body["status"].flatMap(KalturaValue.int) == Self.captionReady,
      FileManager.default.fileExists(atPath: captionContentPath(asset))
    else { throw SandboxErrors.named("CAPTION_ASSET_IS_NOT_READY", id) }
    return asset
  }

  private func setCaptionContent(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    var asset = try loadCaption(input.call.requireString("id"), caller: caller)
    try captions.requireEditable(asset, caller: caller)
    let resource = input.call.object("contentResource") ?? JSONObject()
    let content = try await resourceBytes(resource, caller: caller)
    let path = captionContentPath(asset)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(content).write(to: URL(fileURLWithPath: path), options: .atomic)
    let text = String(decoding: content, as: UTF8.self)
    let format = CaptionText.detect(text)
    asset.body["status"] = .int(Self.captionReady)
    asset.body["size"] = .int(content.count)
    asset.body["fileExt"] = .string(["srt", "dfxp", "vtt"][format.rawValue - 1])
    asset.body["format"] = .string(String(format.rawValue))
    asset.body["version"] = .int((asset.body["version"].flatMap(KalturaValue.int) ?? 0) + 1)
    return .object(try captions.save(asset).body)
  }

  /// The bytes a content resource names: a completed upload token's file, or a URL's body.
  func resourceBytes(_ resource: JSONObject, caller: Caller) async throws -> [UInt8] {
    let type = resource.text("objectType") ?? ""
    switch type {
    case "KalturaUploadedFileTokenResource":
      guard let tokenId = resource.text("token") else {
        throw KalturaAPIError.missingMandatoryParameter("contentResource:token")
      }
      let token = try engine.visibleToken(tokenId, caller: caller)
      guard token.status == .fullUpload else { throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry }
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: files.tokenDataPath(tokenId))))
    case "KalturaUrlResource", "KalturaRemoteStorageResource":
      guard let text = resource.text("url"), let url = URL(string: text), ["http", "https"].contains(url.scheme)
      else { throw SandboxErrors.named("INVALID_RESOURCE_URL", resource.text("url") ?? "") }
      do {
        let (data, reply) = try await URLSession.shared.data(from: url)
        guard let http = reply as? HTTPURLResponse, http.statusCode == 200 else { throw URLError(.badServerResponse) }
        return [UInt8](data)
      } catch {
        throw SandboxErrors.named("THUMB_ASSET_DOWNLOAD_FAILED", text)
      }
    default:
      throw KalturaAPIError.invalidObjectType(type.isEmpty ? "KalturaContentResource" : type)
    }
  }

  /// The stored caption as WebVTT (`serveWebVTT`) or as uploaded (`serve`).
  func servedCaption(_ call: KalturaCall, caller: Caller, webVTT: Bool) throws -> (contentType: String, body: [UInt8]) {
    let id = try call.requireString(webVTT ? "captionAssetId" : "captionAssetId")
    let asset = try readyCaption(id, caller: caller, for: .serve)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: captionContentPath(asset))))
    let text = String(decoding: bytes, as: UTF8.self)
    let format = CaptionText.detect(text)
    guard webVTT else {
      let type = ["application/x-subrip", "application/ttml+xml", "text/vtt"][format.rawValue - 1]
      return (type + "; charset=utf-8", bytes)
    }
    do {
      return ("text/vtt; charset=utf-8", Array(try CaptionText.webVTT(text, format: format).utf8))
    } catch let error as CaptionText.Unreadable {
      throw SandboxErrors.named("CAPTION_ASSET_INVALID_FORMAT", error.reason)
    }
  }

  // MARK: captionAssetItem.search

  private static let itemFilterKeys: Set<String> = [
    "objectType", "contentLike", "contentMultiLikeOr", "contentMultiLikeAnd", "entryIdEqual", "entryIdIn",
    "idEqual", "idIn", "languageEqual", "languageIn", "formatEqual",
  ]

  private func searchCaptions(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let filter = input.call.object("captionAssetItemFilter") ?? JSONObject()
    for member in filter where !Self.itemFilterKeys.contains(member.key) && !member.value.isNull {
      throw SandboxErrors.filterNotSupported(member.key, filter: "KalturaCaptionAssetItemFilter")
    }
    let entryFilter = input.call.object("entryFilter") ?? JSONObject()
    for member in entryFilter where !["objectType", "idEqual", "idIn"].contains(member.key) && !member.value.isNull {
      throw SandboxErrors.filterNotSupported(member.key, filter: "KalturaBaseEntryFilter")
    }
    var entryIds = (filter.list("entryIdIn") ?? []) + [filter.text("entryIdEqual")].compactMap { $0 }
    entryIds += (entryFilter.list("idIn") ?? []) + [entryFilter.text("idEqual")].compactMap { $0 }
    let assetIds = (filter.list("idIn") ?? []) + [filter.text("idEqual")].compactMap { $0 }
    let languages = (filter.list("languageIn") ?? []) + [filter.text("languageEqual")].compactMap { $0 }
    let like = filter.text("contentLike")?.lowercased()
    let anyOf = filter.list("contentMultiLikeOr")?.map { $0.lowercased() }
    let allOf = filter.list("contentMultiLikeAnd")?.map { $0.lowercased() }
    var items: [JSONValue] = []
    for asset in try captions.all(caller: caller, where: captions.readable(by: caller)) {
      guard asset.body["status"].flatMap(KalturaValue.int) == Self.captionReady,
        let entryId = asset.body["entryId"]?.stringValue,
        entryIds.isEmpty || entryIds.contains(entryId), assetIds.isEmpty || assetIds.contains(asset.id),
        languages.isEmpty || languages.contains(asset.body["language"]?.stringValue ?? ""),
        let entry = try store.entry(id: entryId), !entry.deleted,
        let data = FileManager.default.contents(atPath: captionContentPath(asset))
      else { continue }
      let text = String(decoding: data, as: UTF8.self)
      let cues = (try? CaptionText.cues(text, format: CaptionText.detect(text))) ?? []
      for cue in cues {
        let content = cue.text.lowercased()
        if let like, !content.contains(like) { continue }
        if let anyOf, !anyOf.contains(where: content.contains) { continue }
        if let allOf, !allOf.allSatisfy(content.contains) { continue }
        items.append(
          .object(
            JSONObject([
              ("asset", .object(asset.body)), ("entry", builder.entry(entry)), ("startTime", .int(cue.start)),
              ("endTime", .int(cue.end)), ("content", .string(cue.text)), ("objectType", "KalturaCaptionAssetItem"),
            ])))
      }
    }
    let page = try Pager(input.call.object("captionAssetItemPager")).page(items)
    return ObjectBuilder.list(page, totalCount: items.count, objectType: "KalturaCaptionAssetItemListResponse")
  }
}

/// Actions whose reply is a file, not a Kaltura object (`captionAsset.serve`, `serveWebVTT`,
/// `thumbAsset.serve`).
extension SandboxCore {
  /// The file `call` serves, or the error to answer in Kaltura's form; nil when `call` is not a
  /// file-serving action.
  func servedFile(_ call: KalturaCall) -> Result<(contentType: String, body: [UInt8]), KalturaAPIError>? {
    let captions = call.serviceID == "caption_captionasset" && ["serve", "servewebvtt"].contains(call.actionID)
    let thumbnail = call.serviceID == "thumbasset" && call.actionID == "serve"
    guard captions || thumbnail else { return nil }
    do {
      if let operation = SandboxSpec.operation(service: call.serviceID, action: call.actionID) {
        try ParameterCheck.mandatory(operation, call: call, fileNames: [])
      }
      let authenticated = try authenticate(call)
      try spendAction(call, caller: authenticated)
      guard let caller = authenticated else {
        throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID)
      }
      if thumbnail { return .success(try servedThumbAsset(call, caller: caller)) }
      return .success(try servedCaption(call, caller: caller, webVTT: call.actionID == "servewebvtt"))
    } catch let error as KalturaAPIError {
      return .failure(error)
    } catch {
      return .failure(KalturaAPIError.internalServerError)
    }
  }
}
