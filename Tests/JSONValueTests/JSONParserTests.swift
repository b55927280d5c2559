import Testing

@testable import JSONValue

@Suite struct JSONParserTests {
  @Test func parsesScalars() throws {
    #expect(try JSONValue(parsing: "null") == .null)
    #expect(try JSONValue(parsing: " true ") == .bool(true))
    #expect(try JSONValue(parsing: "false") == .bool(false))
    #expect(try JSONValue(parsing: "-12") == .int(-12))
    #expect(try JSONValue(parsing: "0") == .int(0))
    #expect(try JSONValue(parsing: "1.5e3") == .double(1500))
    #expect(try JSONValue(parsing: "-0.25") == .double(-0.25))
    #expect(try JSONValue(parsing: "\"a\\u00e9\\n\\\"\"") == .string("aé\n\""))
  }

  @Test func keepsIntegersBeyondDoublePrecision() throws {
    #expect(try JSONValue(parsing: "9007199254740993") == .int(9_007_199_254_740_993))
    #expect(try JSONValue(parsing: "-9223372036854775808") == .int(Int.min))
    // Too big for Int: falls back to a double rather than failing.
    #expect(try JSONValue(parsing: "18446744073709551616") == .double(18_446_744_073_709_551_616))
  }

  @Test func decodesSurrogatePairsAndRawUTF8() throws {
    #expect(try JSONValue(parsing: "\"\\ud83c\\udfac\"") == .string("🎬"))
    #expect(try JSONValue(parsing: "\"日本語🎬\"") == .string("日本語🎬"))
    #expect(try JSONValue(parsing: "\"\\udc00\"") == .string("\u{FFFD}"))
  }

  @Test func objectsKeepKeyOrder() throws {
    let value = try JSONValue(parsing: #"{"z": 1, "a": 2, "m": {"y": [], "b": {}}}"#)
    #expect(value.objectValue?.keys == ["z", "a", "m"])
    #expect(value["m"]?.objectValue?.keys == ["y", "b"])
    #expect(value.compactText == #"{"z":1,"a":2,"m":{"y":[],"b":{}}}"#)
  }

  @Test func duplicateKeysResolveToTheLastLikeJavaScript() throws {
    let value = try JSONValue(parsing: #"{"a": 1, "a": 2}"#)
    #expect(value["a"] == .int(2))
  }

  @Test func acceptsByteOrderMark() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
    #expect(try JSONValue(parsing: bytes) == .array([.int(1)]))
  }

  @Test(arguments: [
    ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "invalid literal, expected 'true'"),
    ("[1, 2,]", 1, 7, "trailing comma before ']'"),
    ("{\"a\" 1}", 1, 6, "expected ':' after key \"a\", found '1'"),
    ("{\n\"a\": \"x", 2, 6, "unterminated string"),
    ("", 1, 1, "unexpected end of input, expected a value"),
    ("[1] x", 1, 5, "unexpected 'x' after the JSON value"),
    ("{\"é\": 01}", 1, 7, "invalid number: leading zeros are not allowed"),
    ("\"a\tb\"", 1, 3, "control character tab inside a string; escape it"),
    ("{,}", 1, 2, "unexpected ',' inside an object, expected '\"' to start a key"),
  ])
  func reportsLineAndColumn(text: String, line: Int, column: Int, message: String) {
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    do {
      _ = try JSONValue(parsing: text)
    } catch {
      #expect(error.line == line)
      #expect(error.column == column)
      #expect(error.message == message)
    }
  }

  @Test func rejectsInvalidUTF8InStrings() {
    let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
  }

  @Test func refusesPathologicalNesting() {
    let deep = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
  }
}
