import JSONValue

/// One line of pretty-printed JSON with its colours and the dot path of the value on it,
/// so a comparison can highlight the lines of a difference. Hand-written because
/// `JSONValue.prettyText()` gives plain text only.
struct JSONLine: Sendable, Hashable {
  var spans: StyledLine
  var path: String
}

enum JSONLines {
  static func lines(_ value: JSONValue) -> [JSONLine] {
    var out: [JSONLine] = []
    write(value, key: nil, path: [], indent: 0, trailingComma: false, into: &out)
    return out
  }

  private static func write(
    _ value: JSONValue, key: String?, path: [String], indent: Int, trailingComma: Bool, into out: inout [JSONLine]
  ) {
    let pad = String(repeating: "  ", count: indent)
    var prefix: StyledLine = [Span(pad)]
    if let key { prefix += [Span(JSONValue.string(key).compactText, .jsonKey), Span(": ", .jsonPunctuation)] }
    let comma: StyledLine = trailingComma ? [Span(",", .jsonPunctuation)] : []
    let dotted = path.joined(separator: ".")
    switch value {
    case .object(let object) where !object.isEmpty:
      out.append(JSONLine(spans: prefix + [Span("{", .jsonPunctuation)], path: dotted))
      for (index, member) in object.enumerated() {
        write(
          member.value, key: member.key, path: path + [member.key], indent: indent + 1,
          trailingComma: index + 1 < object.count, into: &out)
      }
      out.append(JSONLine(spans: [Span(pad + "}", .jsonPunctuation)] + comma, path: dotted))
    case .array(let items) where !items.isEmpty:
      out.append(JSONLine(spans: prefix + [Span("[", .jsonPunctuation)], path: dotted))
      for (index, item) in items.enumerated() {
        write(
          item, key: nil, path: path + [String(index)], indent: indent + 1, trailingComma: index + 1 < items.count,
          into: &out)
      }
      out.append(JSONLine(spans: [Span(pad + "]", .jsonPunctuation)] + comma, path: dotted))
    default:
      out.append(JSONLine(spans: prefix + [Span(value.compactText, role(of: value))] + comma, path: dotted))
    }
  }

  static func role(of value: JSONValue) -> Role {
    switch value {
    case .string: return .jsonString
    case .int, .double: return .jsonNumber
    case .bool, .null: return .jsonLiteral
    case .array, .object: return .jsonPunctuation
    }
  }
}
