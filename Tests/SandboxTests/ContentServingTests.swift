import AsyncHTTPClient
import Foundation
import JSONValue
import KalturaWire
import NIOCore
import Testing

@testable import Sandbox

/// `dataUrl` and `downloadUrl` serve the stored file once the entry is READY, and only then.
@Suite struct ContentServingTests {
  @Test func readyEntriesServeWholeFilesAndByteRanges() async throws {
    try await Harness.with(conversionDelay: 0.2) { h in
      let ks = try await h.adminKS()
      let content = bytes(5000, seed: 11)
      let tokenId = try #require(
        try await h.call("uploadToken", "add", [("uploadToken:fileName", "clip.mp4")], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: content, resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      let attached = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"),
          ("resource:token", tokenId),
        ], ks: ks)
      #expect([4, 1, 2].contains(attached["status"]?.intValue ?? -9))
      let ready = try await h.waitUntilReady(entryId, ks: ks)
      let downloadUrl = try #require(ready["downloadUrl"]?.stringValue)
      #expect(downloadUrl.hasPrefix(h.origin + "/p/\(h.server.partnerID)/sp/\(h.server.partnerID)00/playManifest/"))

      let whole = try await fetch(downloadUrl)
      #expect(whole.status == 200 && whole.body == content)
      #expect(whole.headers["content-type"] == "video/mp4")
      #expect(whole.headers["content-disposition"] == "attachment; filename=\"clip.mp4\"")
      let middle = try await fetch(downloadUrl, range: "bytes=10-19")
      #expect(middle.status == 206 && middle.body == Array(content[10...19]))
      #expect(middle.headers["content-range"] == "bytes 10-19/5000")
      let tail = try await fetch(downloadUrl, range: "bytes=-5")
      #expect(tail.body == Array(content[4995...]))
      let open = try await fetch(downloadUrl, range: "bytes=4990-")
      #expect(open.body == Array(content[4990...]))

      // Another partner's path, an unknown entry and a deleted entry are not served.
      let otherPartner = downloadUrl.replacingOccurrences(of: "/p/\(h.server.partnerID)/", with: "/p/999/")
      #expect(try await fetch(otherPartner).status == 404)
      #expect(try await fetch(downloadUrl.replacingOccurrences(of: entryId, with: "0_zzzzzzzz")).status == 404)
      _ = try await h.call("media", "delete", [("entryId", entryId)], ks: ks)
      #expect(try await fetch(downloadUrl).status == 404)
    }
  }

  @Test func imagesAreReadyAtOnce() async throws {
    try await Harness.with(conversionDelay: 60) { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(
        token: tokenId, data: [0x89, 0x50], resume: false, finalChunk: true, resumeAt: -1, ks: ks, fileName: "a.png")
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "2")], ks: ks)["id"]?.stringValue)
      let attached = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"),
          ("resource:token", tokenId),
        ], ks: ks)
      #expect(attached["status"]?.intValue == 2)
      let video = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      let second = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: second, data: [1], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      _ = try await h.call(
        "media", "addContent",
        [
          ("entryId", video), ("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", second),
        ], ks: ks)
      // With a 60 s conversion delay the video is still converting: not READY, not listed.
      let converting = try await h.call("media", "get", [("entryId", video)], ks: ks)
      #expect(converting["status"]?.intValue == 4)
      #expect(converting["downloadUrl"] == nil && converting["dataUrl"] == nil, "no content URL before READY")
      let listed = try await h.call("media", "list", [], ks: ks)
      #expect(listed["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [entryId])
    }
  }

  private func fetch(_ url: String, range: String? = nil) async throws -> (
    status: Int, headers: [String: String], body: [UInt8]
  ) {
    var request = HTTPClientRequest(url: url)
    if let range { request.headers.add(name: "Range", value: range) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 24)
    var headers: [String: String] = [:]
    for header in response.headers { headers[header.name.lowercased()] = header.value }
    return (Int(response.status.code), headers, Array(body.readableBytesView))
  }
}
