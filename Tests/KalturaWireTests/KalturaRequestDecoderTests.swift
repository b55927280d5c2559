import JSONValue
import Testing

@testable import KalturaWire

@Suite struct KalturaRequestDecoderTests {
  func decode(_ target: String, _ contentType: String? = nil, _ body: String = "") throws -> KalturaDecodedRequest {
    try KalturaRequestDecoder.decode(target: target, contentType: contentType, body: Array(body.utf8))
  }

  @Test func pathFormWithExtraPairsAndDoubleSlash() throws {
    let request = try decode("//api_v3/service/uploadToken/action/Get/uploadTokenId/0_a?format=1&ks=Q")
    #expect(request.call.service == "uploadToken")
    #expect(request.call.serviceID == "uploadtoken")
    #expect(request.call.actionID == "get")
    #expect(request.call.string("uploadTokenId") == "0_a")
    #expect(request.call.format == 1)
    #expect(request.call.ks == "Q")
    #expect(request.call.params["service"] == nil)
  }

  @Test func queryFormAndIndexPhp() throws {
    for target in ["/api_v3/?service=media&action=list", "/api_v3/index.php?service=media&action=list"] {
      let call = try decode(target).call
      #expect(call.serviceID == "media" && call.actionID == "list")
      #expect(call.format == nil)
    }
  }

  @Test func urlWinsOverBodyAndPathOverQuery() throws {
    let call = try decode(
      "/api_v3/service/media/action/get/entryId/fromPath?entryId=fromQuery&format=1", "application/json",
      #"{"entryId":"fromBody","ks":"K"}"#
    ).call
    #expect(call.string("entryId") == "fromPath")
    #expect(call.ks == "K")
  }

