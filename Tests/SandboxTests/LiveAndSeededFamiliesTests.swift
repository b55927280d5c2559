import Foundation
import JSONValue
import KalturaWire
import Testing

/// Live streams with their ingest points, YouTube entries, the seeded conversion profile and
/// permissions, and players added with a `config`, over HTTP.
@Suite struct LiveAndSeededFamiliesTests {
  @Test func aLiveStreamGetsItsIngestPoints() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let added = try await h.call(
        "livestream", "add",
        [
          ("liveStreamEntry[objectType]", "KalturaLiveStreamEntry"), ("liveStreamEntry[name]", "Town hall"),
          ("liveStreamEntry[mediaType]", "201"), ("sourceType", "32"),
        ], ks: ks)
      let id = try #require(added["id"]?.stringValue, "\(added)")
      #expect(id.hasPrefix("0_"))
      #expect(added["objectType"] == "KalturaLiveStreamEntry" && added["name"] == "Town hall")
      #expect(added["streamName"]?.stringValue == "\(id)_1")
      #expect(added["primaryBroadcastingUrl"]?.stringValue?.hasPrefix("rtmp://127.0.0.1:1935/kLive/?p=") == true)
      #expect(added["primaryBroadcastingUrl"]?.stringValue?.contains("e=\(id)") == true)
      #expect(added["primarySrtBroadcastingUrl"]?.stringValue?.hasPrefix("srt://") == true)
      #expect(added["streamPassword"]?.stringValue?.count == 8)
      let got = try await h.call("livestream", "get", [("entryId", id)], ks: ks)
      #expect(got["streamName"] == added["streamName"] && got["streamPassword"] == added["streamPassword"])
      let updated = try await h.call(
        "livestream", "update", [("entryId", id), ("liveStreamEntry[name]", "Renamed")], ks: ks)
      #expect(updated["name"] == "Renamed" && updated["streamName"] == added["streamName"], "\(updated)")
      let listed = try await h.call("livestream", "list", [("filter[idEqual]", id)], ks: ks)
      #expect(listed["totalCount"] == .int(1))
      _ = try await h.call("livestream", "delete", [("entryId", id)], ks: ks)
      let gone = try await h.call("livestream", "get", [("entryId", id)], ks: ks)
      #expect(errorCode(gone) == "ENTRY_ID_NOT_FOUND", "\(gone)")
    }
  }

  @Test func aYouTubeEntryIsAnExternalMediaEntry() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let missing = try await h.call(
        "externalmedia_externalmedia", "add",
        [("entry[objectType]", "KalturaExternalMediaEntry"), ("entry[externalSourceType]", "YouTube")], ks: ks)
      #expect(errorCode(missing) == "PROPERTY_VALIDATION_CANNOT_BE_NULL", "\(missing)")
      let added = try await h.call(
        "externalmedia_externalmedia", "add",
        [
          ("entry[objectType]", "KalturaExternalMediaEntry"), ("entry[externalSourceType]", "YouTube"),
          ("entry[referenceId]", "dQw4w9WgXcQ"), ("entry[name]", "Clip"), ("entry[mediaType]", "1"),
        ], ks: ks)
      let id = try #require(added["id"]?.stringValue, "\(added)")
      #expect(added["objectType"] == "KalturaExternalMediaEntry" && added["externalSourceType"] == "YouTube")
      #expect(added["thumbnailUrl"] == "https://img.youtube.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
      let got = try await h.call("externalmedia_externalmedia", "get", [("id", id)], ks: ks)
      #expect(got["referenceId"] == "dQw4w9WgXcQ", "\(got)")
      let listed = try await h.call(
        "externalmedia_externalmedia", "list", [("filter[referenceIdEqual]", "dQw4w9WgXcQ")], ks: ks)
      #expect(listed["totalCount"] == .int(1), "\(listed)")
      let gone = try await h.call("externalmedia_externalmedia", "get", [("id", "0_nonexist")], ks: ks)
      #expect(errorCode(gone) == "ENTRY_ID_NOT_FOUND", "\(gone)")
    }
  }

  @Test func anAccountStartsWithADefaultConversionProfileAndPermissions() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let profile = try await h.call("conversionprofile", "getDefault", [], ks: ks)
      let id = try #require(profile["id"]?.displayText, "\(profile)")
      #expect(profile["objectType"] == "KalturaConversionProfile" && profile["isDefault"]?.displayText == "1")
      #expect(try await h.call("conversionprofile", "get", [("id", id)], ks: ks)["name"] == "Default")
      let profiles = try await h.call("conversionprofile", "list", [], ks: ks)
      #expect(profiles["totalCount"] == .int(1), "\(profiles)")
      let unknown = try await h.call("conversionprofile", "get", [("id", "424242")], ks: ks)
      #expect(errorCode(unknown) == "CONVERSION_PROFILE_ID_NOT_FOUND", "\(unknown)")
      let refused = try await h.call("conversionprofile", "delete", [("id", id)], ks: ks)
      #expect(errorCode(refused) == "CANNOT_DELETE_DEFAULT_CONVERSION_PROFILE")

      let permissions = try await h.call("permission", "list", [("filter[nameEqual]", "KMC_ACCESS")], ks: ks)
      #expect(permissions["totalCount"] == .int(1), "\(permissions)")
      let all = try await h.call("permission", "list", [], ks: ks)
      #expect((all["totalCount"]?.intValue ?? 0) >= 5)
      let kmc = try await h.call("permission", "get", [("permissionName", "KMC_ACCESS")], ks: ks)
      #expect(kmc["objectType"] == "KalturaPermission" && kmc["name"] == "KMC_ACCESS", "\(kmc)")
      let none = try await h.call("permission", "get", [("permissionName", "NO_SUCH")], ks: ks)
      #expect(errorCode(none) == "INVALID_OBJECT_ID", "\(none)")
    }
  }

  @Test func aPlayerAddedWithAConfigAnswersItBack() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let config = #"{"player":{"playback":{"autoplay":true}}}"#
      let added = try await h.call(
        "uiconf", "add",
        [
          ("uiConf[objectType]", "KalturaUiConf"), ("uiConf[name]", "Mine"), ("uiConf[objType]", "1"),
          ("uiConf[config]", config), ("uiConf[tags]", "kalturaPlayerJs,player"),
        ], ks: ks)
      let id = try #require(added["id"]?.displayText, "\(added)")
      #expect(added["config"]?.stringValue == config, "\(added)")
      let got = try await h.call("uiconf", "get", [("id", id)], ks: ks)
      #expect(got["config"]?.stringValue == config && got["name"] == "Mine", "\(got)")
      let listed = try await h.call("uiconf", "list", [("filter[idEqual]", id)], ks: ks)
      #expect(listed["objects"]?[0]?["config"]?.stringValue == config)
      let noType = try await h.call("uiconf", "add", [("uiConf[objectType]", "KalturaUiConf")], ks: ks)
      #expect(errorCode(noType) == "PROPERTY_VALIDATION_CANNOT_BE_NULL", "\(noType)")
    }
  }
}
