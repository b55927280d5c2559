import JSONValue

/// Turns flat form keys into nested parameters, as PHP's form decoding plus Kaltura's
/// `KalturaRequestDeserializer::groupParams` do: `entry[name]=x` and `entry:name=x` both give
/// `{"entry": {"name": "x"}}`; `a[]=1&a[]=2` gives an array; `1:entry:name` nests three deep.
public enum ParameterNesting {
  public static func nest(_ pairs: [(String, String)]) -> JSONObject {
    var root = JSONObject()
    for (key, value) in pairs {
      let path = segments(of: key)
      guard !path.isEmpty else { continue }
      insert(.string(value), at: path[...], into: &root)
    }
    return root
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

  static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: inout JSONObject) {
    guard let head = path.first else { return }
    let rest = path.dropFirst()
    if rest.isEmpty {
      object[head] = value
      return
    }
    var child = object[head] ?? .null
    insert(value, at: rest, into: &child)
    object[head] = child
  }

  static func insert(_ value: JSONValue, at path: ArraySlice<String>, into container: inout JSONValue) {
    guard let head = path.first else {
      container = value
      return
    }
    if head.isEmpty {
      var array = container.arrayValue ?? []
      if path.count == 1 {
        array.append(value)
      } else {
        var element = JSONValue.null
        insert(value, at: path.dropFirst(), into: &element)
        array.append(element)
      }
      container = .array(array)
      return
    }
    var object = container.objectValue ?? JSONObject()
    insert(value, at: path, into: &object)
    container = .object(object)
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
    var result = JSONObject()
    for member in object {
      if member.key.hasSuffix("__null") && member.key.count > 6 {
        result[String(member.key.dropLast(6))] = .null
      } else if result[member.key] == .null && object.contains(member.key + "__null") {
        continue  // `x__null` wins over a value for `x`, whatever the order
      } else {
        result[member.key] = applySpecialKeys(member.value)
      }
    }
    return result
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
