import Foundation
import JSONValue
import KalturaWire

/// `session.startWidgetSession`: a partner's default widget is `_<partnerId>`; its KS is an
/// anonymous USER session that may only view (`view:*,widget:1`), as Kaltura issues it.
extension SandboxCore {
  var widgetSessionActions: [String: ActionHandler] {
    [
      "startwidgetsession": ActionHandler(access: .open) { [self] input in
        let widgetId = try input.call.requireString("widgetId")
        guard widgetId.hasPrefix("_"), let partnerId = Int(widgetId.dropFirst()),
          let partner = try store.partner(id: partnerId)
        else { throw SandboxErrors.named("INVALID_WIDGET_ID", widgetId) }
        var expiry = input.call.int("expiry") ?? 86400
        if expiry <= 0 || expiry > 86400 { expiry = 86400 }
        let ks = KalturaKS.generateV2(
          adminSecret: partner.adminSecret, partnerID: partnerId, userID: "", type: .user, expiry: expiry,
          privileges: Self.widgetPrivileges)
        var reply = JSONObject([("objectType", "KalturaStartWidgetSessionResponse")])
        reply["partnerId"] = .int(partnerId)
        reply["ks"] = .string(ks)
        reply["userId"] = "0"
        return .object(reply)
      }
    ]
  }

  static let widgetPrivileges = "view:*,widget:1"
}
