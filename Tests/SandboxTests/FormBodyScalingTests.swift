import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// A body of tens of thousands of fields is read in one linear pass (40k fields once took 14.5 s;
/// the timings are in `recipe-console-bench sandbox`). Each test parses the whole body the way
/// the server does and checks every field arrived, in order.
@Suite struct FormBodyScalingTests {
  static let fieldCount = 40_000

  static func multipartBody(_ fields: [(String, String)], boundary: String) -> [UInt8] {
    var text = ""
    for (name, value) in fields {
      text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    return Array((text + "--\(boundary)--\r\n").utf8)
  }

  static func parseMultipart(_ body: [UInt8], boundary: String) throws -> KalturaCall {
    var parser = StreamingMultipart(boundary: boundary, spoolPath: { NSTemporaryDirectory() + UUID().uuidString })
    var offset = 0
    while offset < body.count {  // in 64 KiB pieces, as the body streams in
      let end = min(offset + 65_536, body.count)
      try parser.consume(body[offset..<end])
      offset = end
    }
    try parser.finish()
    return KalturaRequestDecoder.assemble(
      target: "/api_v3/service/system/action/ping",
      bodyParams: KalturaRequestDecoder.bodyParams(multipartFields: parser.result.fields))
  }

  @Test func fortyThousandMultipartFieldsAllArrive() throws {
    let fields = (0..<Self.fieldCount).map { ("field\($0)", "value \($0)") }
    let call = try Self.parseMultipart(Self.multipartBody(fields, boundary: "scale"), boundary: "scale")
    #expect(call.params.count == Self.fieldCount)
    #expect(call.params.keys == fields.map(\.0))
    #expect(call.params["field39999"] == .string("value 39999"))
  }

  @Test func fortyThousandNestedFormFieldsNestInOrder() throws {
    let fields = (0..<Self.fieldCount).map { ("entry[tag\($0)]", "t\($0)") } + [("entry[tag0]", "again")]
    let params = KalturaRequestDecoder.bodyParams(
      contentType: "application/x-www-form-urlencoded", body: Array(FormEncoding.encode(fields).utf8))
    let entry = try #require(params["entry"]?.objectValue)
    #expect(entry.count == Self.fieldCount)
    #expect(entry.keys.first == "tag0" && entry.keys.last == "tag39999")
    #expect(entry["tag0"] == .string("again"))  // a repeated key replaces, in place
    #expect(entry["tag20000"] == .string("t20000"))
  }

  @Test func fortyThousandArrayItemsAppendInOrder() throws {
    let fields = (0..<Self.fieldCount).map { ("ids[]", String($0)) } + [("ids__null", "")]
    let nested = ParameterNesting.nest(fields)
    #expect(nested["ids"]?.arrayValue?.count == Self.fieldCount)
    #expect(nested["ids"]?.arrayValue?.last == .string("39999"))
    // `x__null` still wins over the values for `x`.
    #expect(ParameterNesting.applySpecialKeys(nested)["ids"] == .null)
  }
}
