import Crypto
import Foundation
import JSONValue
import KalturaWire

/// Users: stored by the generic engine. `get` without a `userId` answers the KS's own user
/// (Kaltura creates a session's user on first use); a password given to `add` is kept apart,
/// hashed, never answered back, and `loginByLoginId` checks it.
extension SandboxCore {
  var userActions: [String: ActionHandler] {
    var actions = users.crud
    actions["get"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let asked = input.call.string("userId").flatMap { $0.isEmpty ? nil : $0 } ?? caller.userId
      guard !asked.isEmpty else { throw SandboxErrors.named("INVALID_USER_ID") }
      if asked == caller.userId,
        try users.object(asked, caller: caller) == nil
      {
        return try await users.run(
          "add", input.setting("user", .object(JSONObject([("id", .string(asked))]))))
      }
      return try await users.run("get", input.setting("userId", .string(asked)))
    }
    actions["add"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      var user = input.call.object("user") ?? JSONObject()
      let password = user.text("password")
      user["password"] = nil
      let added = try await users.run("add", input.setting("user", .object(user)))
      if let password, let id = added["id"]?.stringValue {
        let login = UserLogin(loginId: added["email"]?.stringValue ?? id, userId: id)
        try saveLogin(login, password: password, caller.partnerId)
      }
      return added
    }
    actions["loginbyloginid"] = ActionHandler(access: .open) { [self] input in try loginByLoginId(input.call) }
    return actions
  }

  private func loginByLoginId(_ call: KalturaCall) throws -> JSONValue {
    let loginId = try call.requireString("loginId")
    let password = call.string("password") ?? ""
    let partnerId = call.int("partnerId") ?? configuration.partnerID
    guard let partner = try store.partner(id: partnerId) else {
      throw KalturaAPIError.invalidPartnerID(String(partnerId))
    }
    try seedAdminLogin(partner)
    guard let login = try store.object(space: UserLogin.space, partnerId: partnerId, id: loginId.lowercased()) else {
      throw SandboxErrors.named("USER_NOT_FOUND")
    }
    guard login.body.text("passwordHash") == UserLogin.hash(password, salt: login.body.text("salt") ?? "") else {
      throw SandboxErrors.named("USER_WRONG_PASSWORD")
    }
    let userId = login.body.text("userId") ?? loginId
    let user = try users.object(userId, partnerId: partnerId)
    let isAdmin = user?.body["isAdmin"]?.boolValue ?? false
    var expiry = call.int("expiry") ?? 86400
    if expiry <= 0 || expiry > 86400 { expiry = 86400 }
    return .string(
      KalturaKS.generateV2(
        adminSecret: partner.adminSecret, partnerID: partnerId, userID: userId, type: isAdmin ? .admin : .user,
        expiry: expiry, privileges: call.string("privileges") ?? "*"))
  }

  var users: StoredFamily { family("user") }

  /// The partner's account owner: `admin@sandbox.invalid`, whose password is the partner's admin
  /// secret (the one secret a sandbox user already holds), so a login flow can be walked offline.
  private func seedAdminLogin(_ partner: PartnerRecord) throws {
    let id = UserLogin.adminLoginId
    guard try store.object(space: UserLogin.space, partnerId: partner.id, id: id) == nil else { return }
    let now = unixNow()
    var user = JSONObject([("objectType", "KalturaUser"), ("id", .string(id)), ("email", .string(id))])
    for (key, value) in [("partnerId", JSONValue.int(partner.id)), ("createdAt", .int(now)), ("updatedAt", .int(now))] {
      user[key] = value
    }
    user["isAdmin"] = true
    user["isAccountOwner"] = true
    user["loginEnabled"] = true
    user["status"] = 1
    user["fullName"] = "Sandbox Admin"
    _ = try store.insertObject(
      StoredObject(
        space: users.space, partnerId: partner.id, id: id, className: "KalturaUser", createdAt: now,
        updatedAt: now, body: user))
    try saveLogin(UserLogin(loginId: id, userId: id), password: partner.adminSecret, partner.id)
  }

  func saveLogin(_ login: UserLogin, password: String, _ partnerId: Int) throws {
    let salt = randomHex(8)
    let now = unixNow()
    var body = JSONObject()
    body["userId"] = .string(login.userId)
    body["salt"] = .string(salt)
    body["passwordHash"] = .string(UserLogin.hash(password, salt: salt))
    try store.saveObject(
      StoredObject(
        space: UserLogin.space, partnerId: partnerId, id: login.loginId.lowercased(), className: "SandboxLogin",
        createdAt: now, updatedAt: now, body: body))
  }
}

/// A login of a user: login ids match case-insensitively; the password is kept as a salted hash.
struct UserLogin {
  static let space = "SandboxLogin"
  static let adminLoginId = "admin@sandbox.invalid"
  var loginId: String
  var userId: String

  static func hash(_ password: String, salt: String) -> String {
    SHA256.hash(data: Array((salt + password).utf8)).map { String(format: "%02x", $0) }.joined()
  }
}
