/// Dot paths as recipes write them: `objects.0.id`; numeric segments index arrays and the
/// empty path is the whole value.
extension JSONValue {
  public static func pathSegments(_ path: String) -> [Substring] {
    path.isEmpty ? [] : path.split(separator: ".", omittingEmptySubsequences: false)
  }

  /// The value at `path`, or nil when any segment is missing.
  public func value(atPath path: String) -> JSONValue? {
    var current = self
    for segment in JSONValue.pathSegments(path) {
      switch current {
      case .object(let o):
        guard let next = o[String(segment)] else { return nil }
        current = next
      case .array(let a):
        guard let i = Int(segment), a.indices.contains(i) else { return nil }
        current = a[i]
      default:
        return nil
      }
    }
    return current
  }

  /// Sets the value at `path`, creating objects (or growing arrays with nulls) on the way.
  public mutating func setValue(_ newValue: JSONValue?, atPath path: String) {
    let segments = JSONValue.pathSegments(path)
    guard !segments.isEmpty else {
      self = newValue ?? .null
      return
    }
    JSONValue.set(&self, segments[...], newValue)
  }

  private static func set(_ node: inout JSONValue, _ path: ArraySlice<Substring>, _ v: JSONValue?) {
    guard let head = path.first else {
      node = v ?? .null
      return
    }
    let rest = path.dropFirst()
    if case .array(var a) = node, let i = Int(head), i >= 0 {
      if rest.isEmpty && v == nil {
        if a.indices.contains(i) { a.remove(at: i) }
      } else {
        while a.count <= i { a.append(.null) }
        set(&a[i], rest, v)
      }
      node = .array(a)
      return
    }
    var o = node.objectValue ?? JSONObject()
    let key = String(head)
    if rest.isEmpty {
      o[key] = v
    } else {
      var child = o[key] ?? .object(JSONObject())
      set(&child, rest, v)
      o[key] = child
    }
    node = .object(o)
  }
}
