import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// Thumbnail assets over HTTP: content from a token or a URL, the default one served as the
/// entry's thumbnail, served and linked, listed by entry, deleted; only images are taken.
@Suite struct ThumbAssetTests {
  /// A finished upload token holding `content`.
  private func token(_ h: Harness, _ content: [UInt8], ks: String) async throws -> String {
    let token = try #require(try await h.call("uploadtoken", "add", [], ks: ks)["id"]?.stringValue)
    _ = try await h.upload(token: token, data: content, resume: false, finalChunk: true, resumeAt: 0, ks: ks)
    return token
  }

  @Test func aDefaultThumbAssetIsWhatTheEntrysThumbnailServes() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entry = try await h.mediaEntry(ks: ks)
      let entryId = try #require(entry["id"]?.stringValue)
      let thumbnailUrl = try #require(entry["thumbnailUrl"]?.stringValue)
      let unknownEntry = try await h.call(
        "thumbasset", "add", [("entryId", "0_nonexist"), ("thumbAsset[objectType]", "KalturaThumbAsset")], ks: ks)
      #expect(errorCode(unknownEntry) == "ENTRY_ID_NOT_FOUND", "\(unknownEntry)")
      let asset = try await h.call("thumbasset", "add", [("entryId", entryId), ("thumbAsset[tags]", "cover")], ks: ks)
      let id = try #require(asset["id"]?.stringValue, "\(asset)")
      #expect(asset["status"] == .int(0), "QUEUED until it has content")
      #expect(errorCode(try await h.call("thumbasset", "getUrl", [("id", id)], ks: ks)) == "THUMB_ASSET_IS_NOT_READY")

      let notImage = try await h.call(
        "thumbasset", "setContent",
        [
          ("id", id), ("contentResource[objectType]", "KalturaUploadedFileTokenResource"),
          ("contentResource[token]", try await token(h, Array("not an image".utf8), ks: ks)),
        ], ks: ks)
      #expect(errorCode(notImage) == "SANDBOX_THUMB_NOT_AN_IMAGE", "\(notImage)")

      let png = PNGImage.gradient(width: 7, height: 5, seed: "cover")
      let set = try await h.call(
        "thumbasset", "setContent",
        [
          ("id", id), ("contentResource[objectType]", "KalturaUploadedFileTokenResource"),
          ("contentResource[token]", try await token(h, png, ks: ks)),
        ], ks: ks)
      #expect(set["status"] == .int(2), "\(set)")
      #expect(set["width"] == .int(7) && set["height"] == .int(5) && set["fileExt"] == "png")
      #expect(set["size"] == .int(png.count))

      let before = try await h.get(thumbnailUrl)
      #expect(before.body != png, "not the default yet: the generated image")
      #expect(try await h.call("thumbasset", "setAsDefault", [("thumbAssetId", id)], ks: ks) == .null)
      #expect(try await h.get(thumbnailUrl).body == png, "the entry's thumbnailUrl serves the default asset")
      let got = try await h.call("thumbasset", "get", [("thumbAssetId", id)], ks: ks)
      #expect(got["tags"] == "cover,default_thumb", "\(got)")

      let served = try await h.get(
        "\(h.server.baseURL)/service/thumbasset/action/serve?thumbAssetId=\(id)&ks=\(ks)")
      #expect(served.body == png)
      let url = try #require(try await h.call("thumbasset", "getUrl", [("id", id)], ks: ks).stringValue)
      #expect(try await h.get(url).body == png, "getUrl links the asset's image: \(url)")

      _ = try await h.call("thumbasset", "delete", [("thumbAssetId", id)], ks: ks)
      let gone = try await h.call("thumbasset", "get", [("thumbAssetId", id)], ks: ks)
      #expect(errorCode(gone) == "THUMB_ASSET_ID_NOT_FOUND", "\(gone)")
      let after = try await h.get(thumbnailUrl)
      #expect(after.status == 200 && after.body != png && after.body.starts(with: PNGImage.signature))
    }
  }

  @Test func contentFromAURLAndListsByEntry() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let first = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      let other = try await h.mediaEntry(ks: ks)
      let otherId = try #require(other["id"]?.stringValue)
      for entryId in [first, first, otherId] {
        _ = try await h.call(
          "thumbasset", "add", [("entryId", entryId), ("thumbAsset[objectType]", "KalturaThumbAsset")], ks: ks)
      }
      let list: (String) async throws -> JSONValue = { entryId in
        try await h.call("thumbasset", "list", [("filter[entryIdEqual]", entryId)], ks: ks)
      }
      #expect(try await list(first)["totalCount"] == .int(2))
      let listed = try await list(otherId)
      #expect(listed["totalCount"] == .int(1))
      let id = try #require(listed["objects"]?[0]?["id"]?.stringValue)
      // An image at a URL: the other entry's generated thumbnail, served by this sandbox.
      let url = "\(h.origin)/p/\(h.server.partnerID)/thumbnail/entry_id/\(first)/width/30/height/20"
      let set = try await h.call(
        "thumbasset", "setContent",
        [("id", id), ("contentResource[objectType]", "KalturaUrlResource"), ("contentResource[url]", url)], ks: ks)
      #expect(set["status"] == .int(2), "\(set)")
      #expect(set["width"] == .int(30) && set["height"] == .int(20))
      let served = try await h.get(
        "\(h.server.baseURL)/service/thumbasset/action/serve?thumbAssetId=\(id)&ks=\(ks)")
      #expect(served.body == (try await h.get(url)).body)
    }
  }
}
