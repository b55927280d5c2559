/// Serialises JSON as JavaScript's `JSON.stringify` does: compact, or pretty with an indent
/// (two spaces by default), keys in their stored order.
extension JSONValue {
  public var compactText: String {
    var out: [UInt8] = []
    JSONPrinter(indent: nil).write(self, into: &out, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  public func prettyText(indent: Int = 2) -> String {
    var out: [UInt8] = []
    JSONPrinter(indent: indent).write(self, into: &out, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  public var utf8Bytes: [UInt8] {
    var out: [UInt8] = []
    JSONPrinter(indent: nil).write(self, into: &out, level: 0)
    return out
  }

  /// JSON text for a number, as JavaScript prints it (no trailing ".0", null for NaN/inf).
  public static func numberText(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d.rounded() == d, abs(d) < 1e21 {
      if abs(d) < 9.2e18 { return String(Int64(d)) }
    }
    return d.description
  }
}

struct JSONPrinter {
  let indent: Int?

  func write(_ value: JSONValue, into out: inout [UInt8], level: Int) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: String(i).utf8)
    case .double(let d): out.append(contentsOf: JSONValue.numberText(d).utf8)
    case .string(let s): JSONPrinter.writeString(s, into: &out)
    case .array(let a):
      if a.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, element) in a.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, level + 1)
        write(element, into: &out, level: level + 1)
      }
      newline(&out, level)
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      if o.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      for (i, member) in o.members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, level + 1)
        JSONPrinter.writeString(member.key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(UInt8(ascii: " ")) }
        write(member.value, into: &out, level: level + 1)
      }
      newline(&out, level)
      out.append(UInt8(ascii: "}"))
    }
  }

  private func newline(_ out: inout [UInt8], _ level: Int) {
    guard let indent else { return }
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
  }

  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x0C: out.append(contentsOf: "\\f".utf8)
      case 0..<0x20:
        let hex = String(b, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONValue: CustomStringConvertible {
  public var description: String { compactText }
}