  @Test func formBodyWithBracketAndColonNesting() throws {
    let body =
      "entry%5BobjectType%5D=KalturaMediaEntry&entry:name=a+b&entry[mediaType]=1&tags[]=x&tags[]=y&format=1"
    let call = try decode("/api_v3/service/media/action/add", "application/x-www-form-urlencoded", body).call
    #expect(
      call.params["entry"]
        == ["objectType": "KalturaMediaEntry", "name": "a b", "mediaType": "1"])
    #expect(call.params["tags"] == ["x", "y"])
    #expect(call.int("format") == 1)
  }

  @Test func nullMarkersAndEmptyArrays() throws {
    let form = try decode(
      "/api_v3/service/media/action/update", "application/x-www-form-urlencoded",
      "mediaEntry:description__null=&mediaEntry:name=n&mediaEntry:tags:-="
    ).call
    #expect(form.params["mediaEntry"] == ["description": nil, "name": "n", "tags": []])
    let json = try decode(
      "/api_v3/service/media/action/update", "application/json",
      #"{"mediaEntry":{"name":"x","name__null":"","categories":{"-":""}}}"#
    ).call
    #expect(json.params["mediaEntry"] == ["name": nil, "categories": []])
    let colon = try decode(
      "/api_v3/service/media/action/update", "application/x-www-form-urlencoded",
      "mediaEntry:description:null=&mediaEntry:name=n"
    ).call
    #expect(colon.params["mediaEntry"] == ["description": nil, "name": "n"])
  }

  @Test func jsonBodyNeedsTheExactContentType() throws {
    let body = #"{"ks":"K","format":"1"}"#
    #expect(try decode("/api_v3/service/system/action/ping", "application/json", body).call.ks == "K")
    #expect(try decode("/api_v3/service/system/action/ping", "Application/JSON", body).call.ks == "K")
    #expect(try decode("/api_v3/service/system/action/ping", "application/json; charset=utf-8", body).call.ks == nil)
    let lenient = try KalturaRequestDecoder.decode(
      target: "/api_v3/service/system/action/ping", contentType: "application/json; charset=utf-8",
      body: Array(body.utf8), strictJSONContentType: false)
    #expect(lenient.call.ks == "K")
  }

  /// The body the official Python client sends for `uploadToken.upload` (protocol notes §1.5).
  @Test func pythonClientMultipartWithJsonPartAndFile() throws {
    let body =
      "--b\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n"
      + #"{"clientTag": "python-26-10-22", "apiVersion": "23.10.0", "format": "2", "uploadTokenId": "0_abc", "#
      + #""resume": "True", "finalChunk": "False", "resumeAt": "6", "ks": "djJ8x", "kalsig": "k"}"#
      + "\r\n--b\r\nContent-Disposition: form-data; name=\"fileData\"; filename=\"/path/to/a.mp4\"\r\n"
      + "Content-Type: video/mp4\r\n\r\nhello world!\r\n--b\r\n"
      + "Content-Disposition: form-data; name=\"dropped\"\r\n\r\nplain fields are dropped when json is present\r\n"
      + "--b--\r\n"
    let request = try decode("/api_v3/service/uploadtoken/action/upload", "multipart/form-data; boundary=b", body)
    let call = request.call
    #expect(call.string("uploadTokenId") == "0_abc")
    #expect(call.bool("resume") == true)
    #expect(call.bool("finalChunk") == false)
    #expect(call.int("resumeAt") == 6)
    #expect(call.format == 2)
    #expect(call.params["dropped"] == nil)
    let file = try #require(request.file(named: "fileData"))
    #expect(file.filename == "a.mp4")
    #expect(file.contentType == "video/mp4")
    #expect(file.data == Array("hello world!".utf8))
  }

  /// kaltura-uploader style: plain fields in multipart, token and KS in the query.
  @Test func multipartWithPlainFieldsAndQueryParams() throws {
    let body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"resume\"\r\n\r\n1\r\n"
      + "--XyZ\r\nContent-Disposition: form-data; name=\"resumeAt\"\r\n\r\n-1\r\n"
      + "--XyZ\r\nContent-Disposition: form-data; name=\"fileData\"; filename=\"chunk_0\"\r\n"
      + "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--"
    let request = try decode(
      "/api_v3/service/uploadtoken/action/upload?uploadTokenId=0_t&ks=K", "multipart/form-data; boundary=\"XyZ\"",
      body)
    #expect(request.call.bool("resume") == true)
    #expect(request.call.int("resumeAt") == -1)
    #expect(request.call.string("uploadTokenId") == "0_t")
    #expect(request.file(named: "fileData")?.data == [])
  }

  @Test func brokenMultipartIsAnUploadError() {
    #expect(throws: KalturaAPIError.uploadError) {
      try decode("/api_v3/service/uploadtoken/action/upload", "multipart/form-data; boundary=b", "--b\r\nnope")
    }
  }

  @Test func phpCoercions() {
    #expect(KalturaValue.bool("False") == false)
    #expect(KalturaValue.bool("FALSE") == false)
    #expect(KalturaValue.bool("0") == false)
    #expect(KalturaValue.bool("") == false)
    #expect(KalturaValue.bool("True") == true)
    #expect(KalturaValue.bool("yes") == true)
    #expect(KalturaValue.int("-1") == -1)
    #expect(KalturaValue.int("12abc") == 12)
    #expect(KalturaValue.int("1.9") == 1)
    #expect(KalturaValue.int("true") == 1)
    #expect(KalturaValue.int("abc") == nil)
    #expect(KalturaValue.double("1048576") == 1_048_576)
    #expect(KalturaValue.double("2.5x") == 2.5)
    #expect(KalturaValue.string(.bool(true)) == "1")
  }

  @Test func mandatoryParameters() throws {
    let call = KalturaCall(service: "media", action: "get", params: JSONObject([("entryId", "")]))
    #expect(throws: KalturaAPIError.missingMandatoryParameter("entryId")) { try call.requireString("entryId") }
    #expect(throws: KalturaAPIError.missingMandatoryParameter("entry")) { try call.requireObject("entry") }
  }
}

