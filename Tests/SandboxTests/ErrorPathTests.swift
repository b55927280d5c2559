import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// Every error the sandbox raises, with Kaltura's code, arguments and HTTP 200.
@Suite struct ErrorPathTests {
  @Test func sessionAndPermissionErrors() async throws {
    try await Harness.with { h in
      let noPartner = try await h.call("session", "start", [("secret", h.server.adminSecret)])
      #expect(errorCode(noPartner) == "START_SESSION_ERROR")
      #expect(noPartner["args"]?["PID"]?.stringValue == "")
      let userSecretAsAdmin = try await h.call(
        "session", "start",
        [
          ("secret", try #require(try h.server.userSecret(partnerID: h.server.partnerID))),
          ("partnerId", String(h.server.partnerID)), ("type", "2"),
        ])
      #expect(errorCode(userSecretAsAdmin) == "START_SESSION_ERROR")

      let forbidden = try await h.call("media", "list")
      #expect(errorCode(forbidden) == "SERVICE_FORBIDDEN")
      #expect(forbidden["message"]?.stringValue == "The access to service [media->list] is forbidden")

      let ks = try await h.adminKS()
      let otherSecret = try h.server.addPartner(id: 300)
      let otherKS = KalturaKS.generateV2(adminSecret: otherSecret, partnerID: 300, type: .admin)
      let crossPartner = try await h.call("session", "get", [("session", otherKS)], ks: ks)
      #expect(errorCode(crossPartner) == "PARTNER_ACCESS_FORBIDDEN")
      let partner = try await h.call("partner", "get", [("id", "300")], ks: ks)
      #expect(errorCode(partner) == "INVALID_PARTNER_ID")
      #expect(partner["args"]?["PID"]?.stringValue == "300")
    }
  }

  /// A value outside an enum is `INVALID_ENUM_VALUE` naming the value, the parameter and the
  /// enum, as Kaltura's request deserializer answers; never an empty list or another KS type.
  @Test func valuesOutsideAnEnumAreRefused() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let start = [("secret", h.server.adminSecret), ("partnerId", String(h.server.partnerID))]
      let cases: [(reply: JSONValue, value: String, parameter: String, enumType: String)] = [
        (try await h.call("session", "start", start + [("type", "7")]), "7", "type", "KalturaSessionType"),
        (try await h.call("session", "start", start + [("type", "1")]), "1", "type", "KalturaSessionType"),
        (
          try await h.call("media", "list", [("filter:statusEqual", "99")], ks: ks), "99", "statusEqual",
          "KalturaEntryStatus"
        ),
        (
          try await h.call("media", "list", [("filter:statusIn", "2,42")], ks: ks), "42", "statusIn",
          "KalturaEntryStatus"
        ),
        (
          try await h.call("uiConf", "list", [("filter:objTypeEqual", "999")], ks: ks), "999", "objTypeEqual",
          "KalturaUiConfObjType"
        ),
        (
          try await h.call("uploadToken", "list", [("filter:statusEqual", "9")], ks: ks), "9", "statusEqual",
          "KalturaUploadTokenStatus"
        ),
      ]
      for (reply, value, parameter, enumType) in cases {
        #expect(errorCode(reply) == "INVALID_ENUM_VALUE", "\(parameter)=\(value): \(reply.compactText)")
        #expect(reply["args"]?["ENUM_VAL"]?.stringValue == value)
        #expect(reply["args"]?["PARAM_NAME"]?.stringValue == parameter)
        #expect(reply["args"]?["ENUM_TYPE"]?.stringValue == enumType)
      }
      let user = try await h.call("session", "start", start + [("type", "0")])
      #expect(try KalturaKS.parse(try #require(user.stringValue), secret: h.server.adminSecret).type == .user)
      let players = try await h.call("uiConf", "list", [("filter:objTypeIn", "1,8")], ks: ks)
      #expect((players["totalCount"]?.intValue ?? 0) > 0)
    }
  }

  /// A multipart body PHP cannot read is Kaltura's `UPLOAD_ERROR` in an ordinary HTTP 200 reply
  /// in the requested format, not a bare HTTP 400 a client cannot parse.
  @Test func anUnreadableMultipartBodyIsUploadError() async throws {
    try await Harness.with { h in
      let url = h.server.baseURL + "/service/system/action/ping?format=1"
      let noBoundary = try await h.post(url, body: Array("x".utf8), contentType: "multipart/form-data")
      let unterminated = try await h.post(
        url, body: Array("--XX\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{}".utf8),
        contentType: "multipart/form-data; boundary=XX")
      for reply in [noBoundary, unterminated] {
        #expect(reply.status == 200)
        #expect(errorCode(try JSONValue(parsing: reply.body)) == "UPLOAD_ERROR")
      }
      let xml = try await h.post(
        h.server.baseURL + "/service/system/action/ping", body: Array("x".utf8), contentType: "multipart/form-data")
      #expect(String(decoding: xml.body, as: UTF8.self).contains("<error><code>UPLOAD_ERROR</code>"))
    }
  }

  @Test func requestAndParameterErrors() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let format3 = try await h.post(
        h.server.baseURL + "/service/system/action/ping?format=3", body: [],
        contentType: "application/x-www-form-urlencoded")
      #expect(format3.status == 200)
      let text = String(decoding: format3.body, as: UTF8.self)
      #expect(text.contains("<error><code>UNKNOWN_RESPONSE_FORMAT</code>"))
      #expect(text.contains("<name>FORMAT</name><value>3</value>"))

      let noEntry = try await h.call("media", "add", [], ks: ks)
      #expect(errorCode(noEntry) == "MISSING_MANDATORY_PARAMETER")
      #expect(noEntry["args"]?["PARAM_NAME"]?.stringValue == "entry")

      for (service, order) in [("uploadToken", "+name"), ("uiConf", "+plays"), ("baseEntry", "+size")] {
        let reply = try await h.call(service, "list", [("filter:orderBy", order)], ks: ks)
        #expect(errorCode(reply) == "INVALID_ENUM_VALUE", "\(service) orderBy \(order)")
        #expect(reply["args"]?["ENUM_VAL"]?.stringValue == order)
      }
      let tooDeep = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("pager:pageSize", "500"), ("pager:pageIndex", "21")], ks: ks)
      #expect(errorCode(tooDeep) == "QUERY_EXCEEDED_MAX_MATCHES_ALLOWED")
      let lastAllowed = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("pager:pageSize", "500"), ("pager:pageIndex", "20")], ks: ks)
      #expect(errorCode(lastAllowed) == nil)
    }
  }

  @Test func entryAndResourceErrors() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      let abstract = try await h.call(
        "media", "addContent", [("entryId", entryId), ("resource:token", "0_x")], ks: ks)
      #expect(errorCode(abstract) == "OBJECT_TYPE_ABSTRACT")
      #expect(abstract["args"]?["OBJ_TYPE"]?.stringValue == "KalturaResource")
      // A class that is no resource at all is ignored, which leaves the abstract declared type.
      let unrelated = try await h.call(
        "media", "addContent",
        [("entryId", entryId), ("resource:objectType", "KalturaUiConf"), ("resource:token", "0_x")], ks: ks)
      #expect(errorCode(unrelated) == "OBJECT_TYPE_ABSTRACT")
      let urlResource = try await h.call(
        "media", "addContent",
        [("entryId", entryId), ("resource:objectType", "KalturaUrlResource"), ("resource:url", "http://x")], ks: ks)
      #expect(errorCode(urlResource) == "INVALID_OBJECT_TYPE")
      let unknownToken = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"),
          ("resource:token", "0_missing"),
        ], ks: ks)
      #expect(errorCode(unknownToken) == "UPLOAD_TOKEN_NOT_FOUND")
      let unknownEntry = try await h.call(
        "media", "addContent",
        [("entryId", "0_zzzzzzzz"), ("resource:objectType", "KalturaUploadedFileTokenResource")], ks: ks)
      #expect(errorCode(unknownEntry) == "ENTRY_ID_NOT_FOUND")
      #expect(unknownEntry["message"]?.stringValue == "Entry id \"0_zzzzzzzz\" not found")

      // A CLOSED token cannot feed a second entry (the sandbox's deliberate divergence, notes §13).
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: [1], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      let attach: [(String, String)] = [
        ("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", tokenId),
      ]
      #expect(errorCode(try await h.call("media", "addContent", [("entryId", entryId)] + attach, ks: ks)) == nil)
      let second = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      let reused = try await h.call("media", "addContent", [("entryId", second)] + attach, ks: ks)
      #expect(errorCode(reused) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")

      let readOnly = try await h.call("media", "add", [("entry:mediaType", "1"), ("entry:status", "2")], ks: ks)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
      #expect(readOnly["args"]?["PROP_NAME"]?.stringValue == "KalturaMediaEntry::status")
    }
  }

  @Test func uploadErrors() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      // A plain form field where the file part belongs.
      let plain = try await h.call("uploadToken", "upload", [("uploadTokenId", tokenId), ("fileData", "abc")], ks: ks)
      #expect(errorCode(plain) == "UPLOAD_ERROR")

      _ = try await h.upload(token: tokenId, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      // A partial upload left alone longer than Kaltura's 7 days cannot be resumed.
      var stale = try #require(try h.server.core.store.token(id: tokenId))
      stale.updatedAt = unixNow() - UploadEngine.maxResumeSeconds - 60
      try h.server.core.store.updateToken(stale)
      let late = try await h.upload(token: tokenId, data: [3], resume: true, finalChunk: true, resumeAt: 2, ks: ks)
      #expect(errorCode(late) == "UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED")
      #expect(late["args"]?["MAX_RESUME_TIME"]?.stringValue == String(UploadEngine.maxResumeSeconds))
    }
  }
}
