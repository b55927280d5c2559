import JSONValue
import Testing

@testable import KalturaWire

/// The XML strings here were fed to the official Python client 23.10.0
/// (`KalturaClient.parsePostResult`, `KalturaObjectFactory`, `doMultiRequest`), which parsed
/// them into the expected objects and exceptions.
enum ReplyFixtures {
  static let entry: JSONValue = [
    "id": "0_k3j9x2ab", "name": "Tom & \"Jerry\" <1>", "description": nil, "partnerId": 123, "status": "7",
    "mediaType": 1, "duration": 0.5, "objectType": "KalturaMediaEntry", "displayInSearch": true,
  ]
  static let entryXML =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><objectType>KalturaMediaEntry</objectType>"
    + "<id>0_k3j9x2ab</id><name>Tom &amp; &quot;Jerry&quot; &lt;1&gt;</name><description></description>"
    + "<partnerId>123</partnerId><status>7</status><mediaType>1</mediaType><duration>0.5</duration>"
    + "<displayInSearch>1</displayInSearch></result><executionTime>0.0123</executionTime></xml>"
  static let list: JSONValue = [
    "objectType": "KalturaUploadTokenListResponse",
    "objects": [["objectType": "KalturaUploadToken", "id": "0_a", "status": 2]],
    "totalCount": 1,
  ]
  static let listXML =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><objectType>KalturaUploadTokenListResponse</objectType>"
    + "<objects><item><objectType>KalturaUploadToken</objectType><id>0_a</id><status>2</status></item></objects>"
    + "<totalCount>1</totalCount></result><executionTime>0</executionTime></xml>"
  static let errorXML =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><error><code>ENTRY_ID_NOT_FOUND</code>"
    + "<message>Entry id &quot;0_nope&quot; not found</message><objectType>KalturaAPIException</objectType>"
    + "<args><item><objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_nope</value>"
    + "</item></args></error></result><executionTime>0.01</executionTime></xml>"
  static let multiXML =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result><item><objectType>KalturaUploadToken</objectType>"
    + "<id>0_a</id></item><item>djJ8abc</item><item><error><code>UPLOAD_TOKEN_NOT_FOUND</code>"
    + "<message>Upload token not found</message><objectType>KalturaAPIException</objectType><args></args></error>"
    + "</item></result><executionTime>0</executionTime></xml>"
}

@Suite struct KalturaReplyEncoderTests {
  @Test func xmlObjectHasObjectTypeFirstEscapedTextBoolsAsDigitsAndEmptyNulls() {
    let (type, body) = KalturaReplyEncoder.encode(.success(ReplyFixtures.entry), format: 2, executionTime: 0.0123)
    #expect(type == "text/xml")
    #expect(String(decoding: body, as: UTF8.self) == ReplyFixtures.entryXML)
  }

