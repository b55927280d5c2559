import APISchema
import JSONValue

/// What the spec says about the values of one call: the enum member each value names and the
/// Kaltura class of each nested object, by dot path below the arguments ("entry.mediaType").
struct SpecTypes {
  var enums: [String: SampleEnumMember] = [:]
  var classes: [String: String] = [:]

  /// Walks `arguments` (name → value) against the operation's parameters and body schema.
  init(document: APIDocument, operation: Operation, arguments: [(name: String, value: JSONValue)]) {
    let body = operation.bodyParameter?.schema.map { document.resolvedSchema($0) }
    for argument in arguments {
      if let schema = body?["properties"]?[argument.name] {
        visit(document, schema, argument.value, path: [argument.name])
      } else if let parameter = operation.parameter(named: argument.name) {
        note(parameter.raw, argument.value, path: [argument.name])
      }
    }
  }

  private mutating func visit(_ document: APIDocument, _ schema: JSONValue, _ value: JSONValue, path: [String]) {
    let dotted = path.joined(separator: ".")
    if let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last {
      classes[dotted] = String(name)
    }
    switch value {
    case .object(let members):
      let className = members["objectType"]?.stringValue ?? classes[dotted]
      let container = className.flatMap { document.definition($0) } ?? document.resolvedSchema(schema)
      for member in members where member.key != "objectType" {
        guard let property = rawProperty(document, member.key, in: container) else { continue }
        visit(document, property, member.value, path: path + [member.key])
      }
    case .array(let items):
      guard let itemSchema = document.resolvedSchema(schema)["items"] else { return }
      for (index, item) in items.enumerated() { visit(document, itemSchema, item, path: path + ["\(index)"]) }
    default:
      note(document.resolvedSchema(schema), value, path: path)
    }
  }

  /// Records the enum member `value` is, when the node has `x-enumType` and labels.
  private mutating func note(_ node: JSONValue, _ value: JSONValue, path: [String]) {
    guard let type = node["x-enumType"]?.stringValue, let values = node["enum"]?.arrayValue,
      let labels = node["x-enumLabels"]?.arrayValue,
      let index = values.firstIndex(where: { $0.displayText == value.displayText }), labels.indices.contains(index),
      let constant = labels[index].stringValue
    else { return }
    enums[path.joined(separator: ".")] = SampleEnumMember(type: type, constant: constant)
  }

  /// A property's node as written (its `$ref` kept, so the class name is known), searched
  /// through the class and its `allOf` parents.
  private func rawProperty(_ document: APIDocument, _ name: String, in schema: JSONValue, depth: Int = 0)
    -> JSONValue?
  {
    guard depth < 16 else { return nil }
    let node = document.resolvedSchema(schema)
    if let found = node["properties"]?[name] { return found }
    for parent in node["allOf"]?.arrayValue ?? [] {
      if let found = rawProperty(document, name, in: parent, depth: depth + 1) { return found }
    }
    return nil
  }
}
