import AsyncHTTPClient
import Foundation
import JSONValue
import Testing

@testable import Sandbox

/// The player's embed script is served by the sandbox itself (demo pages play offline), and
/// content answers byte ranges as a `<video>` asks for them when it seeks.
@Suite struct PlayerStandInTests {
  @Test func embedScriptDefinesKWidgetPlayingTheEntryFromTheSandbox() async throws {
    try await Harness.with { h in
      let partner = h.server.partnerID
      let script = try await get(
        h.origin + "/p/\(partner)/sp/\(partner)00/embedIframeJs/uiconf_id/23448200/partner_id/\(partner)")
      #expect(script.status == 200)
      #expect(script.headers["content-type"] == "application/javascript; charset=utf-8")
      let text = String(decoding: script.body, as: UTF8.self)
      #expect(text.contains("window.kWidget.embed = embed"))
      #expect(text.contains("window.kWidget.thumbEmbed = embed"))
      #expect(text.contains("var origin = \"\(h.origin)\";"))
      #expect(text.contains("var partnerId = \(partner);"))
      #expect(text.contains("/playManifest/entryId/"))
      #expect(text.contains("data-ready-state"))
      // Not an embed path: still the content route's 404, not a script.
      let other = try await get(h.origin + "/p/\(partner)/sp/\(partner)00/notAPlayer/x/y")
      #expect(other.status == 404)
    }
  }

  @Test func contentAnswersRangesWith206AndOutOfRangeWith416() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      let content = bytes(3000, seed: 5)
      let token = try #require(
        try await h.call("uploadToken", "add", [("uploadToken:fileName", "c.mp4")], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: token, data: content, resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      let entry = try #require(try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      _ = try await h.call(
        "media", "addContent",
        [("entryId", entry), ("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", token)],
        ks: ks)
      let ready = try await h.waitUntilReady(entry, ks: ks)
      let url = try #require(ready["dataUrl"]?.stringValue)

      let first = try await get(url, range: "bytes=0-1")
      #expect(first.status == 206 && first.body == Array(content[0...1]))
      #expect(first.headers["content-range"] == "bytes 0-1/3000")
      #expect(first.headers["accept-ranges"] == "bytes")
      let clipped = try await get(url, range: "bytes=2990-9999")
      #expect(clipped.status == 206 && clipped.body == Array(content[2990...]))
      #expect(clipped.headers["content-range"] == "bytes 2990-2999/3000")
      for beyond in ["bytes=3000-", "bytes=3000-3005", "bytes=-0"] {
        let answer = try await get(url, range: beyond)
        #expect(answer.status == 416, "\(beyond)")
        #expect(answer.headers["content-range"] == "bytes */3000", "\(beyond)")
        #expect(answer.body.isEmpty, "\(beyond)")
      }
      // What a server may ignore is answered with the whole file.
      for ignored in ["bytes=0-1,5-6", "items=0-1", "bytes=9-2", "bytes=x-y"] {
        let answer = try await get(url, range: ignored)
        #expect(answer.status == 200 && answer.body == content, "\(ignored)")
      }
    }
  }

  @Test func rangeHeaderGrammar() {
    #expect(ByteRangeRequest.parse(nil, size: 10) == .whole)
    #expect(ByteRangeRequest.parse("bytes=2-4", size: 10) == .range(2...4))
    #expect(ByteRangeRequest.parse("bytes=8-", size: 10) == .range(8...9))
    #expect(ByteRangeRequest.parse("bytes=-3", size: 10) == .range(7...9))
    #expect(ByteRangeRequest.parse("bytes=-30", size: 10) == .range(0...9))
    #expect(ByteRangeRequest.parse("bytes=10-", size: 10) == .unsatisfiable)
    #expect(ByteRangeRequest.parse("bytes=-0", size: 10) == .unsatisfiable)
    #expect(ByteRangeRequest.parse("bytes=4-2", size: 10) == .whole)
    #expect(ByteRangeRequest.parse("bytes=1-2,4-5", size: 10) == .whole)
  }

  private func get(_ url: String, range: String? = nil) async throws -> (
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
