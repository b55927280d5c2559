import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  var uploadTokenActions: [String: ActionHandler] {
    [
      "add": ActionHandler(access: .anyKS) { [self] input in try addToken(input) },
      "get": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        return builder.uploadToken(try engine.visibleToken(input.call.requireString("uploadTokenId"), caller: caller))
      },
      "upload": ActionHandler(access: .anyKS) { [self] input in try await upload(input) },
      "delete": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let id = try input.call.requireString("uploadTokenId")
        try await engine.locks.withLock(id) {
          var token = try engine.visibleToken(id, caller: caller)
          token.status = .deleted
          token.updatedAt = unixNow()
          try store.updateToken(token)
          files.remove(files.tokenDataPath(id))
          for chunk in try store.pendingChunks(tokenId: id) {
            files.remove(chunk.path)
            try store.removePendingChunk(tokenId: id, offset: chunk.offset)
          }
        }
        return .null
      },
      "list": ActionHandler(access: .anyKS) { [self] input in try listTokens(input) },
    ]
  }

  private static let tokenReadOnly = [
    "id", "partnerId", "userId", "status", "uploadedFileSize", "createdAt",
    "updatedAt", "uploadUrl",
  ]

  private func addToken(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let object = input.call.object("uploadToken") ?? JSONObject()
    for field in Self.tokenReadOnly where object[field].map({ !$0.isNull }) ?? false {
      throw KalturaAPIError.propertyNotUpdatable("KalturaUploadToken::\(field)")
    }
    let fileSize = object["fileSize"].flatMap(KalturaValue.double)
    let autoFinalize = object.integer("autoFinalize") ?? -1
    if autoFinalize == 1 && fileSize == nil { throw KalturaAPIError.uploadTokenMissingFileSize }
    let now = unixNow()
    let token = UploadTokenRecord(
      id: "0_" + randomHex(16), partnerId: caller.partnerId, userId: caller.userId, status: .pending,
      fileName: object.text("fileName"), fileSize: fileSize, uploadedFileSize: 0, hasData: false,
      autoFinalize: autoFinalize, createdAt: now, updatedAt: now)
    try store.insertToken(token)
    return builder.uploadToken(token)
  }

  private func upload(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    let id = try input.call.requireString("uploadTokenId")
    guard let chunk = input.files["fileData"] else {
      // A token that does not exist is reported before the missing file, as the server does.
      _ = try engine.visibleToken(id, caller: caller)
      // A plain field where a file part belongs is PHP's "not an uploaded file".
      if input.call.params["fileData"] != nil { throw KalturaAPIError.uploadError }
      throw KalturaAPIError.missingMandatoryParameter("fileData")
    }
    let resumeAt = input.call.double("resumeAt").map { Int64($0) } ?? -1
    let request = UploadEngine.Request(
      tokenId: id, chunk: chunk, resume: input.call.bool("resume") ?? false,
      finalChunk: input.call.bool("finalChunk") ?? true, resumeAt: resumeAt)
    let token = try await engine.upload(request, caller: caller)
    // Entries waiting in IMPORT take the file now; the reply still shows the upload's own result.
    if token.status == .fullUpload { await completeImports(tokenId: token.id) }
    return builder.uploadToken(token)
  }

  private func listTokens(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let filter = input.call.object("filter") ?? JSONObject()
    var tokens = try store.tokens(partnerId: caller.partnerId).filter(caller.canSee)
    if let id = filter.text("idEqual") { tokens = tokens.filter { $0.id == id } }
    if let ids = filter.list("idIn") { tokens = tokens.filter { ids.contains($0.id) } }
    if let user = filter.text("userIdEqual") { tokens = tokens.filter { $0.userId == user } }
    let known = Set([0, 1, 2, 3, 4, 5])  // KalturaUploadTokenStatus
    var statuses = try filter.enumValues("statusIn", allowed: known, enumType: "KalturaUploadTokenStatus")
    if let status = try filter.enumValues("statusEqual", allowed: known, enumType: "KalturaUploadTokenStatus") {
      statuses = status
    }
    if let name = filter.text("fileNameEqual") {
      tokens = tokens.filter { $0.fileName == name }
      if statuses == nil { statuses = [0, 1, 2] }
    }
    if let statuses { tokens = tokens.filter { statuses.contains($0.status.rawValue) } }
    if let size = filter["fileSizeEqual"].flatMap(KalturaValue.double) {
      tokens = tokens.filter { $0.fileSize == size }
    }
    switch filter.text("orderBy") {
    case nil, "-createdAt": break
    case "+createdAt": tokens.reverse()
    case let other?:
      throw KalturaAPIError.invalidEnumValue(other, parameter: "orderBy", enumType: "KalturaUploadTokenOrderBy")
    }
    let page = try Pager(input.call.object("pager")).page(tokens)
    return ObjectBuilder.list(
      page.map(builder.uploadToken), totalCount: tokens.count, objectType: "KalturaUploadTokenListResponse")
  }
}

func randomHex(_ bytes: Int) -> String {
  (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
}
