import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

@Suite struct SessionAndIsolationTests {
  @Test func sessionStartChecksTheSecretAndPingNeedsNoKS() async throws {
    try await Harness.with { h in
      #expect(try await h.call("system", "ping") == .bool(true))
      let wrong = try await h.call(
        "session", "start", [("secret", "nope"), ("partnerId", String(h.server.partnerID)), ("type", "2")])
      #expect(errorCode(wrong) == "START_SESSION_ERROR")
      #expect(wrong["args"]?["PID"]?.stringValue == String(h.server.partnerID))
      let noKS = try await h.call("uploadToken", "list")
      #expect(errorCode(noKS) == "SERVICE_FORBIDDEN")

      let ks = try await h.adminKS(user: "alice")
      let info = try await h.call("session", "get", [], ks: ks)
      #expect(info["objectType"]?.stringValue == "KalturaSessionInfo")
      #expect(info["userId"]?.stringValue == "alice")
      #expect(info["sessionType"]?.intValue == 2)
      #expect(info["partnerId"]?.intValue == h.server.partnerID)

      let userKS = try await h.userKS("bob")
      #expect(errorCode(try await h.call("session", "get", [], ks: userKS)) == "SERVICE_FORBIDDEN")
    }
  }

  @Test func forgedExpiredAndEndedSessionsAreInvalid() async throws {
    try await Harness.with { h in
      let forged = KalturaKS.generateV2(adminSecret: "not-the-secret", partnerID: h.server.partnerID, type: .admin)
      let badSignature = try await h.call("uploadToken", "list", [], ks: forged)
      #expect(errorCode(badSignature) == "INVALID_KS")
      #expect(badSignature["args"]?["KSID"]?.stringValue == forged)

      let expired = KalturaKS.generateV2(
        adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin, expiry: -10)
      let late = try await h.call("uploadToken", "list", [], ks: expired)
      #expect(errorCode(late) == "INVALID_KS")
      #expect(late["message"]?.stringValue?.contains("EXPIRED") == true)

      let garbage = try await h.call("media", "list", [], ks: "not-a-ks")
      #expect(errorCode(garbage) == "INVALID_KS")

      // A v1 KS made by a client with the admin secret is accepted too.
      let v1 = KalturaKS.generateV1(adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin)
      #expect(errorCode(try await h.call("uploadToken", "list", [], ks: v1)) == nil)

      let ks = try await h.adminKS()
      #expect(errorCode(try await h.call("uploadToken", "list", [], ks: ks)) == nil)
      _ = try await h.call("session", "end", [], ks: ks)
      let ended = try await h.call("uploadToken", "list", [], ks: ks)
      #expect(errorCode(ended) == "INVALID_KS")
      #expect(ended["args"]?["KSID"]?.stringValue == "LOGOUT")
    }
  }

  @Test func anotherPartnersObjectsAreNotFound() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1"), ("entry:name", "mine")], ks: ks)["id"]?.stringValue)
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)

      let otherSecret = try h.server.addPartner(id: 200)
      let otherKS = try #require(
        try await h.call("session", "start", [("secret", otherSecret), ("partnerId", "200"), ("type", "2")])
          .stringValue)
      let entry = try await h.call("media", "get", [("entryId", entryId)], ks: otherKS)
      #expect(errorCode(entry) == "ENTRY_ID_NOT_FOUND")
      #expect(entry["args"]?["ENTRY_ID"]?.stringValue == entryId)
      #expect(
        errorCode(try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: otherKS))
          == "UPLOAD_TOKEN_NOT_FOUND")
      let list = try await h.call("media", "list", [("filter:statusIn", "7")], ks: otherKS)
      #expect(list["totalCount"]?.intValue == 0)
      // A KS of partner 200 that asks for partner 100 is forbidden.
      let crossed = try await h.call(
        "media", "list", [("partnerId", String(h.server.partnerID))], ks: otherKS)
      #expect(errorCode(crossed) == "SERVICE_FORBIDDEN")
      // The other partner's own secret cannot start a session for partner 100.
      let wrongPartner = try await h.call(
        "session", "start", [("secret", otherSecret), ("partnerId", String(h.server.partnerID)), ("type", "2")])
      #expect(errorCode(wrongPartner) == "START_SESSION_ERROR")
    }
  }

  @Test func userSessionsSeeOnlyTheirTokensAndEditOnlyTheirEntries() async throws {
    try await Harness.with { h in
      let alice = try await h.userKS("alice")
      let bob = try await h.userKS("bob")
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: alice)["id"]?.stringValue)
      #expect(
        errorCode(try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: bob))
          == "UPLOAD_TOKEN_NOT_FOUND")
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: alice)["id"]?.stringValue)
      let denied = try await h.call("media", "delete", [("entryId", entryId)], ks: bob)
      #expect(errorCode(denied) == "INVALID_KS")
      #expect(denied["args"]?["ERR_CODE"]?.stringValue == "-4")
      #expect(errorCode(try await h.call("media", "get", [("entryId", entryId)], ks: bob)) == "ENTRY_ID_NOT_FOUND")
      let admin = try await h.adminKS()
      #expect(try await h.call("media", "delete", [("entryId", entryId)], ks: admin) == .null)
      #expect(errorCode(try await h.call("media", "get", [("entryId", entryId)], ks: admin)) == "ENTRY_ID_NOT_FOUND")
    }
  }

  @Test func dataPersistsAcrossRestart() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var secret = ""
    var entryId = ""
    var tokenId = ""
    try await Harness.with(dataDirectory: directory) { h in
      secret = h.server.adminSecret
      let ks = try await h.adminKS()
      tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: [1, 2, 3], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1"), ("entry:name", "kept")], ks: ks)["id"]?.stringValue)
    }
    try await Harness.with(dataDirectory: directory) { h in
      #expect(h.server.adminSecret == secret)
      let ks = try await h.adminKS()
      let entry = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
      #expect(entry["name"]?.stringValue == "kept")
      let token = try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)
      #expect(token["uploadedFileSize"]?.intValue == 3)
      let resumed = try await h.upload(token: tokenId, data: [4], resume: true, finalChunk: true, resumeAt: 3, ks: ks)
      #expect(resumed["status"]?.intValue == 2)
      #expect(resumed["uploadedFileSize"]?.intValue == 4)
    }
  }
}
