import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// What hangs off an entry (cue points, caption and thumbnail assets, metadata, category links,
/// generic objects carrying an `entryId`) is reached by a USER KS exactly as far as the entry:
/// read when it may see the entry, changed when it may edit it, served when it may serve it.
@Suite struct EntryAssetPrivilegeTests {
  /// Alice's entry with a cue point, a ready caption asset and a ready thumbnail asset.
  struct Fixture {
    let h: Harness
    let alice: String
    let entryId: String
    let cuePointId: String
    let captionId: String
    let thumbId: String
    let thumbnailUrl: String
    static let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello there\n"
    static let png = PNGImage.gradient(width: 4, height: 3, seed: "alice")

    init(_ h: Harness) async throws {
      self.h = h
      alice = KSPrivilegeTests.userKS(h, "alice")
      let entry = try await h.mediaEntry(ks: alice, [("name", "alice's")])
      entryId = try #require(entry["id"]?.stringValue)
      thumbnailUrl = try #require(entry["thumbnailUrl"]?.stringValue)
      let cuePoint = try await h.call(
        "cuepoint_cuepoint", "add",
        [
          ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[entryId]", entryId),
          ("cuePoint[startTime]", "1000"), ("cuePoint[code]", "c1"),
        ], ks: alice)
      cuePointId = try #require(cuePoint["id"]?.stringValue, "\(cuePoint)")
      let caption = try await h.call(
        "caption_captionasset", "add", [("entryId", entryId), ("captionAsset[language]", "English")], ks: alice)
      captionId = try #require(caption["id"]?.stringValue, "\(caption)")
      let captioned = try await h.call(
        "caption_captionasset", "setContent",
        Self.content(captionId, token: try await Self.token(h, Array(Self.srt.utf8), ks: alice)),
        ks: alice)
      #expect(captioned["status"]?.intValue == 2, "\(captioned)")
      let thumb = try await h.call(
        "thumbasset", "add", [("entryId", entryId), ("thumbAsset[objectType]", "KalturaThumbAsset")], ks: alice)
      thumbId = try #require(thumb["id"]?.stringValue, "\(thumb)")
      let thumbed = try await h.call(
        "thumbasset", "setContent", Self.content(thumbId, token: try await Self.token(h, Self.png, ks: alice)),
        ks: alice)
      #expect(thumbed["status"]?.intValue == 2, "\(thumbed)")
    }

    /// A finished upload token of the user of `ks`, holding `data`.
    static func token(_ h: Harness, _ data: [UInt8], ks: String) async throws -> String {
      let token = try #require(try await h.call("uploadtoken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: token, data: data, resume: false, finalChunk: true, resumeAt: 0, ks: ks)
      return token
    }

    static func content(_ id: String, token: String) -> [(String, String)] {
      [
        ("id", id), ("contentResource[objectType]", "KalturaUploadedFileTokenResource"),
        ("contentResource[token]", token),
      ]
    }

    /// The error code of a file-serving action (nil when it served the file), and the body.
    func serve(_ service: String, _ action: String, _ parameter: String, _ id: String, ks: String) async throws
      -> (code: String?, body: [UInt8])
    {
      let reply = try await h.get(
        "\(h.server.baseURL)/service/\(service)/action/\(action)?\(parameter)=\(id)&ks=\(ks)&format=1")
      return ((try? JSONValue(parsing: reply.body)).flatMap(errorCode), reply.body)
    }