  @Test func xmlIsTheDefaultFormat() {
    let (type, body) = KalturaReplyEncoder.encode(.success("djJ8x"), format: nil)
    #expect(type == "text/xml")
    #expect(
      String(decoding: body, as: UTF8.self)
        == "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>djJ8x</result><executionTime>0</executionTime></xml>"
    )
  }

  @Test func xmlIgnoreNullLeavesNullsOut() {
    let xml = KalturaReplyEncoder.xml(.success(["objectType": "KalturaX", "a": nil, "b": 1]), ignoreNull: true)
    #expect(xml == "<objectType>KalturaX</objectType><b>1</b>")
  }

  @Test func xmlListsUseItems() {
    let body = KalturaReplyEncoder.encode(.success(ReplyFixtures.list), format: 2).body
    #expect(String(decoding: body, as: UTF8.self) == ReplyFixtures.listXML)
  }

  @Test func xmlErrorMatchesKalturaSerializer() {
    let body = KalturaReplyEncoder.encode(.failure(.entryIDNotFound("0_nope")), format: 2, executionTime: 0.01).body
    #expect(String(decoding: body, as: UTF8.self) == ReplyFixtures.errorXML)
  }

  @Test func xmlMultirequestHasOneItemPerCallWithErrorsInPlace() {
    let results: [KalturaResult] = [
      .success(["objectType": "KalturaUploadToken", "id": "0_a"]), .success("djJ8abc"),
      .failure(.uploadTokenNotFound),
    ]
    let body = KalturaReplyEncoder.encode(results, format: nil).body
    #expect(String(decoding: body, as: UTF8.self) == ReplyFixtures.multiXML)
  }

  @Test func xmlDropsCharactersXMLForbids() {
    #expect(KalturaReplyEncoder.escape("a\u{1}b\u{9}'") == "ab\u{9}&apos;")
  }

  @Test func xmlMapsWithNonNameKeysUseItemKey() {
    let xml = KalturaReplyEncoder.xml(.success(["0": ["objectType": "KalturaX", "v": "a"]]))
    #expect(xml == "<item><itemKey>0</itemKey><objectType>KalturaX</objectType><v>a</v></item>")
  }

  @Test func jsonObjectDropsNullsAndPutsObjectTypeLast() {
    let (type, body) = KalturaReplyEncoder.encode(.success(ReplyFixtures.entry), format: 1)
    #expect(type == "application/json")
    #expect(
      String(decoding: body, as: UTF8.self)
        == #"{"id":"0_k3j9x2ab","name":"Tom & \"Jerry\" <1>","partnerId":123,"status":"7","mediaType":1,"#
        + #""duration":0.5,"displayInSearch":true,"objectType":"KalturaMediaEntry"}"#)
  }

  @Test func jsonErrorsHaveArgsObjectOrEmptyArray() {
    let withArgs = KalturaReplyEncoder.encode(.failure(.entryIDNotFound("0_x")), format: 1).body
    #expect(
      String(decoding: withArgs, as: UTF8.self)
        == #"{"code":"ENTRY_ID_NOT_FOUND","message":"Entry id \"0_x\" not found","objectType":"KalturaAPIException","#
        + #""args":{"ENTRY_ID":"0_x"}}"#)
    let empty = KalturaReplyEncoder.encode(.failure(.uploadTokenNotFound), format: 1).body
    #expect(
      String(decoding: empty, as: UTF8.self)
        == #"{"code":"UPLOAD_TOKEN_NOT_FOUND","message":"Upload token not found","objectType":"KalturaAPIException","#
        + #""args":[]}"#)
  }

  @Test func jsonMultirequestIsAnArray() throws {
    let body = KalturaReplyEncoder.encode([.success("ks"), .failure(.missingKS), .success(nil)], format: 1).body
    let value = try JSONValue(parsing: body)
    let items = try #require(KalturaReplyDecoder.multirequestItems(value))
    #expect(items.count == 3)
    #expect(items[0] == .success("ks"))
    #expect(items[1] == .failure(.missingKS))
    #expect(items[2] == .success(nil))
  }
}

@Suite struct KalturaReplyDecoderTests {
  @Test func detectsErrorsResultsAndText() {
    let error = KalturaReplyEncoder.encode(.failure(.entryIDNotFound("0_x")), format: 1).body
    #expect(KalturaReplyDecoder.decode(error) == .apiError(.entryIDNotFound("0_x")))
    #expect(KalturaReplyDecoder.decode(Array(#""djJ8abc""#.utf8)) == .result("djJ8abc"))
    #expect(KalturaReplyDecoder.decode(Array("null".utf8)) == .result(nil))
    #expect(KalturaReplyDecoder.decode(Array("<xml/>".utf8)) == .text("<xml/>"))
  }

  @Test func errorWithoutObjectTypeButCodeAndMessageIsAnError() {
    let reply: JSONValue = ["code": "X", "message": "m"]
    #expect(KalturaAPIError(reply: reply) == KalturaAPIError(code: "X", message: "m"))
    #expect(KalturaAPIError(reply: ["objectType": "KalturaMediaEntry", "code": "X", "message": "m"]) == nil)
    #expect(KalturaAPIError(reply: ["code": "X"]) == nil)
  }

  @Test func errorArgsFromListOfExceptionArgs() {
    let reply: JSONValue = [
      "objectType": "KalturaAPIException", "code": "INVALID_KS", "message": "m",
      "args": [["objectType": "KalturaApiExceptionArg", "name": "KSID", "value": "EXPIRED"]],
    ]
    #expect(KalturaAPIError(reply: reply)?.arg("KSID") == "EXPIRED")
  }
}
