import Foundation
import JSONValue
import KalturaWire
import Testing

/// Kaltura's order of checks: the action exists, then its mandatory parameters (before the KS is
/// looked at), then the KS (signature, expiry, logout, actions limit), then access (session
/// type, privileges, ownership). Each test sends calls wrong in two ways and expects the
/// earlier check's error.
@Suite struct CheckOrderTests {
  static func expired(_ h: Harness) -> String {
    KalturaKS.generateV2(adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin, expiry: -1)
  }

  @Test("media.get with no KS and no entryId is MISSING_MANDATORY_PARAMETER, as Kaltura answers")
  func mandatoryBeforeAnyKS() async throws {
    try await Harness.with { h in
      let reply = try await h.call("media", "get", [])
      #expect(errorCode(reply) == "MISSING_MANDATORY_PARAMETER")
      #expect(reply["args"]?["PARAM_NAME"]?.stringValue == "entryId")
      #expect(reply["message"]?.stringValue == "Missing parameter \"entryId\"")
      #expect(errorCode(try await h.call("media", "get", [("entryId", "0_abc")])) == "SERVICE_FORBIDDEN")
    }
  }

  @Test("mandatory parameters before the KS: a broken, expired or spent KS is looked at only after them")
  func mandatoryBeforeTheKS() async throws {
    try await Harness.with { h in
      let spent = KSPrivilegeTests.userKS(h, "alice", "actionslimit:1")
      #expect(errorCode(try await h.call("system", "ping", [], ks: spent)) == nil)
      for ks in ["garbage", Self.expired(h), spent] {
        #expect(errorCode(try await h.call("media", "get", [], ks: ks)) == "MISSING_MANDATORY_PARAMETER")
        let late = try await h.call("media", "get", [("entryId", "0_abc")], ks: ks)
        #expect(errorCode(late) == "INVALID_KS", "\(late)")
      }
      #expect(
        try await h.call("media", "get", [("entryId", "0_abc")], ks: Self.expired(h))["args"]?["KSID"] == "EXPIRED")
      #expect(
        try await h.call("media", "get", [("entryId", "0_abc")], ks: spent)["args"]?["KSID"]
          == "EXCEEDED_ACTIONS_LIMIT")
    }
  }

  @Test("the same order for the generic CRUD engine, synthesized replies and file-serving actions")
  func sameOrderEverywhere() async throws {
    try await Harness.with { h in
      // (service, action, the mandatory parameter, a value for it)
      let calls = [
        ("cuepoint_cuepoint", "get", "id", "1"),
        ("media", "approve", "entryId", "0_abc"),
        ("caption_captionasset", "serve", "captionAssetId", "1_abc"),
        ("thumbasset", "serve", "thumbAssetId", "1_abc"),
      ]
      for (service, action, parameter, value) in calls {
        let noKS = try await h.call(service, action, [])
        #expect(errorCode(noKS) == "MISSING_MANDATORY_PARAMETER", "\(service).\(action)")
        #expect(noKS["args"]?["PARAM_NAME"]?.stringValue == parameter)
        #expect(errorCode(try await h.call(service, action, [], ks: "garbage")) == "MISSING_MANDATORY_PARAMETER")
        #expect(errorCode(try await h.call(service, action, [(parameter, value)], ks: "garbage")) == "INVALID_KS")
        #expect(
          errorCode(try await h.call(service, action, [(parameter, value)])) == "SERVICE_FORBIDDEN",
          "\(service).\(action) without a KS")
      }
    }
  }

  @Test("an unknown action is refused before its parameters or KS are looked at")
  func existenceFirst() async throws {
    try await Harness.with { h in
      let action = try await h.call("media", "noSuchAction", [], ks: "garbage")
      #expect(errorCode(action) == "ACTION_DOES_NOT_EXISTS")
      let service = try await h.call("noSuchService", "get", [], ks: "garbage")
      #expect(errorCode(service) == "SERVICE_DOES_NOT_EXISTS")
    }
  }

  @Test("the KS before the session type: session.get is INVALID_KS for an expired KS, SERVICE_FORBIDDEN for a USER KS")
  func ksBeforeSessionType() async throws {
    try await Harness.with { h in
      let expired = try await h.call("session", "get", [], ks: Self.expired(h))
      #expect(errorCode(expired) == "INVALID_KS")
      let user = try await h.call("session", "get", [], ks: KSPrivilegeTests.userKS(h, "bob"))
      #expect(errorCode(user) == "SERVICE_FORBIDDEN")
    }
  }

  @Test("mandatory parameters before ownership: a USER KS editing another's entry")
  func mandatoryBeforeOwnership() async throws {
    try await Harness.with { h in
      let a = try #require(try await h.mediaEntry(ks: KSPrivilegeTests.userKS(h, "alice"))["id"]?.stringValue)
      let bob = KSPrivilegeTests.userKS(h, "bob", "list:*")
      let noObject = try await h.call("media", "update", [("entryId", a)], ks: bob)
      #expect(errorCode(noObject) == "MISSING_MANDATORY_PARAMETER")
      #expect(noObject["args"]?["PARAM_NAME"]?.stringValue == "mediaEntry")
      let notOwner = try await h.call("media", "update", [("entryId", a), ("mediaEntry:name", "x")], ks: bob)
      #expect(errorCode(notOwner) == "INVALID_KS")
      #expect(notOwner["args"]?["ERR_CODE"]?.stringValue == "-4")
    }
  }

  @Test("each call of a multirequest is checked in the same order, its error in its place")
  func multirequestSubCalls() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let reply = try await h.callJSON(
        "/service/multirequest",
        [
          "format": "1",
          "1": ["service": "media", "action": "get"],
          "2": ["service": "media", "action": "get", "entryId": "0_abc"],
          "3": ["service": "media", "action": "get", "ks": "garbage"],
          "4": ["service": "media", "action": "get", "ks": .string(ks), "entryId": "0_abc"],
        ])
      let items = try #require(try JSONValue(parsing: reply.body).arrayValue)
      #expect(
        items.map { errorCode($0) }
          == ["MISSING_MANDATORY_PARAMETER", "SERVICE_FORBIDDEN", "MISSING_MANDATORY_PARAMETER", "ENTRY_ID_NOT_FOUND"])
    }
  }
}