    /// The ids the list `action` of `service` answers `ks` for this entry.
    func listed(_ service: String, ks: String) async throws -> [String] {
      let reply = try await h.call(service, "list", [("filter[entryIdEqual]", entryId)], ks: ks)
      #expect(errorCode(reply) == nil, "\(service).list: \(reply)")
      let ids = reply["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
      #expect(reply["totalCount"]?.intValue == ids.count, "the count is of what the KS may see")
      return ids
    }

    func searched(ks: String) async throws -> Int? {
      let reply = try await h.call(
        "captionsearch_captionassetitem", "search", [("captionAssetItemFilter[contentLike]", "hello")], ks: ks)
      #expect(errorCode(reply) == nil, "\(reply)")
      return reply["totalCount"]?.intValue
    }

    func thumbnailStatus(ks: String?) async throws -> Int {
      let url = ks.map { thumbnailUrl.replacingOccurrences(of: "/entry_id/", with: "/ks/\($0)/entry_id/") }
      return try await h.get(url ?? thumbnailUrl).status
    }

    /// Everything a reader does, each expected to answer what an entry it may read answers.
    func expectReads(ks: String, _ who: String) async throws {
      let cue = try await h.call("cuepoint_cuepoint", "get", [("id", cuePointId)], ks: ks)
      #expect(cue["id"]?.stringValue == cuePointId, "\(who): \(cue)")
      #expect(try await listed("cuepoint_cuepoint", ks: ks) == [cuePointId], "\(who)")
      let caption = try await h.call("caption_captionasset", "get", [("captionAssetId", captionId)], ks: ks)
      #expect(caption["id"]?.stringValue == captionId, "\(who): \(caption)")
      #expect(try await listed("caption_captionasset", ks: ks) == [captionId], "\(who)")
      #expect(
        try await serve("caption_captionasset", "serve", "captionAssetId", captionId, ks: ks).body
          == Array(Self.srt.utf8), "\(who)")
      #expect(try await serve("caption_captionasset", "serveWebVTT", "captionAssetId", captionId, ks: ks).code == nil)
      #expect(try await searched(ks: ks) == 1, "\(who)")
      let thumb = try await h.call("thumbasset", "get", [("thumbAssetId", thumbId)], ks: ks)
      #expect(thumb["id"]?.stringValue == thumbId, "\(who): \(thumb)")
      #expect(try await listed("thumbasset", ks: ks) == [thumbId], "\(who)")
      #expect(try await serve("thumbasset", "serve", "thumbAssetId", thumbId, ks: ks).body == Self.png, "\(who)")
    }

