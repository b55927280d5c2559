import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// Every way a KS can be wrong, over HTTP, with the error Kaltura gives for it.
@Suite struct KSEnforcementTests {
  @Test func tamperedV2AndV1AreInvalidWithTheKSAsKSID() async throws {
    try await Harness.with { h in
      let good = KalturaKS.generateV2(adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin)
      // Flip one character inside the ciphertext (past the readable "v2|pid|" prefix).
      var characters = Array(good)
      let index = characters.count / 2
      characters[index] = characters[index] == "A" ? "B" : "A"
      let tampered = String(characters)
      let reply = try await h.call("uploadToken", "list", [], ks: tampered)
      #expect(errorCode(reply) == "INVALID_KS")
      #expect(reply["args"]?["KSID"]?.stringValue == tampered)
      #expect(reply["args"]?["ERR_CODE"]?.stringValue == "-1")
      #expect(reply["args"]?["ERR_DESC"]?.stringValue == "INVALID_STR")

      // v1 is signed plain text: change the user id and keep the signature.
      let v1 = KalturaKS.generateV1(
        adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, userID: "alice", type: .admin)
      let decoded = String(decoding: try #require(Data(base64Encoded: v1)), as: UTF8.self)
      let forgedV1 = Data(decoded.replacingOccurrences(of: ";alice;", with: ";mallory;").utf8).base64EncodedString()
      #expect(forgedV1 != v1)
      #expect(errorCode(try await h.call("uploadToken", "list", [], ks: forgedV1)) == "INVALID_KS")
      let expiredV1 = KalturaKS.generateV1(
        adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin, expiry: -5)
      let late = try await h.call("uploadToken", "list", [], ks: expiredV1)
      #expect(late["message"]?.stringValue == "Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"")
    }
  }

  @Test func aKSOfAnUnknownOrOtherPartnerIsRejected() async throws {
    try await Harness.with { h in
      let unknown = KalturaKS.generateV2(adminSecret: h.server.adminSecret, partnerID: 999, type: .admin)
      let reply = try await h.call("media", "list", [], ks: unknown)
      #expect(errorCode(reply) == "INVALID_KS")
      #expect(reply["args"]?["KSID"]?.stringValue == unknown)
      // Signed with partner 100's secret but claiming partner 300: no secret of 300 verifies it.
      try h.server.addPartner(id: 300)
      let claimed = KalturaKS.generateV2(adminSecret: h.server.adminSecret, partnerID: 300, type: .admin)
      #expect(errorCode(try await h.call("media", "list", [], ks: claimed)) == "INVALID_KS")
    }
  }

  @Test func anExpiredKSIsRefusedEvenWhereNoKSIsNeeded() async throws {
    try await Harness.with { h in
      let expired = KalturaKS.generateV2(
        adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin, expiry: -1)
      let start = try await h.call(
        "session", "start",
        [("secret", h.server.adminSecret), ("partnerId", String(h.server.partnerID)), ("type", "2")], ks: expired)
      #expect(errorCode(start) == "INVALID_KS")
      #expect(start["args"]?["KSID"]?.stringValue == "EXPIRED")
      #expect(errorCode(try await h.call("system", "ping", [], ks: expired)) == "INVALID_KS")
    }
  }

  @Test func sessionStartIssuesWhatItWasAskedWithinTheMaximumExpiry() async throws {
    try await Harness.with { h in
      let ks = try #require(
        try await h.call(
          "session", "start",
          [
            ("secret", h.server.adminSecret), ("partnerId", String(h.server.partnerID)), ("type", "0"),
            ("userId", "carol"), ("expiry", "999999"), ("privileges", "edit:*,disableentitlement"),
          ]
        ).stringValue)
      let info = try KalturaKS.parse(ks, secret: h.server.adminSecret)
      #expect(info.version == 2)
      #expect(info.userID == "carol")
      #expect(info.type == .user)
      #expect(info.privilegeString == "edit:*,disableentitlement")
      let now = Int(Date().timeIntervalSince1970)
      #expect(info.expiry <= now + 86400 && info.expiry >= now + 86000, "expiry is capped at 24 h")
      // A USER session may also start with the partner's user secret.
      let userSecret = try #require(try h.server.userSecret(partnerID: h.server.partnerID))
      let viaUserSecret = try await h.call(
        "session", "start", [("secret", userSecret), ("partnerId", String(h.server.partnerID)), ("type", "0")])
      #expect(errorCode(viaUserSecret) == nil && viaUserSecret.stringValue != nil)

      let admin = try await h.adminKS()
      let described = try await h.call("session", "get", [("session", ks)], ks: admin)
      #expect(described["userId"]?.stringValue == "carol")
      #expect(described["sessionType"]?.intValue == 0)
      #expect(described["privileges"]?.stringValue == "edit:*,disableentitlement")
    }
  }

  @Test func editPrivilegesLetAUserChangeAnotherUsersEntry() async throws {
    try await Harness.with { h in
      let alice = try await h.userKS("alice")
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1"), ("entry:name", "a")], ks: alice)["id"]?.stringValue)
      func userKS(_ privileges: String) async throws -> String {
        try await h.call(
          "session", "start",
          [
            ("secret", h.server.adminSecret), ("partnerId", String(h.server.partnerID)), ("type", "0"),
            ("userId", "bob"), ("privileges", privileges),
          ]
        ).stringValue ?? ""
      }
      let plain = try await userKS("")
      let denied = try await h.call("media", "update", [("entryId", entryId), ("mediaEntry:name", "b")], ks: plain)
      #expect(errorCode(denied) == "INVALID_KS")
      #expect(denied["args"]?["ERR_DESC"]?.stringValue == "INVALID_TYPE")
      let otherEntry = try await userKS("edit:0_other")
      #expect(
        errorCode(
          try await h.call("media", "update", [("entryId", entryId), ("mediaEntry:name", "b")], ks: otherEntry))
          == "INVALID_KS")
      let thisEntry = try await userKS("edit:\(entryId)")
      let renamed = try await h.call(
        "media", "update", [("entryId", entryId), ("mediaEntry:name", "b")], ks: thisEntry)
      #expect(renamed["name"]?.stringValue == "b")
      let everything = try await userKS("*")
      #expect(try await h.call("media", "delete", [("entryId", entryId)], ks: everything) == .null)
      // A USER session cannot create an entry for someone else.
      let forOther = try await h.call("media", "add", [("entry:mediaType", "1"), ("entry:userId", "alice")], ks: plain)
      #expect(errorCode(forOther) == "INVALID_KS")
    }
  }

  @Test func uiConfsOfAnotherPartnerAreNotFound() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let mine = try #require(try await h.call("uiConf", "list", [], ks: ks)["objects"]?[0]?["id"]?.intValue)
      let otherSecret = try h.server.addPartner(id: 300)
      let otherKS = KalturaKS.generateV2(adminSecret: otherSecret, partnerID: 300, type: .admin)
      let reply = try await h.call("uiConf", "get", [("id", String(mine))], ks: otherKS)
      #expect(errorCode(reply) == "INVALID_UI_CONF_ID")
      #expect(reply["args"]?["UI_CONF_ID"]?.stringValue == String(mine))
      let theirs = try await h.call("uiConf", "list", [], ks: otherKS)
      #expect(theirs["objects"]?.arrayValue?.allSatisfy { $0["partnerId"]?.intValue == 300 } == true)
      #expect(theirs["objects"]?.arrayValue?.contains { $0["id"]?.intValue == mine } == false)
    }
  }
}