@Suite struct MultipartParserTests {
  static let body = Array(
    ("preamble\r\n--bb\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n"
      + "--bb\r\nContent-Disposition: form-data; name=\"f\"; filename=\"C:\\\\x\\\\y.bin\"\r\n\r\n"
      + "two\r\n--b not yet\r\n--bb--\r\nepilogue").utf8)

  @Test func parsesTheSameWhateverTheChunking() throws {
    let whole = try Multipart.parse(Self.body, boundary: "bb")
    #expect(whole.map(\.headers.name) == ["a", "f"])
    #expect(whole[0].text == "one")
    #expect(whole[1].text == "two\r\n--b not yet")
    #expect(whole[1].headers.filename == "y.bin")
    for size in [1, 2, 3, 7, 16] {
      var parser = MultipartParser(boundary: "bb")
      var datas: [[UInt8]] = []
      for start in stride(from: 0, to: Self.body.count, by: size) {
        for event in try parser.feed(Self.body[start..<min(start + size, Self.body.count)]) {
          switch event {
          case .partBegin: datas.append([])
          case .partData(let bytes): datas[datas.count - 1] += bytes
          case .partEnd: break
          }
        }
      }
      try parser.finish()
      #expect(datas.map { String(decoding: $0, as: UTF8.self) } == ["one", "two\r\n--b not yet"])
    }
  }

  @Test func truncatedBodyFails() {
    #expect(throws: MultipartError.self) { try Multipart.parse(Array(Self.body.prefix(60)), boundary: "bb") }
  }

  @Test func encoderOutputParsesBack() throws {
    let parts: [MultipartPart] = [
      .field(name: "json", value: #"{"a":"1"}"#),
      .bytes(name: "fileData", filename: "a \"b\".mp4", contentType: "video/mp4", data: [0, 1, 13, 10, 45, 45]),
    ]
    let body = try Multipart.encode(parts, boundary: "zz")
    #expect(Int64(body.count) == (try Multipart.contentLength(of: parts, boundary: "zz")))
    let fields = try Multipart.parse(body, boundary: "zz")
    #expect(fields[0].text == #"{"a":"1"}"#)
    #expect(fields[1].headers.filename == "a \"b\".mp4")
    #expect(fields[1].data == [0, 1, 13, 10, 45, 45])
    #expect(Multipart.boundary(fromContentType: Multipart.contentType(boundary: "zz")) == "zz")
  }
}

@Suite struct KalturaObjectTypeTests {
  @Test func subclassIsUsedOtherClassesAreIgnoredAbstractNeedsOne() throws {
    let media = JSONObject([("objectType", "KalturaMediaEntry")])
    #expect(try KalturaObjectType.resolve(declared: "KalturaBaseEntry", object: media) == "KalturaMediaEntry")
    let unrelated = JSONObject([("objectType", "KalturaUiConf")])
    #expect(try KalturaObjectType.resolve(declared: "KalturaMediaEntry", object: unrelated) == "KalturaMediaEntry")
    let token = JSONObject([("objectType", "KalturaUploadedFileTokenResource"), ("token", "0_t")])
    #expect(
      try KalturaObjectType.resolve(declared: "KalturaResource", object: token) == "KalturaUploadedFileTokenResource")
    #expect(throws: KalturaAPIError.objectTypeAbstract("KalturaResource")) {
      try KalturaObjectType.resolve(declared: "KalturaResource", object: JSONObject([("token", "0_t")]))
    }
  }

  @Test func relativeTimes() {
    let now = PythonVectors.now
    #expect(KalturaValue.time("3600", now: now) == 1_732_503_600)
    #expect(KalturaValue.time(-1, now: now) == -1)
    #expect(KalturaValue.time("", now: now) == 0)
    #expect(KalturaValue.time(1_700_000_000, now: now) == 1_700_000_000)
  }
}