    /// Every change on Alice's entry's objects, each expected to be refused with `code`; then
    /// checks nothing changed.
    func expectEditsRefused(ks: String, _ code: String, _ who: String) async throws {
      let refusals: [(String, String, [(String, String)])] = [
        (
          "cuepoint_cuepoint", "add",
          [
            ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[entryId]", entryId),
            ("cuePoint[startTime]", "2000"),
          ]
        ),
        (
          "cuepoint_cuepoint", "update",
          [("id", cuePointId), ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[code]", "changed")]
        ),
        ("cuepoint_cuepoint", "updateStatus", [("id", cuePointId), ("status", "3")]),
        ("cuepoint_cuepoint", "delete", [("id", cuePointId)]),
        ("caption_captionasset", "add", [("entryId", entryId), ("captionAsset[language]", "French")]),
        ("caption_captionasset", "update", [("id", captionId), ("captionAsset[label]", "changed")]),
        ("caption_captionasset", "setContent", Self.content(captionId, token: "0_none")),
        ("caption_captionasset", "delete", [("captionAssetId", captionId)]),
        ("thumbasset", "add", [("entryId", entryId), ("thumbAsset[objectType]", "KalturaThumbAsset")]),
        ("thumbasset", "update", [("id", thumbId), ("thumbAsset[tags]", "changed")]),
        ("thumbasset", "setContent", Self.content(thumbId, token: "0_none")),
        ("thumbasset", "setAsDefault", [("thumbAssetId", thumbId)]),
        ("thumbasset", "delete", [("thumbAssetId", thumbId)]),
      ]
      for (service, action, parameters) in refusals {
        let reply = try await h.call(service, action, parameters, ks: ks)
        #expect(errorCode(reply) == code, "\(who): \(service).\(action): \(reply)")
        if code == "INVALID_KS" { #expect(reply["args"]?["ERR_DESC"]?.stringValue == "INVALID_TYPE") }
      }
      #expect(try await listed("cuepoint_cuepoint", ks: alice) == [cuePointId], "nothing was added nor deleted")
      #expect(try await listed("caption_captionasset", ks: alice) == [captionId])
      #expect(try await listed("thumbasset", ks: alice) == [thumbId])
      let cue = try await h.call("cuepoint_cuepoint", "get", [("id", cuePointId)], ks: alice)
      #expect(cue["code"]?.stringValue == "c1" && cue["status"]?.intValue != 3, "\(cue)")
      #expect(try await h.call("thumbasset", "get", [("thumbAssetId", thumbId)], ks: alice)["tags"] != "changed")
    }
  }

  @Test("another user's KS finds nothing of the entry: get, list, serve and search answer not found")
  func anotherUserSeesNothing() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let bob = KSPrivilegeTests.userKS(h, "bob")
      let missingCue = try await h.call("cuepoint_cuepoint", "get", [("id", "0_nonexist")], ks: bob)
      let hiddenCue = try await h.call("cuepoint_cuepoint", "get", [("id", f.cuePointId)], ks: bob)
      #expect(errorCode(hiddenCue) != nil && errorCode(hiddenCue) == errorCode(missingCue), "\(hiddenCue)")
      let caption = try await h.call("caption_captionasset", "get", [("captionAssetId", f.captionId)], ks: bob)
      #expect(errorCode(caption) == "CAPTION_ASSET_ID_NOT_FOUND", "\(caption)")
      #expect(caption["args"]?["ASSET_ID"]?.stringValue == f.captionId)
      let thumb = try await h.call("thumbasset", "get", [("thumbAssetId", f.thumbId)], ks: bob)
      #expect(errorCode(thumb) == "THUMB_ASSET_ID_NOT_FOUND", "\(thumb)")
      for service in ["cuepoint_cuepoint", "caption_captionasset", "thumbasset"] {
        #expect(try await f.listed(service, ks: bob) == [], "\(service).list")
      }
      let unfiltered = try await h.call("cuepoint_cuepoint", "list", [], ks: bob)
      #expect(unfiltered["totalCount"]?.intValue == 0, "\(unfiltered)")
      #expect(try await f.searched(ks: bob) == 0)
      for action in ["serve", "serveWebVTT"] {
        let served = try await f.serve("caption_captionasset", action, "captionAssetId", f.captionId, ks: bob)
        #expect(served.code == "CAPTION_ASSET_ID_NOT_FOUND", "\(action)")
      }
      #expect(
        try await f.serve("thumbasset", "serve", "thumbAssetId", f.thumbId, ks: bob).code == "THUMB_ASSET_ID_NOT_FOUND")
      #expect(
        try await h.call("thumbasset", "getUrl", [("id", f.thumbId)], ks: bob)["code"] == "THUMB_ASSET_ID_NOT_FOUND")
      #expect(try await f.thumbnailStatus(ks: bob) == 403, "a thumbnail URL with Bob's KS is refused")
      #expect(try await f.thumbnailStatus(ks: KSPrivilegeTests.userKS(h, "bob", "sview:\(f.entryId)")) == 200)
      #expect(try await f.thumbnailStatus(ks: f.alice) == 200)
      // sview:<entryId> serves the entry's files, and reads nothing else of it.
      let viewer = KSPrivilegeTests.userKS(h, "bob", "sview:\(f.entryId)")
      let viewed = try await f.serve("caption_captionasset", "serve", "captionAssetId", f.captionId, ks: viewer)
      #expect(viewed.body == Array(Fixture.srt.utf8))
      #expect(try await f.serve("thumbasset", "serve", "thumbAssetId", f.thumbId, ks: viewer).body == Fixture.png)
      let unseen = try await h.call("caption_captionasset", "get", [("captionAssetId", f.captionId)], ks: viewer)
      #expect(errorCode(unseen) == "CAPTION_ASSET_ID_NOT_FOUND")
      #expect(try await f.listed("thumbasset", ks: viewer) == [])
      #expect(try await f.thumbnailStatus(ks: nil) == 200, "without a KS the thumbnail is public")
    }
  }

  @Test("another user's KS changes nothing: updates and deletes are not found, adds to the entry INVALID_KS")
  func anotherUserChangesNothing() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let bob = KSPrivilegeTests.userKS(h, "bob")
      let add = try await h.call(
        "cuepoint_cuepoint", "add",
        [
          ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[entryId]", f.entryId),
          ("cuePoint[startTime]", "2000"),
        ], ks: bob)
      #expect(errorCode(add) == "INVALID_KS" && add["args"]?["ERR_DESC"]?.stringValue == "INVALID_TYPE", "\(add)")
      let captionAdd = try await h.call(
        "caption_captionasset", "add", [("entryId", f.entryId), ("captionAsset[language]", "French")], ks: bob)
      #expect(errorCode(captionAdd) == "INVALID_KS", "\(captionAdd)")
      let thumbAdd = try await h.call(
        "thumbasset", "add", [("entryId", f.entryId), ("thumbAsset[objectType]", "KalturaThumbAsset")], ks: bob)
      #expect(errorCode(thumbAdd) == "INVALID_KS", "\(thumbAdd)")
      let missingCue = errorCode(try await h.call("cuepoint_cuepoint", "delete", [("id", "0_nonexist")], ks: bob))
      #expect(errorCode(try await h.call("cuepoint_cuepoint", "delete", [("id", f.cuePointId)], ks: bob)) == missingCue)
      let caption = try await h.call(
        "caption_captionasset", "setContent", Fixture.content(f.captionId, token: "0_x"), ks: bob)
      #expect(errorCode(caption) == "CAPTION_ASSET_ID_NOT_FOUND", "\(caption)")
      let captionDelete = try await h.call("caption_captionasset", "delete", [("captionAssetId", f.captionId)], ks: bob)
      #expect(errorCode(captionDelete) == "CAPTION_ASSET_ID_NOT_FOUND")
      for action in ["setAsDefault", "delete"] {
        let reply = try await h.call("thumbasset", action, [("thumbAssetId", f.thumbId)], ks: bob)
        #expect(errorCode(reply) == "THUMB_ASSET_ID_NOT_FOUND", "\(action): \(reply)")
      }
      let orphan = try await h.call(
        "cuepoint_cuepoint", "add",
        [
          ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[entryId]", "0_nonexist"),
          ("cuePoint[startTime]", "1"),
        ], ks: bob)
      #expect(errorCode(orphan) == "ENTRY_ID_NOT_FOUND", "a USER KS edits no entry that is not there: \(orphan)")
      #expect(try await f.listed("cuepoint_cuepoint", ks: f.alice) == [f.cuePointId], "nothing was added nor deleted")
      #expect(try await f.listed("caption_captionasset", ks: f.alice) == [f.captionId])
      #expect(try await f.listed("thumbasset", ks: f.alice) == [f.thumbId])
    }
  }

  @Test("list:* reads and serves everything of the entry but changes nothing (INVALID_KS)")
  func listPrivilegeReadsOnly() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let reader = KSPrivilegeTests.userKS(h, "bob", "list:*")
      try await f.expectReads(ks: reader, "list:*")
      try await f.expectEditsRefused(ks: reader, "INVALID_KS", "list:*")
    }
  }

  @Test("a widget session reads and serves the entry's objects, and changes none")
  func widgetSessionReadsOnly() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let widget = try #require(
        try await h.call("session", "startWidgetSession", [("widgetId", "_\(h.server.partnerID)")])["ks"]?
          .stringValue)
      try await f.expectReads(ks: widget, "widget")
      #expect(try await f.thumbnailStatus(ks: widget) == 200)
      try await f.expectEditsRefused(ks: widget, "INVALID_KS", "widget")
    }
  }

  @Test("edit:<entryId>, the owner and an ADMIN KS read, serve and change everything of the entry")
  func editorsChangeEverything() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let editors = [
        ("edit:<id>", KSPrivilegeTests.userKS(h, "bob", "edit:\(f.entryId)")), ("owner", f.alice),
        ("admin", try await h.adminKS()),
      ]
      for (who, ks) in editors {
        try await f.expectReads(ks: ks, who)
        let update = try await h.call(
          "cuepoint_cuepoint", "update",
          [("id", f.cuePointId), ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[code]", who)], ks: ks)
        #expect(update["code"]?.stringValue == who, "\(who): \(update)")
        let status = try await h.call(
          "cuepoint_cuepoint", "updateStatus", [("id", f.cuePointId), ("status", "1")], ks: ks)
        #expect(errorCode(status) == nil, "\(who): \(status)")
        let tags = try await h.call("thumbasset", "update", [("id", f.thumbId), ("thumbAsset[tags]", who)], ks: ks)
        #expect(tags["tags"]?.stringValue == who, "\(who): \(tags)")
        #expect(
          try await h.call("thumbasset", "setAsDefault", [("thumbAssetId", f.thumbId)], ks: ks) == .null, "\(who)")
        let recaption = try await h.call(
          "caption_captionasset", "setContent",
          Fixture.content(f.captionId, token: try await Fixture.token(h, Array(Fixture.srt.utf8), ks: ks)), ks: ks)
        #expect(recaption["status"]?.intValue == 2, "\(who): \(recaption)")
        let added = try await h.call(
          "cuepoint_cuepoint", "add",
          [
            ("cuePoint[objectType]", "KalturaCodeCuePoint"), ("cuePoint[entryId]", f.entryId),
            ("cuePoint[startTime]", "5000"),
          ], ks: ks)
        let addedId = try #require(added["id"]?.stringValue, "\(who): \(added)")
        #expect(Set(try await f.listed("cuepoint_cuepoint", ks: ks)) == [f.cuePointId, addedId], "\(who)")
        #expect(try await h.call("cuepoint_cuepoint", "delete", [("id", addedId)], ks: ks) == .null, "\(who)")
        let caption = try await h.call(
          "caption_captionasset", "add", [("entryId", f.entryId), ("captionAsset[language]", "French")], ks: ks)
        let captionId = try #require(caption["id"]?.stringValue, "\(who): \(caption)")
        #expect(
          try await h.call("caption_captionasset", "delete", [("captionAssetId", captionId)], ks: ks) == .null, "\(who)"
        )
      }
      #expect(try await h.call("thumbasset", "delete", [("thumbAssetId", f.thumbId)], ks: f.alice) == .null)
      #expect(try await f.listed("thumbasset", ks: f.alice) == [])
    }
  }

  @Test("metadata on an entry and the entry's category links follow the entry's rules")
  func metadataAndCategoryLinksFollowTheEntry() async throws {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let admin = try await h.adminKS()
      let bob = KSPrivilegeTests.userKS(h, "bob")
      let profile = try await h.call(
        "metadata_metadataprofile", "add",
        [
          ("metadataProfile[metadataObjectType]", "1"), ("metadataProfile[name]", "p"),
          ("xsdData", MediaFamiliesTests.xsd),
        ],
        ks: admin)
      let profileId = try #require(profile["id"]?.displayText, "\(profile)")
      func addMetadata(ks: String) async throws -> JSONValue {
        try await h.call(
          "metadata_metadata", "add",
          [
            ("metadataProfileId", profileId), ("objectType", "1"), ("objectId", f.entryId),
            ("xmlData", "<metadata><Title>T</Title></metadata>"),
          ], ks: ks)
      }
      #expect(errorCode(try await addMetadata(ks: bob)) == "INVALID_KS")
      let metadataId = try #require(try await addMetadata(ks: f.alice)["id"]?.displayText)
      func listedMetadata(ks: String) async throws -> Int? {
        try await h.call("metadata_metadata", "list", [("filter[objectIdEqual]", f.entryId)], ks: ks)["totalCount"]?
          .intValue
      }
      #expect(try await listedMetadata(ks: bob) == 0)
      #expect(try await listedMetadata(ks: KSPrivilegeTests.userKS(h, "bob", "list:*")) == 1)
      #expect(try await listedMetadata(ks: f.alice) == 1)
      #expect(
        errorCode(try await h.call("metadata_metadata", "get", [("id", metadataId)], ks: bob)) == "METADATA_NOT_FOUND")
      #expect(
        errorCode(try await h.call("metadata_metadata", "delete", [("id", metadataId)], ks: bob))
          == "METADATA_NOT_FOUND")
      let update = try await h.call(
        "metadata_metadata", "update",
        [("id", metadataId), ("xmlData", "<metadata><Title>U</Title></metadata>")],
        ks: KSPrivilegeTests.userKS(h, "bob", "list:*"))
      #expect(errorCode(update) == "INVALID_KS", "\(update)")

      let category = try await h.call(
        "category", "add", [("category[objectType]", "KalturaCategory"), ("category[name]", "News")], ks: admin)
      let categoryId = try #require(category["id"]?.displayText, "\(category)")
      let link = [("categoryEntry[entryId]", f.entryId), ("categoryEntry[categoryId]", categoryId)]
      #expect(errorCode(try await h.call("categoryEntry", "add", link, ks: bob)) == "INVALID_KS")
      #expect(errorCode(try await h.call("categoryEntry", "add", link, ks: f.alice)) == nil)
      func links(ks: String) async throws -> Int? {
        try await h.call("categoryEntry", "list", [("filter[entryIdEqual]", f.entryId)], ks: ks)["totalCount"]?
          .intValue
      }
      #expect(try await links(ks: bob) == 0)
      #expect(try await links(ks: f.alice) == 1)
      let unlink = [("entryId", f.entryId), ("categoryId", categoryId)]
      #expect(errorCode(try await h.call("categoryEntry", "delete", unlink, ks: bob)) == "INVALID_KS")
      #expect(
        try await h.call("categoryEntry", "delete", unlink, ks: KSPrivilegeTests.userKS(h, "bob", "edit:\(f.entryId)"))
          == .null)
      #expect(try await links(ks: f.alice) == 0)
    }
  }

  @Test(
    "generic services whose objects carry an entryId follow the entry's rules",
    arguments: [
      ("attachment_attachmentasset", "attachmentAsset", "KalturaAttachmentAsset", "attachmentAssetId"),
      ("flavorasset", "flavorAsset", "KalturaFlavorAsset", "id"),
    ])
  func genericEntryBoundObjectsFollowTheEntry(service: String, object: String, className: String, key: String)
    async throws
  {
    try await Harness.with { h in
      let f = try await Fixture(h)
      let bob = KSPrivilegeTests.userKS(h, "bob")
      let add = [("entryId", f.entryId), ("\(object)[objectType]", className)]
      #expect(errorCode(try await h.call(service, "add", add, ks: bob)) == "INVALID_KS", "\(service).add")
      let added = try await h.call(service, "add", add, ks: f.alice)
      let id = try #require(added["id"]?.stringValue, "\(service): \(added)")
      let missing = errorCode(try await h.call(service, "get", [(key, "0_nonexist")], ks: bob))
      #expect(missing != nil)
      #expect(errorCode(try await h.call(service, "get", [(key, id)], ks: bob)) == missing, "\(service).get")
      #expect(errorCode(try await h.call(service, "delete", [(key, id)], ks: bob)) == missing, "\(service).delete")
      #expect(try await f.listed(service, ks: bob) == [], "\(service).list")
      let editor = KSPrivilegeTests.userKS(h, "bob", "edit:\(f.entryId)")
      #expect(try await h.call(service, "get", [(key, id)], ks: editor)["id"]?.stringValue == id, "\(service).get")
      #expect(try await f.listed(service, ks: editor) == [id], "\(service).list")
      #expect(try await h.call(service, "delete", [(key, id)], ks: editor) == .null, "\(service).delete")
      #expect(try await f.listed(service, ks: f.alice) == [])
    }
  }
}
