import Crypto
import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

private func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
  digest.map { String(format: "%02x", $0) }.joined()
}

/// App tokens, users, reports, notification templates and KS privileges: the semantics the
/// sandbox adds to the generic engine for these families.
@Suite struct AccountFamiliesTests {
  @Test("appToken.startSession: hash(KS + token) with the token's hash type gives a KS of the token's privileges")
  func appTokenHashCheck() async throws {
    try await Harness.with { h in
      let admin = try await h.adminKS()
      let added = try await h.call(
        "appToken", "add",
        [
          ("appToken:objectType", "KalturaAppToken"), ("appToken:hashType", "SHA256"),
          ("appToken:sessionPrivileges", "edit:*,list:*"), ("appToken:sessionUserId", "robot"),
          ("appToken:token", "chosen-by-client"),
        ], ks: admin)
      let id = try #require(added["id"]?.stringValue)
      let token = try #require(added["token"]?.stringValue)
      #expect(token.count == 32 && token != "chosen-by-client", "the server makes the token: \(added)")
      #expect(added["hashType"] == "SHA256")
      #expect(try await h.call("appToken", "get", [("id", id)], ks: admin)["token"]?.stringValue == token)

      let widget = try #require(
        try await h.call("session", "startWidgetSession", [("widgetId", "_\(h.server.partnerID)")])["ks"]?
          .stringValue)
      let widgetInfo = try KalturaKS.parse(widget, secret: h.server.adminSecret)
      #expect(!widgetInfo.isAdmin && widgetInfo.hasPrivilege("widget") && widgetInfo.hasPrivilege("view"))

      let right = hex(SHA256.hash(data: Array((widget + token).utf8)))
      let session = try await h.call("appToken", "startSession", [("id", id), ("tokenHash", right)], ks: widget)
      #expect(session["objectType"] == "KalturaSessionInfo", "\(session)")
      #expect(session["userId"] == "robot")
      let ks = try #require(session["ks"]?.stringValue)
      let info = try KalturaKS.parse(ks, secret: h.server.adminSecret)
      #expect(info.userID == "robot" && !info.isAdmin)
      #expect(info.hasPrivilege("edit", value: "0_any") && info.hasPrivilege("list"))
      #expect(info.hasPrivilege("appid", value: id))

      // SHA1 of the same text is not the token's hash type; nor is a hash over another KS.
      let sha1 = hex(Insecure.SHA1.hash(data: Array((widget + token).utf8)))
      let wrongType = try await h.call("appToken", "startSession", [("id", id), ("tokenHash", sha1)], ks: widget)
      #expect(errorCode(wrongType) == "INVALID_APP_TOKEN_HASH")
      #expect(wrongType["message"] == "Invalid application token hash")
      let otherKS = try await h.call("appToken", "startSession", [("id", id), ("tokenHash", right)], ks: admin)
      #expect(errorCode(otherKS) == "INVALID_APP_TOKEN_HASH")
      let missing = try await h.call(
        "appToken", "startSession", [("id", "0_nothere"), ("tokenHash", right)], ks: widget)
      #expect(errorCode(missing) == "APP_TOKEN_ID_NOT_FOUND")
    }
  }

  @Test("edit privileges: a USER KS edits another's entry only with edit:<id> or edit:*")
  func editPrivilegeEnforced() async throws {
    try await Harness.with { h in
      let owner = try await h.userKS("owner")
      let entry = try await h.call(
        "media", "add", [("entry:objectType", "KalturaMediaEntry"), ("entry:name", "mine"), ("entry:mediaType", "1")],
        ks: owner)
      let id = try #require(entry["id"]?.stringValue)
      func userKS(_ privileges: String) -> String {
        KalturaKS.generateV2(
          adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, userID: "other", type: .user,
          privileges: privileges)
      }
      let update = [("entryId", id), ("mediaEntry:objectType", "KalturaMediaEntry"), ("mediaEntry:name", "theirs")]
      #expect(errorCode(try await h.call("media", "update", update, ks: userKS(""))) == "INVALID_KS")
      #expect(errorCode(try await h.call("media", "update", update, ks: userKS("edit:0_other"))) == "INVALID_KS")
      #expect(try await h.call("media", "update", update, ks: userKS("edit:\(id)"))["name"] == "theirs")
      #expect(try await h.call("media", "update", update, ks: userKS("edit:*"))["name"] == "theirs")
    }
  }

  /// `reportInputFilter` is mandatory, as on Kaltura.
  static let dates = ("reportInputFilter:objectType", "KalturaReportInputFilter")

  @Test("report.getTable/getTotal: Kaltura's CSV-in-JSON shape over the entries the sandbox holds")
  func reportShape() async throws {
    try await Harness.with { h in
      let admin = try await h.adminKS()
      var ids: [String] = []
      for (user, name) in [("ann", "First, clip"), ("bob", "Second"), ("ann", "Third")] {
        let ks = try await h.userKS(user)
        let entry = try await h.call(
          "media", "add", [("entry:objectType", "KalturaMediaEntry"), ("entry:name", name), ("entry:mediaType", "1")],
          ks: ks)
        ids.append(try #require(entry["id"]?.stringValue))
      }
      let table = try await h.call(
        "report", "getTable", [Self.dates, ("reportType", "1"), ("pager:pageSize", "2")], ks: admin)
      #expect(table["objectType"] == "KalturaReportTable", "\(table)")
      #expect(
        table["header"]
          == "object_id,entry_name,count_plays,sum_time_viewed,avg_time_viewed,count_loads,load_play_ratio,avg_view_drop_off"
      )
      #expect(table["totalCount"] == 3)
      let rows = try #require(table["data"]?.stringValue).split(separator: ";").map {
        $0.split(separator: ",", omittingEmptySubsequences: false)
      }
      #expect(rows.count == 2, "paged by pageSize: \(table)")
      #expect(rows.allSatisfy { $0.count == 8 })
      #expect(rows.map { String($0[0]) } == [ids[2], ids[1]], "newest first")

      let narrowed = try await h.call(
        "report", "getTable", [Self.dates, ("reportType", "1"), ("objectIds", ids[0]), ("pager:pageSize", "10")],
        ks: admin)
      #expect(
        narrowed["data"] == .string("\(ids[0]),First  clip,0,0,0,0,0,0"),
        "a comma in a name would split the row: \(narrowed)")

      let contributors = try await h.call(
        "report", "getTable", [Self.dates, ("reportType", "5"), ("pager:pageSize", "10")], ks: admin)
      #expect(contributors["data"] == "ann,ann,2,2,0,0;bob,bob,1,1,0,0", "\(contributors)")
      let total = try await h.call("report", "getTotal", [Self.dates, ("reportType", "5")], ks: admin)
      #expect(total["objectType"] == "KalturaReportTotal")
      #expect(total["header"] == "count_total,count_video,count_audio,count_image")
      #expect(total["data"] == "3,3,0,0")
      let unknown = try await h.call("report", "getTotal", [Self.dates, ("reportType", "26")], ks: admin)
      #expect(errorCode(unknown) == "SANDBOX_REPORT_NOT_SUPPORTED")
    }
  }

  @Test("event notification templates: system templates listed, cloned DISABLED, activated by updateStatus")
  func templatesCloneAndStatus() async throws {
    try await Harness.with { h in
      let admin = try await h.adminKS()
      let service = "eventnotification_eventnotificationtemplate"
      let system = try await h.call(service, "listTemplates", [], ks: admin)
      let templates = try #require(system["objects"]?.arrayValue)
      #expect(templates.count == 5 && system["totalCount"] == 5, "\(system)")
      #expect(templates.allSatisfy { $0["partnerId"] == 0 && $0["status"] == 2 })
      #expect(
        try await h.call(service, "list", [], ks: admin)["totalCount"] == 0, "system templates are not the partner's")
      let ready = try #require(templates.first { $0["systemName"] == "HTTP_ENTRY_READY" })
      let templateId = try #require(ready["id"]?.intValue)

      let clone = try await h.call(
        service, "clone",
        [
          ("id", String(templateId)), ("eventNotificationTemplate:objectType", "KalturaHttpNotificationTemplate"),
          ("eventNotificationTemplate:name", "My entry-ready hook"),
        ], ks: admin)
      #expect(clone["objectType"] == "KalturaHttpNotificationTemplate", "\(clone)")
      #expect(clone["partnerId"] == .int(h.server.partnerID))
      #expect(clone["status"] == 1)
      #expect(clone["name"] == "My entry-ready hook" && clone["systemName"] == "HTTP_ENTRY_READY")
      let cloneId = try #require(clone["id"]?.intValue)
      #expect(cloneId != templateId)

      let active = try await h.call(service, "updateStatus", [("id", String(cloneId)), ("status", "2")], ks: admin)
      #expect(active["status"] == 2)
      #expect(try await h.call(service, "get", [("id", String(cloneId))], ks: admin)["status"] == 2)
      let mine = try await h.call(service, "list", [], ks: admin)
      #expect(mine["objects"]?[0]?["id"] == .int(cloneId) && mine["totalCount"] == 1)
      #expect(
        errorCode(try await h.call(service, "updateStatus", [("id", String(templateId)), ("status", "1")], ks: admin))
          == "EVENT_NOTIFICATION_TEMPLATE_NOT_FOUND", "a system template is not the partner's to switch")
      #expect(
        errorCode(try await h.call(service, "clone", [("id", "424242")], ks: admin))
          == "EVENT_NOTIFICATION_TEMPLATE_NOT_FOUND")
      #expect(
        errorCode(try await h.call(service, "updateStatus", [("id", String(cloneId)), ("status", "9")], ks: admin))
          == "INVALID_ENUM_VALUE")
    }
  }

  @Test("users: get without userId is the KS's user; loginByLoginId checks the password")
  func usersAndLogin() async throws {
    try await Harness.with { h in
      let alice = try await h.adminKS(user: "alice")
      let me = try await h.call("user", "get", [], ks: alice)
      #expect(me["id"] == "alice" && me["objectType"] == "KalturaUser", "\(me)")
      #expect(errorCode(try await h.call("user", "get", [("userId", "nobody")], ks: alice)) != nil)
      let added = try await h.call(
        "user", "add",
        [
          ("user:objectType", "KalturaUser"), ("user:id", "bob"), ("user:email", "Bob@example.com"),
          ("user:password", "s3cret!"),
        ],
        ks: alice)
      #expect(added["id"] == "bob" && added["password"] == nil, "the password is never answered: \(added)")
      let ks = try await h.call("user", "loginByLoginId", [("loginId", "bob@example.com"), ("password", "s3cret!")])
      let info = try KalturaKS.parse(try #require(ks.stringValue), secret: h.server.adminSecret)
      #expect(info.userID == "bob")
      let wrong = try await h.call("user", "loginByLoginId", [("loginId", "bob@example.com"), ("password", "nope")])
      #expect(errorCode(wrong) == "USER_WRONG_PASSWORD")
      #expect(
        errorCode(try await h.call("user", "loginByLoginId", [("loginId", "x@y"), ("password", "p")]))
          == "USER_NOT_FOUND")
      let owner = try await h.call(
        "user", "loginByLoginId", [("loginId", "admin@sandbox.invalid"), ("password", h.server.adminSecret)])
      #expect(try KalturaKS.parse(try #require(owner.stringValue), secret: h.server.adminSecret).isAdmin)
      let partners = try await h.call("partner", "listPartnersForUser", [], ks: alice)
      #expect(partners["totalCount"] == 1 && partners["objects"]?[0]?["id"] == .int(h.server.partnerID))
    }
  }

  @Test("uiConf.update keeps config, name and tags: get and list answer them")
  func uiConfUpdateKeepsConfig() async throws {
    try await Harness.with { h in
      let admin = try await h.adminKS()
      let id = String(40_000_000 + h.server.partnerID * 10 + 1)
      let config = #"{"player":{"playback":{"autoplay":true}}}"#
      let updated = try await h.call(
        "uiConf", "update",
        [("id", id), ("uiConf:objectType", "KalturaUiConf"), ("uiConf:config", config), ("uiConf:name", "Mine")],
        ks: admin)
      #expect(updated["config"] == .string(config) && updated["name"] == "Mine", "\(updated)")
      #expect(try await h.call("uiConf", "get", [("id", id)], ks: admin)["config"] == .string(config))
      let listed = try await h.call("uiConf", "list", [("filter:idEqual", id)], ks: admin)
      #expect(listed["objects"]?[0]?["name"] == "Mine")
      let unknown = try await h.call("uiConf", "update", [("id", "77"), ("uiConf:config", "{}")], ks: admin)
      #expect(errorCode(unknown) == "INVALID_UI_CONF_ID")
      let readOnly = try await h.call("uiConf", "update", [("id", id), ("uiConf:createdAt", "5")], ks: admin)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
    }
  }
}
