#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Hand-written because no package here parses JSON while keeping key order and reporting
// line:column; Foundation's JSONSerialization loses both. It works on raw UTF-8 bytes and
// computes line/column only when it fails, so large replies parse at memory speed.
extension JSONValue {
  public init(parsing text: String) throws(JSONParseError) {
    var copy = text
    let result: Result<JSONValue, JSONParseError> = copy.withUTF8 { buffer in
      Result { () throws(JSONParseError) -> JSONValue in try JSONValue(parsingUTF8: buffer) }
    }
    self = try result.get()
  }

  public init(parsing bytes: [UInt8]) throws(JSONParseError) {
    let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(JSONParseError) -> JSONValue in try JSONValue(parsingUTF8: buffer) }
    }
    self = try result.get()
  }

  public init(parsingUTF8 buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
    var parser = JSONByteParser(buffer)
    self = try parser.parseDocument()
  }
}

struct JSONByteParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  var depth = 0
  /// Members and items of the containers being parsed, innermost last: each container is
  /// copied out at its exact size when it closes, so no array grows by doubling (one
  /// allocation per container, and no spare capacity left in a 50 MB tree).
  var memberStack: [JSONObject.Member] = []
  var itemStack: [JSONValue] = []
  /// Keys too long to be stored inline (over 15 bytes), one copy each: a list reply repeats
  /// its keys in every object.
  var longKeys: Set<String> = []
  static let maxDepth = 512  // deeper documents are hostile; recursion stays well within a thread stack

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    // A UTF-8 byte order mark is tolerated, as editors sometimes write one.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    skipWhitespace()
    guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
    let value = try parseValue()
    skipWhitespace()
    if index < bytes.count { throw error("unexpected \(describeByte()) after the JSON value") }
    return value
  }

  @inline(__always) mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected \(describeByte()), expected a value")
    }
  }

  mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
    let count = word.utf8CodeUnitCount
    let start = word.utf8Start
    guard index + count <= bytes.count else { throw error("invalid literal, expected '\(word)'") }
    for i in 0..<count where bytes[index + i] != start[i] {
      throw error("invalid literal, expected '\(word)'")
    }
    index += count
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > JSONByteParser.maxDepth { throw error("nesting is deeper than \(JSONByteParser.maxDepth) levels") }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(JSONObject(members: []))
    }
    let base = memberStack.count
    defer { memberStack.removeSubrange(base...) }
    while true {
      skipWhitespace()
      guard index < bytes.count else {
        throw error("unexpected end of input inside an object, expected '\"' to start a key")
      }
      guard bytes[index] == UInt8(ascii: "\"") else {
        throw error("unexpected \(describeByte()) inside an object, expected '\"' to start a key")
      }
      var key = try parseString()
      if key.utf8.count > 15 {
        let (inserted, stored) = longKeys.insert(key)
        if !inserted { key = stored }
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after key \"\(key)\", found \(describeByte())")
      }
      index += 1
      skipWhitespace()
      let value = try parseValue()
      memberStack.append(JSONObject.Member(key: key, value: value))
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input inside an object, expected ',' or '}'") }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          throw error("trailing comma before '}'")
        }
      case UInt8(ascii: "}"):
        index += 1
        depth -= 1
        return .object(JSONObject(members: Array(memberStack[base...])))
      default:
        throw error("unexpected \(describeByte()) inside an object, expected ',' or '}'")
      }
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array([])
    }
    let base = itemStack.count
    defer { itemStack.removeSubrange(base...) }
    while true {
      skipWhitespace()
      itemStack.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input inside an array, expected ',' or ']'") }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          throw error("trailing comma before ']'")
        }
      case UInt8(ascii: "]"):
        index += 1
        depth -= 1
        return .array(Array(itemStack[base...]))
      default:
        throw error("unexpected \(describeByte()) inside an array, expected ',' or ']'")
      }
    }
  }

  mutating func parseString() throws(JSONParseError) -> String {
    let openQuote = index
    index += 1
    let start = index
    var highBits: UInt8 = 0
    // Fast path: no escapes, so the bytes are the string.
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        // ASCII needs no validation (the generic validating initialiser costs a third of a parse).
        return highBits < 0x80 ? String(decoding: slice, as: UTF8.self) : try makeString(slice, at: start)
      }
      highBits |= b
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw error("control character \(describeByte()) inside a string; escape it") }
      index += 1
    }
    var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let b = bytes[index]
      switch b {
      case UInt8(ascii: "\""):
        index += 1
        return try scalars.withUnsafeBufferPointer { buffer throws(JSONParseError) in
          try makeString(buffer, at: start)
        }
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { break }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): scalars.append(0x22)
        case UInt8(ascii: "\\"): scalars.append(0x5C)
        case UInt8(ascii: "/"): scalars.append(0x2F)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
          var code = try parseHex4()
          if (0xD800...0xDBFF).contains(code) {
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
              index += 2
              let low = try parseHex4()
              if (0xDC00...0xDFFF).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
              } else {
                code = 0xFFFD
              }
            } else {
              code = 0xFFFD
            }
          } else if (0xDC00...0xDFFF).contains(code) {
            code = 0xFFFD
          }
          appendUTF8(Unicode.Scalar(code) ?? "\u{FFFD}", to: &scalars)
        default:
          index -= 1
          throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
        }
      default:
        if b < 0x20 { throw error("control character \(describeByte()) inside a string; escape it") }
        scalars.append(b)
        index += 1
      }
    }
    index = openQuote
    throw error("unterminated string")
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit \(describeByte()) in a \\u escape")
      }
      v = v << 4 | d
      index += 1
    }
    return v
  }

  func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    UTF8.encode(scalar) { out.append($0) }
  }

  func makeString(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) throws(JSONParseError) -> String {
    if let s = String(validating: utf8, as: UTF8.self) { return s }
    throw JSONParseError(
      message: "invalid UTF-8 inside a string", line: position(of: start).line,
      column: position(of: start).column, offset: start)
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
      throw error("invalid number: expected a digit after '-'")
    }
    if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
    {
      throw error("invalid number: leading zeros are not allowed")
    }
    var integer: UInt64 = 0
    var overflow = false
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      let (m, o1) = integer.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
      integer = a
      overflow = overflow || o1 || o2
      index += 1
    }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
        throw error("invalid number: expected a digit after '.'")
      }
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
        throw error("invalid number: expected a digit in the exponent")
      }
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    }
    if isInteger && !overflow {
      if negative, integer <= UInt64(Int64.max) + 1 {
        return .int(integer == UInt64(Int64.max) + 1 ? Int.min : -Int(integer))
      }
      if !negative, integer <= UInt64(Int.max) { return .int(Int(integer)) }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    return .double(Double(text) ?? .nan)
  }

  // MARK: errors

  func describeByte() -> String {
    guard index < bytes.count else { return "end of input" }
    let b = bytes[index]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    switch b {
    case 0x20: return "space"
    case 0x0A: return "newline"
    case 0x09: return "tab"
    default: return "byte 0x" + String(b, radix: 16, uppercase: true)
    }
  }

  func position(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1  // count characters, not continuation bytes
      }
      i += 1
    }
    return (line, column)
  }

  func error(_ message: String) -> JSONParseError {
    let p = position(of: index)
    return JSONParseError(message: message, line: p.line, column: p.column, offset: index)
  }
}
