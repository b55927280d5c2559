import APISchema
import JSONValue
import Recipes

/// The keys of one parameter or schema node that decide its widget and value, after the recipe
/// overlay has been merged over the spec (recipe keys win, §2.2 steps 2-3).
struct NodeTraits {
  var type: String?
  var format: String?
  var enumValues: [JSONValue]?
  var enumLabels: [String]?
  var defaultValue: JSONValue?
  var consoleDefault: JSONValue?
  var hidden = false
  var fromSecrets = false
  var dynamicValue: DynamicValue?
  var dynamicEnum: DynamicEnum?
  var inputType: String?
  var description: String?
  var required = false
  var readOnly = false

  /// Traits of a spec node (a parameter object or a schema property), `x-` aliases applied.
  init(spec node: JSONValue?) {
    guard let node else { return }
    type = node["type"]?.stringValue
    format = node["format"]?.stringValue
    enumValues = node["enum"]?.arrayValue
    enumLabels = SchemaKeys.value(node, "enumLabels")?.arrayValue?.map(\.displayText)
    defaultValue = node["default"]
    consoleDefault = SchemaKeys.value(node, "consoleDefault")
    hidden = SchemaKeys.value(node, "hidden")?.boolValue ?? false
    inputType = SchemaKeys.value(node, "inputType")?.stringValue
    description = node["description"]?.stringValue
    required = node["required"]?.boolValue ?? false
    readOnly = node["readOnly"]?.boolValue ?? false
    if let raw = SchemaKeys.value(node, "dynamicEnum"), !raw.isNull { dynamicEnum = DynamicEnum(spec: raw) }
    if type == nil, node["$ref"] != nil || node["allOf"] != nil || node["properties"] != nil { type = "object" }
  }

  mutating func overlay(_ parameter: Parameter) {
    type = parameter.type ?? type
    enumValues = parameter.enumValues ?? enumValues
    enumLabels = parameter.enumLabels ?? (parameter.enumValues != nil ? nil : enumLabels)
    defaultValue = parameter.defaultValue ?? defaultValue
    consoleDefault = parameter.consoleDefault ?? consoleDefault
    hidden = parameter.hidden || hidden
    fromSecrets = parameter.fromSecrets
    dynamicValue = parameter.dynamicValue
    dynamicEnum = parameter.dynamicEnum ?? dynamicEnum
    inputType = parameter.inputType ?? inputType
    description = parameter.description ?? description
    required = parameter.required ?? required
  }

  mutating func overlay(_ node: SchemaNode) {
    type = node.type ?? type
    enumValues = node.enumValues ?? enumValues
    enumLabels = node.enumLabels ?? (node.enumValues != nil ? nil : enumLabels)
    defaultValue = node.defaultValue ?? defaultValue
    // The legacy `value` key (ovp/ad_cue_points) is honoured as a fixed default (§2.4).
    consoleDefault = node.consoleDefault ?? node.value ?? consoleDefault
    hidden = node.hidden || hidden
    fromSecrets = node.fromSecrets
    dynamicValue = node.dynamicValue
    dynamicEnum = node.dynamicEnum ?? dynamicEnum
    inputType = node.inputType ?? inputType
    description = node.description ?? description
    required = node.required ?? required
  }

  var choices: [EnumChoice] {
    guard let enumValues else { return [] }
    return enumValues.enumerated().map { i, value in
      let label = enumLabels.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? value.displayText
      return EnumChoice(value: value, label: label)
    }
  }

  /// Widget per §2.5: inputType first, then enum/dynamicEnum, then the type.
  var widget: WidgetKind {
    switch inputType {
    case "textarea": return .textarea
    case "password": return .password
    case "datetime": return .datetime
    case "text": return .text
    default: break
    }
    if enumValues?.isEmpty == false { return .enumeration }
    if dynamicEnum != nil { return .dynamicEnum }
    switch type {
    case "boolean": return .boolean
    case "integer": return .integer
    case "number": return .number
    case "file": return .file
    case "object", "array": return .json
    default: return .text
    }
  }
}

extension DynamicEnum {
  /// A spec `x-dynamicEnum` object (same fields as the recipe form, §4).
  init?(spec node: JSONValue) {
    guard let path = node["path"]?.stringValue else { return nil }
    let arguments = node["parameters"]?.arrayValue?.compactMap { item -> DynamicEnum.Argument? in
      guard let name = item["name"]?.stringValue else { return nil }
      return DynamicEnum.Argument(name: name, value: item["value"] ?? .null)
    }
    self.init(
      path: path, method: node["method"]?.stringValue ?? "post", array: node["array"]?.stringValue ?? "objects",
      value: node["value"]?.stringValue ?? "id", label: node["label"]?.stringValue ?? "name",
      parameters: arguments, line: 0)
  }
}
