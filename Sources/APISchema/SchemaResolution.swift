import JSONValue

/// `$ref` / `allOf` / `anyOf` / `oneOf` navigation over schema nodes (recipe-format §2.2 step 3).
extension APIDocument {
  /// `node` with its `$ref` chain followed (a node with no `$ref` is returned unchanged).
  /// Sibling keys beside a `$ref` are kept and win over the target's.
  public func resolvedSchema(_ node: JSONValue) -> JSONValue {
    var current = node
    var hops = 0
    while let reference = current["$ref"]?.stringValue, hops < 32 {
      guard let target = resolveReference(reference), case .object(var merged) = target else { break }
      if case .object(let own) = current {
        for member in own.members where member.key != "$ref" { merged[member.key] = member.value }
      }
      current = .object(merged)
      hops += 1
    }
    return current
  }

  /// The spec node for property `name` of `schema`: its own `properties`, then the `allOf`
  /// parents, then the `anyOf`/`oneOf` subtypes, recursively (the first match wins). The
  /// returned node has its own `$ref` resolved.
  public func property(named name: String, in schema: JSONValue) -> JSONValue? {
    var visited: Set<String> = []
    return findProperty(name, in: schema, visited: &visited)
  }

  private func findProperty(_ name: String, in schema: JSONValue, visited: inout Set<String>) -> JSONValue? {
    if let reference = schema["$ref"]?.stringValue {
      guard visited.insert(reference).inserted else { return nil }
    }
    let node = resolvedSchema(schema)
    if let found = node["properties"]?[name] { return resolvedSchema(found) }
    for key in ["allOf", "anyOf", "oneOf"] {
      for child in node[key]?.arrayValue ?? [] {
        if let found = findProperty(name, in: child, visited: &visited) { return found }
      }
    }
    return nil
  }

  /// All properties of `schema` including those inherited through `allOf`, parents first, in
  /// document order (subtypes under `anyOf`/`oneOf` are not included).
  public func allProperties(of schema: JSONValue) -> JSONObject {
    var result = JSONObject()
    var visited: Set<String> = []
    collectProperties(schema, into: &result, visited: &visited)
    return result
  }

  private func collectProperties(_ schema: JSONValue, into result: inout JSONObject, visited: inout Set<String>) {
    if let reference = schema["$ref"]?.stringValue {
      guard visited.insert(reference).inserted else { return }
    }
    let node = resolvedSchema(schema)
    for parent in node["allOf"]?.arrayValue ?? [] { collectProperties(parent, into: &result, visited: &visited) }
    for member in node["properties"]?.objectValue ?? JSONObject() { result[member.key] = member.value }
  }

  /// Names of the concrete subtypes a polymorphic schema lists (`anyOf`/`oneOf` `$ref`s).
  public func subtypeNames(of schema: JSONValue) -> [String] {
    let node = resolvedSchema(schema)
    var names: [String] = []
    for key in ["anyOf", "oneOf"] {
      for child in node[key]?.arrayValue ?? [] {
        if let reference = child["$ref"]?.stringValue, let last = reference.split(separator: "/").last {
          names.append(String(last))
        }
      }
    }
    return names
  }

  /// The labelled values of a named enum in the document's `x-enums` (e.g. "KalturaEntryStatus").
  public func enumType(named name: String) -> [(value: JSONValue, label: String)]? {
    guard let node = raw["x-enums"]?[name] else { return nil }
    return (node["oneOf"]?.arrayValue ?? []).compactMap { item in
      guard let value = item["enum"]?[0] else { return nil }
      return (value, item["title"]?.stringValue ?? value.displayText)
    }
  }
}
