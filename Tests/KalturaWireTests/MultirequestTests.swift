import JSONValue
import Testing

@testable import KalturaWire

@Suite struct MultirequestTests {
  /// The shape the official Python client sends (protocol notes §8.1): keys from "0", `ks`
  /// inside each call, the format top-level, files as `0:fileData`.
  @Test func splitsPythonStyleJsonWithFiles() throws {
    let body =
      #"{"format":"2","clientTag":"python","0":{"service":"uploadtoken","action":"add","ks":"K1","#
      + #""uploadToken":{"objectType":"KalturaUploadToken","fileName":"a"}},"#
      + #""1":{"service":"uploadtoken","action":"upload","uploadTokenId":"{1:result:id}","format":"1"},"#
      + #""2":{"service":"media"},"3":{"service":"media","action":"get"}}"#
    var request = try KalturaRequestDecoder.decode(
      target: "/api_v3/service/multirequest", contentType: "application/json", body: Array(body.utf8))
    request.files = [
      KalturaUploadedFile(name: "1:fileData", filename: "a.bin", data: [1]),
      KalturaUploadedFile(name: "fileData", filename: "top.bin", data: [2]),
    ]
    #expect(request.call.isMultirequest)
    let calls = Multirequest.split(request)
    #expect(calls.count == 2)  // "2" lacks an action, so "3" is never reached
    #expect(calls[0].call.serviceID == "uploadtoken" && calls[0].call.actionID == "add")
    #expect(calls[0].call.ks == "K1")
    #expect(calls[0].call.string("clientTag") == "python")
    #expect(calls[1].call.params["format"] == nil)
    #expect(calls[1].files == [KalturaUploadedFile(name: "fileData", filename: "a.bin", data: [1])])
    #expect(calls[0].files.isEmpty)
  }

