import Foundation
import JSONValue
import KalturaWire
import Testing

/// Live streams and external media are entries: `baseEntry.get/list` find them as their own
/// class and type, and their own services read and write the same entries.
@Suite struct TypedEntriesTests {
  static func addLive(_ h: Harness, ks: String, name: String) async throws -> String {
    let added = try await h.call(
      "liveStream", "add",
      [
        ("liveStreamEntry[objectType]", "KalturaLiveStreamEntry"), ("liveStreamEntry[name]", name),
        ("liveStreamEntry[mediaType]", "201"), ("sourceType", "32"),
      ], ks: ks)
    return try #require(added["id"]?.stringValue, "\(added)")
  }

  static func addYouTube(_ h: Harness, ks: String, reference: String) async throws -> JSONValue {
    try await h.call(
      "externalmedia_externalmedia", "add",
      [
        ("entry[objectType]", "KalturaExternalMediaEntry"), ("entry[externalSourceType]", "YouTube"),
        ("entry[referenceId]", reference), ("entry[name]", "Clip"),
      ], ks: ks)
  }

  @Test("baseEntry.get answers a live stream and a YouTube entry as their own classes, READY")
  func baseEntryGetFindsThem() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let live = try await Self.addLive(h, ks: ks, name: "Town hall")
      let youTube = try #require(try await Self.addYouTube(h, ks: ks, reference: "dQw4w9WgXcQ")["id"]?.stringValue)

      let liveEntry = try await h.call("baseEntry", "get", [("entryId", live)], ks: ks)
      #expect(liveEntry["objectType"] == "KalturaLiveStreamEntry", "\(liveEntry)")
      #expect(liveEntry["type"] == .int(7) && liveEntry["mediaType"] == .int(201) && liveEntry["status"] == .int(2))
      #expect(liveEntry["name"] == "Town hall" && liveEntry["userId"] == "admin")
      #expect(liveEntry["streamName"]?.stringValue == "\(live)_1", "the ingest points are the entry's")
      #expect(liveEntry["sourceType"] == "32")

      let external = try await h.call("baseEntry", "get", [("entryId", youTube)], ks: ks)
      #expect(external["objectType"] == "KalturaExternalMediaEntry", "\(external)")
      #expect(external["type"] == "externalMedia.externalMedia" && external["status"] == .int(2))
      #expect(external["externalSourceType"] == "YouTube" && external["referenceId"] == "dQw4w9WgXcQ")
      #expect(external["thumbnailUrl"] == "https://img.youtube.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
      #expect(external["downloadUrl"] == nil, "nothing stored here to download")

      // media.get sees media clips only, as Kaltura's media service does.
      #expect(errorCode(try await h.call("media", "get", [("entryId", live)], ks: ks)) == "ENTRY_ID_NOT_FOUND")
      // Each service reads only its own type.
      let crossed = try await h.call("liveStream", "get", [("entryId", youTube)], ks: ks)
      #expect(errorCode(crossed) == "ENTRY_ID_NOT_FOUND")
    }
  }

  @Test("baseEntry.list lists them with media clips and filters them by type")
  func baseEntryListFindsThem() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let live = try await Self.addLive(h, ks: ks, name: "Live")
      let youTube = try #require(try await Self.addYouTube(h, ks: ks, reference: "abc")["id"]?.stringValue)
      let clip = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      func ids(_ service: String, _ filter: [(String, String)]) async throws -> Set<String> {
        let reply = try await h.call(service, "list", filter, ks: ks)
        #expect(errorCode(reply) == nil, "\(reply)")
        return Set(reply["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
      }
      // READY entries by default: the clip without content is left out.
      #expect(try await ids("baseEntry", []) == [live, youTube])
      #expect(try await ids("baseEntry", [("filter:statusIn", "2,7")]) == [live, youTube, clip])
      #expect(try await ids("baseEntry", [("filter:typeEqual", "7")]) == [live])
      #expect(try await ids("baseEntry", [("filter:typeIn", "1,7"), ("filter:statusIn", "2,7")]) == [live, clip])
      #expect(try await ids("baseEntry", [("filter:typeEqual", "externalMedia.externalMedia")]) == [youTube])
      #expect(try await ids("baseEntry", [("filter:typeIn", "7,externalMedia.externalMedia")]) == [live, youTube])
      #expect(try await ids("liveStream", []) == [live])
      #expect(try await ids("externalmedia_externalmedia", []) == [youTube])
      #expect(try await ids("media", [("filter:statusIn", "2,7")]) == [clip])
      let listed = try await h.call("liveStream", "list", [], ks: ks)
      #expect(listed["objectType"] == "KalturaLiveStreamListResponse")
      #expect(listed["objects"]?[0]?["objectType"] == "KalturaLiveStreamEntry")
    }
  }

  @Test("update and delete through their services change what baseEntry answers")
  func updateAndDeleteAreTheEntrys() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let live = try await Self.addLive(h, ks: ks, name: "Before")
      let renamed = try await h.call(
        "liveStream", "update", [("entryId", live), ("liveStreamEntry[name]", "After")], ks: ks)
      #expect(renamed["name"] == "After" && renamed["streamName"]?.stringValue == "\(live)_1", "\(renamed)")
      #expect(try await h.call("baseEntry", "get", [("entryId", live)], ks: ks)["name"] == "After")
      let insertOnly = try await h.call(
        "liveStream", "update", [("entryId", live), ("liveStreamEntry[mediaType]", "1")], ks: ks)
      #expect(errorCode(insertOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE", "\(insertOnly)")
      #expect(try await h.call("liveStream", "delete", [("entryId", live)], ks: ks) == .null)
      let gone = try await h.call("baseEntry", "get", [("entryId", live)], ks: ks)
      #expect(errorCode(gone) == "ENTRY_ID_NOT_FOUND")

      let youTube = try #require(try await Self.addYouTube(h, ks: ks, reference: "xyz")["id"]?.stringValue)
      #expect(try await h.call("externalmedia_externalmedia", "delete", [("id", youTube)], ks: ks) == .null)
      #expect(errorCode(try await h.call("baseEntry", "get", [("entryId", youTube)], ks: ks)) == "ENTRY_ID_NOT_FOUND")
    }
  }

  @Test("a refused add leaves no entry behind; a USER KS owns the live stream it adds")
  func refusedAddsAndOwnership() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let missing = try await h.call(
        "externalmedia_externalmedia", "add",
        [("entry[objectType]", "KalturaExternalMediaEntry"), ("entry[externalSourceType]", "YouTube")], ks: ks)
      #expect(errorCode(missing) == "PROPERTY_VALIDATION_CANNOT_BE_NULL")
      let everything = try await h.call("baseEntry", "list", [("filter:statusIn", "-1,0,1,2,3,4,7")], ks: ks)
      #expect(everything["totalCount"] == .int(0), "\(everything)")

      let alice = KSPrivilegeTests.userKS(h, "alice")
      let live = try await Self.addLive(h, ks: alice, name: "Alice live")
      #expect(try await h.call("baseEntry", "get", [("entryId", live)], ks: alice)["userId"] == "alice")
      let bob = KSPrivilegeTests.userKS(h, "bob")
      #expect(errorCode(try await h.call("liveStream", "get", [("entryId", live)], ks: bob)) == "ENTRY_ID_NOT_FOUND")
      let denied = try await h.call("liveStream", "delete", [("entryId", live)], ks: bob)
      #expect(errorCode(denied) == "INVALID_KS")
    }
  }
}
