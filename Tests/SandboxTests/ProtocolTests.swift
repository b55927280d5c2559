import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

@Suite struct ProtocolTests {
  @Test func xmlIsTheDefaultFormat() async throws {
    try await Harness.with { h in
      let reply = try await h.post(
        h.server.baseURL + "/service/system/action/ping", body: [], contentType: "application/x-www-form-urlencoded")
      let text = String(decoding: reply.body, as: UTF8.self)
      #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>1</result><executionTime>"))
      #expect(text.hasSuffix("</executionTime></xml>"))

      let ks = try await h.adminKS()
      let xml = try await h.callJSON(
        "/service/media/action/get", ["entryId": "0_nope", "ks": .string(ks), "format": "2"])
      let error = String(decoding: xml.body, as: UTF8.self)
      #expect(
        error.contains(
          "<result><error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id &quot;0_nope&quot; not found</message>"
            + "<objectType>KalturaAPIException</objectType><args><item><objectType>KalturaApiExceptionArg"
            + "</objectType><name>ENTRY_ID</name><value>0_nope</value></item></args></error></result>"))

      let token = try await h.callJSON(
        "/service/uploadtoken/action/add",
        ["ks": .string(ks), "uploadToken": ["objectType": "KalturaUploadToken", "fileName": "x & y.mp4"]])
      let tokenXML = String(decoding: token.body, as: UTF8.self)
      #expect(tokenXML.contains("<result><objectType>KalturaUploadToken</objectType><id>0_"))
      #expect(tokenXML.contains("<fileName>x &amp; y.mp4</fileName>"))
    }
  }

  @Test func urlFormsBodiesAndCaseAreAllAccepted() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      // Form B with a query string, a doubled slash and an odd-cased service name.
      let formB = try await h.post(
        h.origin + "//api_v3/?service=UPLOADTOKEN&action=List&format=1&ks=\(ks)", body: [],
        contentType: "application/x-www-form-urlencoded")
      #expect((try JSONValue(parsing: formB.body))["objectType"]?.stringValue == "KalturaUploadTokenListResponse")
      // Parameters as /key/value path pairs.
      let pathPairs = try await h.get(h.server.baseURL + "/service/system/action/ping/format/1")
      #expect(String(decoding: pathPairs.body, as: UTF8.self) == "true")
      // Python-client style JSON body with every scalar a string.
      let entry = try await h.callJSON(
        "/service/media/action/add",
        [
          "format": "1", "ks": .string(ks),
          "entry": ["objectType": "KalturaMediaEntry", "name": "json", "mediaType": "5", "description__null": ""],
        ])
      let parsed = try JSONValue(parsing: entry.body)
      #expect(parsed["mediaType"]?.intValue == 5)
      #expect(parsed["name"]?.stringValue == "json")
      let badEnum = try await h.call("media", "add", [("entry[mediaType]", "42")], ks: ks)
      #expect(errorCode(badEnum) == "INVALID_ENUM_VALUE")
    }
  }

  @Test func unknownServicesAndActionsAnswerKalturasErrors() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      // Only what the OVP spec lacks is unknown: every spec operation is answered.
      let service = try await h.call("nosuchservice", "list", [], ks: ks)
      #expect(errorCode(service) == "SERVICE_DOES_NOT_EXISTS")
      let action = try await h.call("media", "fly", [], ks: ks)
      #expect(errorCode(action) == "ACTION_DOES_NOT_EXISTS")
      let unmodelled = try await h.call("media", "approve", [], ks: ks)
      #expect(errorCode(unmodelled) == "MISSING_MANDATORY_PARAMETER", "checked against the spec")
      let missing = try await h.call("media", "get", [], ks: ks)
      #expect(errorCode(missing) == "MISSING_MANDATORY_PARAMETER")
      let order = try await h.call("media", "list", [("filter:orderBy", "+sideways")], ks: ks)
      #expect(errorCode(order) == "INVALID_ENUM_VALUE")
    }
  }

  @Test func multirequestResolvesBackReferencesAndKeepsErrorsInPlace() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let reply = try await h.callJSON(
        "/service/multirequest",
        [
          "format": "1",
          "0": ["service": "uploadtoken", "action": "add", "ks": .string(ks)],
          "1": ["service": "uploadtoken", "action": "get", "ks": .string(ks), "uploadTokenId": "{1:result:id}"],
          "2": ["service": "media", "action": "get", "ks": .string(ks), "entryId": "0_nope"],
        ])
      let items = try #require(try JSONValue(parsing: reply.body).arrayValue)
      #expect(items.count == 3)
      #expect(items[1]["id"] == items[0]["id"])
      #expect(errorCode(items[2]) == "ENTRY_ID_NOT_FOUND")

      let xml = try await h.callJSON(
        "/service/multirequest",
        [
          "ks": .string(ks), "1": ["service": "system", "action": "ping"], "2": ["service": "media", "action": "nope"],
        ])
      let text = String(decoding: xml.body, as: UTF8.self)
      #expect(text.contains("<result><item>1</item><item><error><code>ACTION_DOES_NOT_EXISTS</code>"))
    }
  }

  @Test func multirequestUploadsAFilePartOfItsSubCall() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let params: JSONValue = [
        "format": "1", "ks": .string(ks),
        "1": ["service": "uploadtoken", "action": "add"],
        "2": ["service": "uploadtoken", "action": "upload", "uploadTokenId": "{1:result:id}"],
      ]
      let boundary = "mr-boundary"
      var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n".utf8)
      body += params.utf8Bytes
      body += Array(
        "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"2:fileData\"; filename=\"/a/b/c.mp4\"".utf8)
      body += Array("\r\n\r\nhello\r\n--\(boundary)--\r\n".utf8)
      let reply = try await h.post(
        h.server.baseURL + "/service/multirequest", body: body, contentType: "multipart/form-data; boundary=\(boundary)"
      )
      let items = try #require(try JSONValue(parsing: reply.body).arrayValue)
      #expect(items.count == 2)
      #expect(items[1]["status"]?.intValue == 2)
      #expect(items[1]["uploadedFileSize"]?.intValue == 5)
      #expect(items[1]["fileName"]?.stringValue == "c.mp4")
    }
  }

  @Test func entryListFiltersOrderAndPager() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      var ids: [String] = []
      for (name, type) in [("alpha", "1"), ("beta", "5"), ("gamma", "1")] {
        let entry = try await h.call("media", "add", [("entry:name", name), ("entry:mediaType", type)], ks: ks)
        ids.append(try #require(entry["id"]?.stringValue))
      }
      let all = try await h.call("media", "list", [("filter:statusEqual", "7"), ("filter:orderBy", "+name")], ks: ks)
      #expect(all["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["alpha", "beta", "gamma"])
      let audio = try await h.call("media", "list", [("filter:statusIn", "7"), ("filter:mediaTypeEqual", "5")], ks: ks)
      #expect(audio["objects"]?[0]?["name"]?.stringValue == "beta")
      let like = try await h.call("media", "list", [("filter:statusIn", "7"), ("filter:nameLike", "amm")], ks: ks)
      #expect(like["totalCount"]?.intValue == 1)
      let idIn = try await h.call(
        "baseEntry", "list", [("filter:statusIn", "7"), ("filter:idIn", "\(ids[0]),\(ids[2])")], ks: ks)
      #expect(idIn["totalCount"]?.intValue == 2)
      #expect(idIn["objectType"]?.stringValue == "KalturaBaseEntryListResponse")
      let byId = try await h.call("media", "list", [("filter:idEqual", ids[1])], ks: ks)
      #expect(byId["totalCount"]?.intValue == 1, "idEqual lifts the READY-only default")
      let page = try await h.call(
        "media", "list",
        [("filter:statusIn", "7"), ("filter:orderBy", "-name"), ("pager:pageSize", "1"), ("pager:pageIndex", "2")],
        ks: ks)
      #expect(page["objects"]?[0]?["name"]?.stringValue == "beta")
      #expect(page["totalCount"]?.intValue == 3)
      let updated = try await h.call(
        "media", "update", [("entryId", ids[0]), ("mediaEntry:name", "renamed"), ("mediaEntry:tags", "t1")], ks: ks)
      #expect(updated["name"]?.stringValue == "renamed")
      let notUpdatable = try await h.call(
        "media", "update", [("entryId", ids[0]), ("mediaEntry:mediaType", "2")], ks: ks)
      #expect(errorCode(notUpdatable) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
    }
  }

  @Test func playersPartnerAndOpenAPIDocument() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let players = try await h.call("uiConf", "list", [("filter:objTypeEqual", "1")], ks: ks)
      let objects = try #require(players["objects"]?.arrayValue)
      #expect(objects.count >= 2)
      #expect(objects.allSatisfy { $0["objType"]?.intValue == 1 })
      let id = try #require(objects.first?["id"]?.intValue)
      #expect(try await h.call("uiConf", "get", [("id", String(id))], ks: ks)["id"]?.intValue == id)
      #expect(errorCode(try await h.call("uiConf", "get", [("id", "1")], ks: ks)) == "INVALID_UI_CONF_ID")
      let partner = try await h.call("partner", "get", [("id", String(h.server.partnerID))], ks: ks)
      #expect(partner["id"]?.intValue == h.server.partnerID)

      let document = try JSONValue(parsing: try await h.get(h.server.baseURL + "/openapi.json").body)
      #expect(document["swagger"]?.stringValue == "2.0")
    }
  }
}
