import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  var sessionActions: [String: ActionHandler] {
    [
      "start": ActionHandler(access: .open) { [self] input in try startSession(input.call) },
      "end": ActionHandler(access: .open) { [self] input in
        if let ks = input.call.ks, let info = input.caller?.session {
          try store.endSession(digest: Self.digest(ks), expiry: info.expiry)
        }
        return .null
      },
      "get": ActionHandler(access: .adminKS) { [self] input in try sessionInfo(input) },
    ]
  }

  private func startSession(_ call: KalturaCall) throws -> JSONValue {
    let partnerText = call.string("partnerId") ?? ""
    guard let secret = call.string("secret"), let partnerID = Int(partnerText),
      let partner = try store.partner(id: partnerID)
    else { throw KalturaAPIError.startSessionError(partnerID: partnerText) }
    // KalturaSessionType: 0 USER, 2 ADMIN; anything else is refused before the secret is checked.
    let typeValue = call.string("type").flatMap { $0.isEmpty ? nil : $0 } ?? "0"
    guard let rawType = Int(typeValue), rawType == 0 || rawType == 2 else {
      throw KalturaAPIError.invalidEnumValue(typeValue, parameter: "type", enumType: "KalturaSessionType")
    }
    let type: KSType = rawType == 2 ? .admin : .user
    let accepted = type == .admin ? [partner.adminSecret] : [partner.adminSecret, partner.userSecret]
    guard accepted.contains(secret) else { throw KalturaAPIError.startSessionError(partnerID: partnerText) }
    var expiry = call.int("expiry") ?? 86400
    if expiry <= 0 || expiry > 86400 { expiry = 86400 }
    let ks = KalturaKS.generateV2(
      adminSecret: partner.adminSecret, partnerID: partnerID, userID: call.string("userId") ?? "", type: type,
      expiry: expiry, privileges: call.string("privileges") ?? "")
    return .string(ks)
  }

  private func sessionInfo(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    var info = caller.session
    var ks = input.call.ks ?? ""
    if let other = input.call.string("session"), !other.isEmpty {
      let (_, partnerID) = try KalturaKS.envelope(other)
      guard partnerID == caller.partnerId else {
        throw KalturaAPIError.partnerAccessForbidden(accessing: caller.partnerId, accessed: partnerID)
      }
      info = try authenticate(
        KalturaCall(service: "session", action: "get", params: JSONObject([("ks", .string(other))])))?.session
      ks = other
    }
    guard let info else { throw KalturaAPIError.invalidKSString(ks) }
    var o = JSONObject()
    o["objectType"] = "KalturaSessionInfo"
    o["ks"] = .string(ks)
    o["sessionType"] = .int(info.isAdmin ? 2 : 0)
    o["partnerId"] = .int(info.partnerID)
    o["userId"] = .string(info.userID)
    o["expiry"] = .int(info.expiry)
    o["privileges"] = .string(info.privilegeString)
    return .object(o)
  }

  var partnerActions: [String: ActionHandler] {
    [
      "get": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let id = input.call.int("id") ?? caller.partnerId
        guard id == caller.partnerId, let partner = try store.partner(id: id) else {
          throw KalturaAPIError.invalidPartnerID(String(id))
        }
        return builder.partner(partner)
      }
    ]
  }
}
