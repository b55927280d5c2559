import JSONValue

/// Turns flat form keys into nested parameters, as PHP's form decoding plus Kaltura's
/// `KalturaRequestDeserializer::groupParams` do: `entry[name]=x` and `entry:name=x` both give
/// `{"entry": {"name": "x"}}`; `a[]=1&a[]=2` gives an array; `1:entry:name` nests three deep.
public enum ParameterNesting {
  /// Linear in the number of pairs: the tree is built with hashed members and turned into
  /// `JSONObject`s once (its own lookups are linear, and a copy per insert made 40k fields
  /// quadratic).
  public static func nest(_ pairs: [(String, String)]) -> JSONObject {
    let root = NestingNode()
    for (key, value) in pairs {
      let path = segments(of: key)
      guard !path.isEmpty else { continue }
      root.insert(.string(value), at: path[...])
    }
    return root.objectValue
  }

  /// `a:b[c][]` → ["a", "b", "c", ""] (an empty segment appends to an array).
  public static func segments(of key: String) -> [String] {
    var base = Substring(key)
    var brackets: [String] = []
    if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
      base = key[..<open]
      var rest = key[open...]
      while rest.first == "[", let close = rest.firstIndex(of: "]") {
        brackets.append(String(rest[rest.index(after: rest.startIndex)..<close]))
        rest = rest[rest.index(after: close)...]
      }
      if !rest.isEmpty { return [key] }  // not a well-formed bracket key: keep it literally
    }
    let colonParts = base.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    return colonParts + brackets
  }

  /// PHP's `array_replace_recursive(base, overlay)`: objects merge member by member, anything
  /// else in `overlay` replaces what `base` had.
  public static func merge(_ overlay: JSONObject, into base: inout JSONObject) {
    for member in overlay {
      if case .object(let incoming) = member.value, case .object(var existing) = base[member.key] {
        merge(incoming, into: &existing)
        base[member.key] = .object(existing)
      } else {
        base[member.key] = member.value
      }
    }
  }

  /// Applies Kaltura's special keys everywhere: `x__null` (any value) and the colon form
  /// `x:null` (nested as `{"x": {"null": …}}`) set `x` to null, and an object that is only
  /// `{"-": …}` is an empty array.
  public static func applySpecialKeys(_ object: JSONObject) -> JSONObject {
    let keys = Set(object.keys)
    var order: [String] = []
    var values: [String: JSONValue] = [:]
    func set(_ key: String, _ value: JSONValue) {
      if values.updateValue(value, forKey: key) == nil { order.append(key) }
    }
    for member in object {
      if member.key.hasSuffix("__null") && member.key.count > 6 {
        set(String(member.key.dropLast(6)), .null)
      } else if values[member.key] == .null && keys.contains(member.key + "__null") {
        continue  // `x__null` wins over a value for `x`, whatever the order
      } else {
        set(member.key, applySpecialKeys(member.value))
      }
    }
    return JSONObject(members: order.map { JSONObject.Member(key: $0, value: values[$0]!) })
  }

  static func applySpecialKeys(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let object):
      if object.count == 1, object.keys == ["-"] { return .array([]) }
      if object.count == 1, object.keys == ["null"] { return .null }
      return .object(applySpecialKeys(object))
    case .array(let items): return .array(items.map(applySpecialKeys))
    default: return value
    }
  }
}

/// One node of the tree `ParameterNesting.nest` builds: a value, an object with hashed members
/// (kept in first-insertion order) or an array. A class, so a deep insert mutates in place.
private final class NestingNode {
  private enum Content {
    case value(JSONValue)
    case object(order: [String], members: [String: NestingNode])
    case array([NestingNode])
  }
  private var content: Content

  init(_ value: JSONValue = .null) { content = .value(value) }

  /// As PHP's form decoding: a leaf replaces what was there (keeping its place), a key under a
  /// non-object turns it into an object, an empty segment appends to an array (replacing a
  /// non-array).
  func insert(_ value: JSONValue, at path: ArraySlice<String>) {
    guard let head = path.first else {
      content = .value(value)
      return
    }
    let rest = path.dropFirst()
    if head.isEmpty {
      var items: [NestingNode]
      if case .array(let existing) = content { items = existing } else { items = [] }
      content = .value(.null)  // drop the reference so the append does not copy
      let element = NestingNode()
      element.insert(value, at: rest)
      items.append(element)
      content = .array(items)
      return
    }
    var order: [String] = []
    var members: [String: NestingNode] = [:]
    if case .object(let o, let m) = content {
      order = o
      members = m
    }
    content = .value(.null)
    let child: NestingNode
    if rest.isEmpty {
      child = NestingNode(value)
    } else {
      child = members[head] ?? NestingNode()
      child.insert(value, at: rest)
    }
    if members.updateValue(child, forKey: head) == nil { order.append(head) }
    content = .object(order: order, members: members)
  }

  var objectValue: JSONObject {
    guard case .object(let order, let members) = content else { return JSONObject() }
    return JSONObject(members: order.map { JSONObject.Member(key: $0, value: members[$0]!.jsonValue) })
  }

  var jsonValue: JSONValue {
    switch content {
    case .value(let value): return value
    case .object: return .object(objectValue)
    case .array(let items): return .array(items.map(\.jsonValue))
    }
  }
}
