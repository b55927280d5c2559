import Crypto
import Foundation
import JSONValue
import KalturaWire

/// App tokens: stored by the generic engine; `add` gives the token its secret and Kaltura's
/// defaults, `startSession` checks `tokenHash = hash(KS + token)` with the token's hash type.
extension SandboxCore {
  var appTokenActions: [String: ActionHandler] {
    var actions = appTokens.crud
    actions["add"] = ActionHandler(access: .adminKS) { [self] input in
      var token = input.call.object("appToken") ?? JSONObject()
      token["token"] = nil
      if token.text("hashType") == nil { token["hashType"] = "SHA1" }
      let added = try await appTokens.run("add", input.setting("appToken", .object(token)))
      guard var body = added.objectValue, let id = body.text("id"), let caller = input.caller else { return added }
      // `token` is read-only: the server makes it, as Kaltura does (32 hex characters).
      body["token"] = .string(randomHex(16))
      if body["sessionType"] == nil { body["sessionType"] = .int(KSType.user.rawValue) }
      try appTokens.overwrite(id, body: body, caller: caller)
      return .object(body)
    }
    actions["startsession"] = ActionHandler(access: .anyKS) { [self] input in try startAppTokenSession(input) }
    return actions
  }

  private func startAppTokenSession(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let id = try input.call.requireString("id")
    guard let stored = try appTokens.object(id, caller: caller) else {
      throw SandboxErrors.named("APP_TOKEN_ID_NOT_FOUND", id)
    }
    let token = stored.body
    guard token.integer("status") == 2 else { throw SandboxErrors.named("APP_TOKEN_NOT_ACTIVE", id) }
    let now = unixNow()
    if let expiry = token.integer("expiry"), expiry > 0, expiry <= now {
      throw SandboxErrors.named("APP_TOKEN_EXPIRED", id)
    }
    let ks = input.call.ks ?? ""
    let sent = (input.call.string("tokenHash") ?? "").lowercased()
    guard let hashType = AppTokenHash(rawValue: token.text("hashType") ?? "SHA1"),
      sent == hashType.hex(ks + (token.text("token") ?? ""))
    else { throw SandboxErrors.named("INVALID_APP_TOKEN_HASH") }
    guard let partner = try store.partner(id: caller.partnerId) else { throw KalturaAPIError.internalServerError }
    // The token decides the session: its type, user and privileges, plus `appid:<id>`.
    let type: KSType = token.integer("sessionType") == KSType.admin.rawValue ? .admin : .user
    let userId = token.text("sessionUserId") ?? input.call.string("userId") ?? ""
    var privileges = token.text("sessionPrivileges").map { [$0] } ?? []
    privileges.append("appid:\(id)")
    var duration = token.integer("sessionDuration") ?? 86400
    if let asked = input.call.int("expiry"), asked > 0 { duration = min(duration, asked) }
    if let expiry = token.integer("expiry"), expiry > 0 { duration = min(duration, expiry - now) }
    let session = KalturaKS.generateV2(
      adminSecret: partner.adminSecret, partnerID: caller.partnerId, userID: userId, type: type, expiry: duration,
      privileges: privileges.joined(separator: ","))
    let info = try KalturaKS.parse(session, secret: partner.adminSecret)
    var reply = JSONObject([("objectType", "KalturaSessionInfo")])
    reply["ks"] = .string(session)
    reply["sessionType"] = .int(type.rawValue)
    reply["partnerId"] = .int(caller.partnerId)
    reply["userId"] = .string(userId)
    reply["expiry"] = .int(info.expiry)
    reply["privileges"] = .string(info.privilegeString)
    return .object(reply)
  }

  private var appTokens: StoredFamily { family("apptoken") }
}

/// `KalturaAppTokenHashType`.
enum AppTokenHash: String {
  case md5 = "MD5", sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"

  func hex(_ text: String) -> String {
    let data = Array(text.utf8)
    let digest: [UInt8]
    switch self {
    case .md5: digest = Array(Insecure.MD5.hash(data: data))
    case .sha1: digest = Array(Insecure.SHA1.hash(data: data))
    case .sha256: digest = Array(SHA256.hash(data: data))
    case .sha512: digest = Array(SHA512.hash(data: data))
    }
    return digest.map { String(format: "%02x", $0) }.joined()
  }
}
