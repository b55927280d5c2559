import Foundation
import JSONValue
import KalturaWire
import Testing

/// A USER KS sees, edits and serves only its own entries unless its privileges say otherwise
/// (`list:*`, `edit:<id>`/`edit:*`, `sview:<id>`/`sview:*`); `actionslimit:N` caps its calls.
@Suite struct KSPrivilegeTests {
  /// A USER KS of `user` with `privileges`, signed as `session.start` signs it.
  static func userKS(_ h: Harness, _ user: String, _ privileges: String = "") -> String {
    KalturaKS.generateV2(
      adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, userID: user, type: .user,
      privileges: privileges)
  }

  /// The ids `media.list` answers to `ks` among entries without content (status NO_CONTENT).
  static func listed(_ h: Harness, _ service: String = "media", ks: String) async throws -> Set<String> {
    let reply = try await h.call(service, "list", [("filter:statusEqual", "7")], ks: ks)
    #expect(errorCode(reply) == nil, "\(reply)")
    return Set(reply["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
  }

  @Test("list and get: own entries only, unless list:*, edit:* or a widget session")
  func listingIsScopedToTheUser() async throws {
    try await Harness.with { h in
      let alice = Self.userKS(h, "alice")
      let bob = Self.userKS(h, "bob")
      let a = try #require(try await h.mediaEntry(ks: alice, [("name", "a")])["id"]?.stringValue)
      let b = try #require(try await h.mediaEntry(ks: bob, [("name", "b")])["id"]?.stringValue)

      #expect(try await Self.listed(h, ks: alice) == [a])
      #expect(try await Self.listed(h, "baseEntry", ks: bob) == [b])
      let bobCount = try await h.call("media", "list", [("filter:statusEqual", "7")], ks: bob)["totalCount"]
      #expect(bobCount?.intValue == 1, "the count is of what the KS may see")
      #expect(try await Self.listed(h, ks: h.adminKS()) == [a, b])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "carol", "list:*")) == [a, b])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "carol", "*")) == [a, b])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "carol", "edit:*")) == [a, b])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "carol", "edit:\(a)")) == [a])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "carol", "list:0_other")) == [])
      #expect(try await Self.listed(h, ks: Self.userKS(h, "")) == [], "an anonymous USER KS owns nothing")
      let widget = try #require(
        try await h.call("session", "startWidgetSession", [("widgetId", "_\(h.server.partnerID)")])["ks"]?
          .stringValue)
      #expect(try await Self.listed(h, ks: widget) == [a, b])

      for service in ["media", "baseEntry"] {
        let hidden = try await h.call(service, "get", [("entryId", a)], ks: bob)
        #expect(errorCode(hidden) == "ENTRY_ID_NOT_FOUND", "\(service).get of another user's entry")
        #expect(hidden["args"]?["ENTRY_ID"]?.stringValue == a)
        let seen = try await h.call(service, "get", [("entryId", a)], ks: Self.userKS(h, "bob", "list:*"))
        #expect(seen["id"]?.stringValue == a)
      }
    }
  }

  @Test("list:* reads another user's entry but does not edit it; edit:* does")
  func seeingIsNotEditing() async throws {
    try await Harness.with { h in
      let a = try #require(try await h.mediaEntry(ks: Self.userKS(h, "alice"))["id"]?.stringValue)
      let rename = [("entryId", a), ("mediaEntry:objectType", "KalturaMediaEntry"), ("mediaEntry:name", "renamed")]
      let reader = Self.userKS(h, "bob", "list:*")
      let refused = try await h.call("media", "update", rename, ks: reader)
      #expect(errorCode(refused) == "INVALID_KS")
      #expect(refused["args"]?["ERR_DESC"]?.stringValue == "INVALID_TYPE")
      #expect(errorCode(try await h.call("media", "delete", [("entryId", a)], ks: reader)) == "INVALID_KS")
      let editor = Self.userKS(h, "bob", "edit:*")
      #expect(try await h.call("media", "update", rename, ks: editor)["name"] == "renamed")
      #expect(try await h.call("media", "get", [("entryId", a)], ks: Self.userKS(h, "alice"))["name"] == "renamed")
    }
  }

  @Test("content URLs with a KS serve a USER KS its own entries and those of sview:<id> or sview:*")
  func servingNeedsSview() async throws {
    try await Harness.with(conversionDelay: 60) { h in
      let alice = Self.userKS(h, "alice")
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: alice)["id"]?.stringValue)
      _ = try await h.upload(
        token: tokenId, data: [0x89, 0x50, 0x4E], resume: false, finalChunk: true, resumeAt: -1, ks: alice,
        fileName: "a.png")
      let id = try #require(try await h.mediaEntry(ks: alice, [("mediaType", "2")])["id"]?.stringValue)
      let entry = try await h.call(
        "media", "addContent",
        [("entryId", id), ("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", tokenId)],
        ks: alice)
      let url = try #require(entry["downloadUrl"]?.stringValue)
      #expect(url.contains("/entryId/\(id)/"))
      func status(_ ks: String?) async throws -> Int {
        let served = ks.map { url.replacingOccurrences(of: "/entryId/\(id)/", with: "/entryId/\(id)/ks/\($0)/") }
        return try await h.get(served ?? url).status
      }
      #expect(try await status(nil) == 200, "without a KS the entry is public, as under default access control")
      #expect(try await status(alice) == 200)
      #expect(try await status(Self.userKS(h, "bob")) == 403)
      #expect(try await status(Self.userKS(h, "bob", "sview:0_other")) == 403)
      #expect(try await status(Self.userKS(h, "bob", "sview:\(id)")) == 200)
      #expect(try await status(Self.userKS(h, "bob", "sview:*")) == 200)
      #expect(try await status(try await h.adminKS()) == 200)
      #expect(try await status("not-a-ks") == 403)
    }
  }

  @Test("actionslimit:N allows N calls; the next is INVALID_KS EXCEEDED_ACTIONS_LIMIT")
  func actionsLimit() async throws {
    try await Harness.with { h in
      let limited = Self.userKS(h, "alice", "actionslimit:2")
      #expect(errorCode(try await h.call("system", "ping", [], ks: limited)) == nil)
      #expect(errorCode(try await h.call("media", "list", [], ks: limited)) == nil)
      let third = try await h.call("system", "ping", [], ks: limited)
      #expect(errorCode(third) == "INVALID_KS")
      #expect(third["args"]?["KSID"]?.stringValue == "EXCEEDED_ACTIONS_LIMIT")
      #expect(third["message"]?.stringValue == "Invalid KS \"EXCEEDED_ACTIONS_LIMIT\", Error \"-1,INVALID_STR\"")
      #expect(errorCode(try await h.call("system", "ping", [], ks: limited)) == "INVALID_KS", "it stays spent")
      // Each KS has its own count; one without the privilege is not limited.
      let other = Self.userKS(h, "alice", "actionslimit:2")
      #expect(other != limited)
      #expect(errorCode(try await h.call("system", "ping", [], ks: other)) == nil)
      let unlimited = Self.userKS(h, "alice")
      for _ in 0..<4 { #expect(errorCode(try await h.call("system", "ping", [], ks: unlimited)) == nil) }
    }
  }

  @Test("the actions count survives a restart")
  func actionsLimitPersists() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var limited = ""
    try await Harness.with(dataDirectory: directory) { h in
      limited = Self.userKS(h, "alice", "actionslimit:1")
      let first = try await h.call("system", "ping", [], ks: limited)
      #expect(errorCode(first) == nil)
    }
    try await Harness.with(dataDirectory: directory) { h in
      let again = try await h.call("system", "ping", [], ks: limited)
      #expect(errorCode(again) == "INVALID_KS")
    }
  }
}
