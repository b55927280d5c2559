import AsyncHTTPClient
import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// The generic engine: stateful CRUD for services no family owns, Kaltura's check order, and
/// honest synthesized replies for the rest.
@Suite struct GenericCRUDTests {
  @Test func aCuePointIsAddedReadListedUpdatedAndDeleted() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let added = try await h.call(
        "cuepoint_cuepoint", "add",
        [
          ("cuePoint[objectType]", "KalturaAdCuePoint"), ("cuePoint[entryId]", "0_abcdefgh"),
          ("cuePoint[startTime]", "1500"), ("cuePoint[protocolType]", "1"), ("cuePoint[title]", "pre-roll"),
        ], ks: ks)
      #expect(added["objectType"]?.stringValue == "KalturaAdCuePoint", "\(added)")
      let id = try #require(added["id"]?.stringValue)
      #expect(id.hasPrefix("0_") && id.count == 10)
      #expect(added["startTime"]?.intValue == 1500)
      #expect(added["partnerId"]?.intValue == h.server.partnerID)
      #expect(added["createdAt"]?.intValue != nil && added["status"] != nil)

      let got = try await h.call("cuepoint_cuepoint", "get", [("id", id)], ks: ks)
      #expect(got == added)
      let listed = try await h.call("cuepoint_cuepoint", "list", [("filter[idEqual]", id)], ks: ks)
      #expect(listed["totalCount"]?.intValue == 1)
      #expect(listed["objectType"]?.stringValue == "KalturaCuePointListResponse")
      let updated = try await h.call(
        "cuepoint_cuepoint", "update",
        [("id", id), ("cuePoint[objectType]", "KalturaAdCuePoint"), ("cuePoint[title]", "mid-roll")], ks: ks)
      #expect(updated["title"]?.stringValue == "mid-roll")
      let readOnly = try await h.call(
        "cuepoint_cuepoint", "update", [("id", id), ("cuePoint[createdAt]", "5")], ks: ks)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
      let insertOnly = try await h.call(
        "cuepoint_cuepoint", "update", [("id", id), ("cuePoint[entryId]", "0_other")], ks: ks)
      #expect(errorCode(insertOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
      #expect(try await h.call("cuepoint_cuepoint", "delete", [("id", id)], ks: ks).isNull)
      let gone = try await h.call("cuepoint_cuepoint", "get", [("id", id)], ks: ks)
      #expect(
        errorCode(gone) == "INVALID_CUE_POINT_ID" || errorCode(gone) == "CUE_POINT_ID_NOT_FOUND"
          || errorCode(gone) == "INVALID_OBJECT_ID", "\(gone)")
    }
  }

  @Test func abstractClassesAndBadEnumsAreRefusedWithKalturasCodes() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let abstract = try await h.call("cuepoint_cuepoint", "add", [("cuePoint[entryId]", "0_x")], ks: ks)
      #expect(errorCode(abstract) == "OBJECT_TYPE_ABSTRACT")
      let badEnum = try await h.call(
        "cuepoint_cuepoint", "add",
        [("cuePoint[objectType]", "KalturaAdCuePoint"), ("cuePoint[protocolType]", "77")], ks: ks)
      #expect(errorCode(badEnum) == "INVALID_ENUM_VALUE")
      // Integer ids where the class says so.
      let profile = try await h.call(
        "accesscontrolprofile", "add", [("accessControlProfile[name]", "strict")], ks: ks)
      #expect(profile["id"]?.intValue != nil, "\(profile)")
    }
  }

  @Test func mandatoryParametersAreCheckedBeforeTheKS() async throws {
    try await Harness.with { h in
      let noKSNoEntry = try await h.call("media", "get", [])
      #expect(errorCode(noKSNoEntry) == "MISSING_MANDATORY_PARAMETER")
      let noKS = try await h.call("media", "get", [("entryId", "0_abc")])
      #expect(errorCode(noKS) == "SERVICE_FORBIDDEN")
      let badKS = try await h.call("cuepoint_cuepoint", "get", [], ks: "garbage")
      #expect(errorCode(badKS) == "MISSING_MANDATORY_PARAMETER")
    }
  }

  @Test func anUnmodelledActionIsSynthesizedAndSaysSo() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let query = FormEncoding.encode([("format", "1"), ("ks", ks), ("entryId", "0_abc")])
      var request = HTTPClientRequest(url: h.server.baseURL + "/service/media/action/approve?" + query)
      request.method = .POST
      let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
      let body = try await response.body.collect(upTo: 1 << 20)
      #expect(response.headers["X-Sandbox-Synthesized"].first == "true")
      let reply = try JSONValue(parsing: Array(body.readableBytesView))
      #expect(reply.isNull || reply["objectType"] != nil, "\(reply)")
      let log = try String(contentsOfFile: h.dataDirectory + "/sandbox.log", encoding: .utf8)
      #expect(log.contains("synthesized media.approve"))
      // A list reply of the declared class, empty.
      let flavors = try await h.call("flavorasset", "getflavorassetswithparams", [("entryId", "0_abc")], ks: ks)
      #expect(flavors.arrayValue == [] || flavors["objectType"] != nil, "\(flavors)")
      // Parameters are still checked against the spec.
      let badEnum = try await h.call("media", "approve", [("entryId", "0_a")], ks: ks)
      #expect(errorCode(badEnum) == nil)
    }
  }
}