  /// Captured from the official Python client 23.10.0: `uploadToken.add` then
  /// `uploadToken.upload({1:result:id}, file)` in one multirequest.
  @Test func decodesACapturedPythonMultirequestWithAFile() throws {
    let boundary = "757ecd1d2f7149b08d32a83dd0521916"
    let body =
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n"
      + #"{"clientTag": "python-26-10-22", "apiVersion": "23.10.0", "format": "2", "#
      + #""0": {"action": "add", "ks": "KSX", "service": "uploadtoken", "#
      + #""uploadToken": {"fileName": "a.bin", "objectType": "KalturaUploadToken"}}, "1": "#
      + #"{"action": "upload", "finalChunk": "True", "ks": "KSX", "resume": "False", "resumeAt": "-1", "#
      + #""service": "uploadtoken", "uploadTokenId": "{1:result:id}"}, "kalsig": "ff4d800145cc4deb957d7b661ef77a52"}"#
      + "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"1:fileData\"; filename=\"/tmp/kpy/a.bin\"\r\n"
      + "Content-Type: application/octet-stream\r\n\r\nhello\r\n--\(boundary)--\r\n"
    let request = try KalturaRequestDecoder.decode(
      target: "/api_v3/service/multirequest", contentType: "multipart/form-data; boundary=\(boundary)",
      body: Array(body.utf8))
    #expect(request.call.isMultirequest && request.call.format == 2)
    let calls = Multirequest.split(request)
    #expect(calls.map(\.call.actionID) == ["add", "upload"])
    #expect(calls[0].files.isEmpty)
    #expect(
      calls[1].files == [
        KalturaUploadedFile(
          name: "fileData", filename: "a.bin", contentType: "application/octet-stream", data: Array("hello".utf8))
      ])
    let resolved = Multirequest.resolveReferences(
      in: calls[1].call.params, results: [.success(["objectType": "KalturaUploadToken", "id": "0_tok"])])
    #expect(resolved["uploadTokenId"] == "0_tok")
    #expect(resolved["resume"].flatMap(KalturaValue.bool) == false)
  }

  @Test func splitsFlatColonFormsAndInheritsTopLevelKS() throws {
    let form = "ks=TOP&1:service=media&1:action=get&1:entryId=0_a&2:service=media&2:action=list&2:ks=OWN"
    let request = try KalturaRequestDecoder.decode(
      target: "/api_v3/?service=multirequest&format=1", contentType: "application/x-www-form-urlencoded",
      body: Array(form.utf8))
    let calls = Multirequest.split(request.call)
    #expect(calls.map(\.actionID) == ["get", "list"])
    #expect(calls.map(\.ks) == ["TOP", "OWN"])
    #expect(calls[0].string("entryId") == "0_a")
    #expect(request.call.format == 1)
  }

  @Test func resolvesReferencesByOrdinalWithPathsEverywhere() {
    let results: [KalturaResult] = [
      .success(["objectType": "KalturaMediaEntry", "id": "0_e", "status": 2, "ok": true]),
      .success(["objects": [["id": "a"], ["id": "b"]], "totalCount": 2]),
      .failure(.entryIDNotFound("0_x")),
      .success("djJ8ks"),
    ]
    let params: JSONObject = JSONObject([
      ("entryId", "{1:result:id}"),
      ("nested", ["resource": ["token": "x{2:result:objects:1:id}y"]]),
      ("all", "{2:result:objects:_all:id}"),
      ("count", "{2:result:totalCount}"),
      ("bool", "{1:result:ok}"),
      ("fromError", "{3:result:id}"),
      ("missing", "{1:result:nope}"),
      ("beyond", "{9:result}"),
      ("whole", "{4:result}"),
      ("untouched", "{x:result}"),
      ("number", 5),
    ])
    let resolved = Multirequest.resolveReferences(in: params, results: results)
    #expect(resolved["entryId"] == "0_e")
    #expect(resolved["nested"] == ["resource": ["token": "xby"]])
    #expect(resolved["all"] == "a,b,")
    #expect(resolved["count"] == "2")
    #expect(resolved["bool"] == "1")
    #expect(resolved["fromError"] == "")
    #expect(resolved["missing"] == "")
    #expect(resolved["beyond"] == "")
    #expect(resolved["whole"] == "djJ8ks")
    #expect(resolved["untouched"] == "{x:result}")
    #expect(resolved["number"] == 5)
  }

  @Test func resolvesAgainstPlainValuesTreatingExceptionsAsErrors() {
    let resolved = Multirequest.resolveReferences(
      in: JSONObject([("a", "{1:result:code}"), ("b", "{2:result:id}")]),
      results: [KalturaAPIError.missingKS.json, ["id": "0_b"]])
    #expect(resolved["a"] == "")
    #expect(resolved["b"] == "0_b")
  }

  @Test func builderMultirequestRoundTripsThroughTheDecoder() throws {
    let spec = KalturaRequestBuilder.multirequest(
      serviceURL: "http://127.0.0.1:1/api_v3/",
      calls: [
        KalturaCall(
          service: "media", action: "add", params: JSONObject([("entry", ["objectType": "KalturaMediaEntry"])])),
        KalturaCall(service: "media", action: "get", params: JSONObject([("entryId", "{1:result:id}")])),
      ], ks: "K")
    #expect(spec.url == "http://127.0.0.1:1/api_v3/service/multirequest")
    guard case .json(let body) = spec.body else {
      Issue.record("expected a JSON body")
      return
    }
    let request = try KalturaRequestDecoder.decode(
      target: "/api_v3/service/multirequest", contentType: spec.headers["Content-Type"], body: body.utf8Bytes)
    let calls = Multirequest.split(request.call)
    #expect(calls.map(\.actionID) == ["add", "get"])
    #expect(calls.allSatisfy { $0.ks == "K" })
    #expect(request.call.format == 1)
  }
}

@Suite struct MultirequestKeyTests {
  @Test func keyedSplitReportsTheWireKeys() {
    let fromZero = KalturaCall(
      service: "multirequest", action: "",
      params: JSONObject([("0", ["service": "a", "action": "b"]), ("1", ["service": "c", "action": "d"])]))
    #expect(Multirequest.keyedSplit(fromZero).map(\.key) == ["0", "1"])
    let fromOne = KalturaCall(
      service: "multirequest", action: "", params: JSONObject([("1", ["service": "a", "action": "b"])]))
    #expect(Multirequest.keyedSplit(fromOne).map(\.key) == ["1"])
    #expect(Multirequest.fileName("1:fileData", forKey: "1") == "fileData")
    #expect(Multirequest.fileName("10:fileData", forKey: "1") == nil)
  }
}
