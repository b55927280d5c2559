import JSONValue

/// What a piece of a line is; the host maps it to colours.
public enum Token: Sendable, Hashable {
  case key, punctuation, string, number, literal
  /// The size of a folded node (`{12 keys}`).
  case summary
  /// A folded node's one-line preview, and other quiet text.
  case preview
  /// A note the host adds beside a value (an enum label, a date).
  case annotation
  /// A line of a document that is not JSON.
  case text
  /// A path in the filter's list.
  case path
}

public struct Segment: Sendable, Hashable {
  public var text: String
  public var token: Token
  /// Part of the text the search matched.
  public var isMatch: Bool
  public init(_ text: String, _ token: Token, isMatch: Bool = false) {
    self.text = text
    self.token = token
    self.isMatch = isMatch
  }
}

/// One line on screen: its row, its indentation (in levels) and its pieces.
public struct ViewerLine: Sendable, Hashable {
  public var row: Int
  public var indent: Int
  public var segments: [Segment]
  public var isCursor: Bool
  public var plainText: String {
    String(repeating: "  ", count: indent) + segments.map(\.text).joined()
  }
}

/// A note the host puts beside a scalar (`2` → `READY`): the member key, the value and the
/// object holding it. Kept out of the index so the module knows nothing of Kaltura.
public typealias Annotator = @Sendable (_ key: String?, _ value: JSONValue, _ container: JSONValue?) -> String?

extension JSONViewer {
  /// Longest text drawn for one string value; the rest of a huge value is not laid out at all.
  static let maximumValueCharacters = 2000

  /// The lines on screen.
  public func screenLines(annotate: Annotator? = nil) -> [ViewerLine] {
    if let filter { return filterLines(filter) }
    let matcher = search.flatMap { try? TextMatcher($0.pattern) }
    return visibleRows().map { line($0, matcher: matcher, annotate: annotate) }
  }

  func line(_ row: Int, matcher: TextMatcher?, annotate: Annotator?) -> ViewerLine {
    if index.isText {
      let text = index.textLines[row]
      return ViewerLine(
        row: row, indent: 0, segments: [Segment(text, .text, isMatch: matcher?.matches(text) == true)],
        isCursor: row == cursor)
    }
    var segments: [Segment] = []
    let key = index.key(row)
    if let key, index.kind(row) != .close {
      segments.append(Segment(JSONValue.string(key).compactText, .key, isMatch: matcher?.matches(key) == true))
      segments.append(Segment(": ", .punctuation))
    }
    let value = index.node(row)
    switch index.kind(row) {
    case .open where folds.contains(row):
      segments += Self.foldedSummary(value)
    case .open:
      segments.append(Segment(value.arrayValue != nil ? "[" : "{", .punctuation))
    case .close:
      segments.append(Segment(value.arrayValue != nil ? "]" : "}", .punctuation))
    case .scalar:
      let text = Self.scalarText(value)
      segments.append(Segment(text, Self.token(of: value), isMatch: matcher?.matches(value.matchText) == true))
    }
    if !index.isLastInParent(row), index.kind(row) != .open || folds.contains(row) {
      segments.append(Segment(",", .punctuation))
    }
    if index.kind(row) == .scalar, let annotate {
      let container = index.parent(row).map { index.node($0) }
      if let note = annotate(key, value, container) { segments.append(Segment("  " + note, .annotation)) }
    }
    return ViewerLine(row: row, indent: index.depth(row), segments: segments, isCursor: row == cursor)
  }

  static func scalarText(_ value: JSONValue) -> String {
    if case .string(let text) = value, text.count > maximumValueCharacters {
      return JSONValue.string(String(text.prefix(maximumValueCharacters))).compactText + "…"
    }
    return value.compactText
  }

  static func token(of value: JSONValue) -> Token {
    switch value {
    case .string: return .string
    case .int, .double: return .number
    case .bool, .null: return .literal
    case .array, .object: return .punctuation
    }
  }

  /// `{12 keys} {"id": "0_ab12", "name": …}` or `[500 items] [{…}, {…}, …]`.
  static func foldedSummary(_ value: JSONValue) -> [Segment] {
    switch value {
    case .object(let object):
      let size = "{\(object.count) key\(object.count == 1 ? "" : "s")}"
      let parts = object.members.prefix(4).map { JSONValue.string($0.key).compactText + ": " + preview($0.value) }
      return [Segment(size, .summary), Segment(" " + previewList(parts, total: object.count, "{", "}"), .preview)]
    case .array(let items):
      let size = "[\(items.count) item\(items.count == 1 ? "" : "s")]"
      let parts = items.prefix(4).map(preview)
      return [Segment(size, .summary), Segment(" " + previewList(parts, total: items.count, "[", "]"), .preview)]
    default:
      return [Segment(value.compactText, token(of: value))]
    }
  }

  private static func preview(_ value: JSONValue) -> String {
    switch value {
    case .object(let object): return object.isEmpty ? "{}" : "{…}"
    case .array(let items): return items.isEmpty ? "[]" : "[…]"
    case .string(let text) where text.count > 24: return JSONValue.string(String(text.prefix(24))).compactText + "…"
    default: return value.compactText
    }
  }

  private static func previewList(_ parts: [String], total: Int, _ open: String, _ close: String) -> String {
    var text = open
    var used = 0
    for (offset, part) in parts.enumerated() {
      if offset > 0 { text += ", " }
      if used + part.count > 60 {
        text += "…"
        return text + close
      }
      text += part
      used += part.count
    }
    if total > parts.count { text += ", …" }
    return text + close
  }
}

extension JSONValue {
  /// The text a search looks at: a string's characters, any other scalar as JSON.
  var matchText: String {
    switch self {
    case .string(let text): return text
    case .array, .object: return ""
    default: return compactText
    }
  }
}
