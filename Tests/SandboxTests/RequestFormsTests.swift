import AsyncHTTPClient
import Foundation
import JSONValue
import KalturaWire
import NIOCore
import Testing

@testable import Sandbox

/// The request shapes of protocol notes §1 (URL forms, body encodings, special keys) and the
/// reply details of §2 (ignoreNull, headers), over HTTP.
@Suite struct RequestFormsTests {
  @Test func getWithQueryAndIndexPhpAndKSAsPathPair() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let viaGet = try await h.get(
        h.origin + "/api_v3/index.php?service=uploadtoken&action=list&format=1&ks=" + FormEncoding.escape(ks))
      #expect(try JSONValue(parsing: viaGet.body)["objectType"]?.stringValue == "KalturaUploadTokenListResponse")
      // A v1 KS carries '+' and '/': in a path pair it is read with rawurldecode, so '+' stays.
      let v1 = KalturaKS.generateV1(adminSecret: h.server.adminSecret, partnerID: h.server.partnerID, type: .admin)
      let escaped = v1.replacingOccurrences(of: "/", with: "%2F")
      let inPath = try await h.get(h.server.baseURL + "/service/uploadtoken/action/list/format/1/ks/" + escaped)
      #expect(errorCode(try JSONValue(parsing: inPath.body)) == nil)
    }
  }

  @Test func jsonNeedsTheExactContentTypeAsOnKaltura() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let body: JSONValue = ["ks": .string(ks), "format": "1"]
      let exact = try await h.post(
        h.server.baseURL + "/service/uploadtoken/action/list", body: body.utf8Bytes, contentType: "application/json")
      #expect(errorCode(try JSONValue(parsing: exact.body)) == nil)
      // With a charset suffix Kaltura ignores the body, so `ks` and `format` are lost: XML error.
      let suffixed = try await h.post(
        h.server.baseURL + "/service/uploadtoken/action/list", body: body.utf8Bytes,
        contentType: "application/json; charset=utf-8")
      #expect(String(decoding: suffixed.body, as: UTF8.self).contains("<code>SERVICE_FORBIDDEN</code>"))
    }
  }

  @Test func multipartWithoutAJsonPartNestsItsFieldsAndTheURLWins() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let boundary = "fields-boundary"
      var body: [UInt8] = []
      for (name, value) in [
        ("entry[name]", "from multipart"), ("entry:mediaType", "5"), ("entry[tags]", "a,b"), ("format", "2"),
        ("ks", ks),
      ] {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
      }
      body += Array("--\(boundary)--\r\n".utf8)
      let reply = try await h.post(
        h.server.baseURL + "/service/media/action/add?format=1", body: body,
        contentType: "multipart/form-data; boundary=\(boundary)")
      let entry = try JSONValue(parsing: reply.body)
      #expect(entry["name"]?.stringValue == "from multipart")
      #expect(entry["mediaType"]?.intValue == 5)
      #expect(entry["tags"]?.stringValue == "a,b")
    }
  }

  @Test func nullMarkersClearFieldsOnUpdate() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entryId = try #require(
        try await h.call(
          "media", "add", [("entry:mediaType", "1"), ("entry:description", "old"), ("entry:referenceId", "r1")],
          ks: ks
        )["id"]?.stringValue)
      let formCleared = try await h.call(
        "media", "update", [("entryId", entryId), ("mediaEntry:description__null", "")], ks: ks)
      #expect(formCleared["description"]?.stringValue == "")
      #expect(formCleared["referenceId"]?.stringValue == "r1")
      let jsonCleared = try await h.callJSON(
        "/service/media/action/update",
        [
          "ks": .string(ks), "format": "1", "entryId": .string(entryId),
          "mediaEntry": ["objectType": "KalturaMediaEntry", "referenceId__null": ""],
        ])
      #expect(try JSONValue(parsing: jsonCleared.body)["referenceId"] == nil, "null members are left out of JSON")
    }
  }

  @Test func xmlNullsAreEmptyTagsUnlessIgnoreNull() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let plain = try await h.callJSON("/service/uploadtoken/action/add", ["ks": .string(ks)])
      #expect(String(decoding: plain.body, as: UTF8.self).contains("<fileName></fileName>"))
      let trimmed = try await h.callJSON("/service/uploadtoken/action/add", ["ks": .string(ks), "ignoreNull": "1"])
      let text = String(decoding: trimmed.body, as: UTF8.self)
      #expect(!text.contains("<fileName>"))
      #expect(text.contains("<status>0</status>"))
    }
  }

  @Test func headersAndCORSPreflight() async throws {
    try await Harness.with { h in
      var preflight = HTTPClientRequest(url: h.server.baseURL + "/service/media/action/list")
      preflight.method = .OPTIONS
      let response = try await HTTPClient.shared.execute(preflight, timeout: .seconds(30))
      #expect(response.status.code == 200)
      #expect(response.headers.first(name: "Access-Control-Allow-Methods") == "POST, GET, HEAD, OPTIONS")
      #expect(response.headers.first(name: "Access-Control-Allow-Origin") == "*")

      let error = try await HTTPClient.shared.execute(
        HTTPClientRequest(url: h.server.baseURL + "/service/media/action/get?entryId=0_x&format=1"),
        timeout: .seconds(30))
      #expect(error.status.code == 200, "API errors are HTTP 200")
      #expect(error.headers.first(name: "X-Kaltura") == "error-SERVICE_FORBIDDEN")
      #expect(error.headers.first(name: "X-Me") == "recipe-console-sandbox")
      #expect(error.headers.first(name: "X-Kaltura-Session")?.contains(", ") == true)
      #expect(error.headers.first(name: "Content-Type") == "application/json")
      _ = try await error.body.collect(upTo: 1 << 20)
    }
  }

  @Test func relativeTimeFiltersAreCountedFromNow() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      _ = try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)
      let recent = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("filter:createdAtGreaterThanOrEqual", "-3600")], ks: ks)
      #expect(recent["totalCount"]?.intValue == 1)
      let future = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("filter:createdAtGreaterThanOrEqual", "3600")], ks: ks)
      #expect(future["totalCount"]?.intValue == 0)
    }
  }
}
