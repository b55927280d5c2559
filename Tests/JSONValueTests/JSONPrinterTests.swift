import Testing

@testable import JSONValue

@Suite struct JSONPrinterTests {
  @Test func prettyPrintsLikeJSONStringify() throws {
    let value = try JSONValue(parsing: #"{"id":"0_ab","objects":[1,{"x":null}],"empty":{},"list":[]}"#)
    let expected = """
      {
        "id": "0_ab",
        "objects": [
          1,
          {
            "x": null
          }
        ],
        "empty": {},
        "list": []
      }
      """
    #expect(value.prettyText() == expected)
  }

  @Test func escapesStrings() {
    let value: JSONValue = .string("quote\" back\\ nl\n tab\t bell\u{07} é")
    #expect(value.compactText == #""quote\" back\\ nl\n tab\t bell\u0007 é""#)
  }

  @Test func printsNumbersAsJavaScriptDoes() {
    #expect(JSONValue.double(2).compactText == "2")
    #expect(JSONValue.double(0.5).compactText == "0.5")
    #expect(JSONValue.double(.nan).compactText == "null")
    #expect(JSONValue.int(-7).compactText == "-7")
  }

  @Test func roundTripsThroughText() throws {
    let text = #"{"a":[true,false,null,1,2.5,"s"],"b":{"c":{"d":"é🎬"}}}"#
    let value = try JSONValue(parsing: text)
    #expect(value.compactText == text)
    #expect(try JSONValue(parsing: value.prettyText()) == value)
  }
}
