import APISchema
import JSONValue
import Recipes

/// The keys of one parameter or schema node that decide its widget and value, after the recipe
/// overlay has been merged over the spec (recipe keys win, §2.2 steps 2-3).
@dynamicMemberLookup
struct NodeTraits {
  /// The keys recipes can set too (`type`, `enum`, `default`...), read as `traits.type` etc.
  var fields = FieldAttributes()
  var format: String?
  var readOnly = false

  /// Absent in both spec and recipe means optional.
  var required: Bool {
    get { fields.required ?? false }
    set { fields.required = newValue }
  }

  subscript<Value>(dynamicMember key: WritableKeyPath<FieldAttributes, Value>) -> Value {
    get { fields[keyPath: key] }
    set { fields[keyPath: key] = newValue }
  }

  /// Traits of a spec node (a parameter object or a schema property), `x-` aliases applied.
  init(spec node: JSONValue?) {
    guard let node else { return }
    fields.type = node["type"]?.stringValue
    format = node["format"]?.stringValue
    fields.enumValues = node["enum"]?.arrayValue
    fields.enumLabels = SchemaKeys.value(node, "enumLabels")?.arrayValue?.map(\.displayText)
    fields.defaultValue = node["default"]
    fields.consoleDefault = SchemaKeys.value(node, "consoleDefault")
    fields.hidden = SchemaKeys.value(node, "hidden")?.boolValue ?? false
    fields.inputType = SchemaKeys.value(node, "inputType")?.stringValue
    fields.description = node["description"]?.stringValue
    required = node["required"]?.boolValue ?? false
    readOnly = node["readOnly"]?.boolValue ?? false
    if let raw = SchemaKeys.value(node, "dynamicEnum"), !raw.isNull { fields.dynamicEnum = DynamicEnum(spec: raw) }
    if fields.type == nil, node["$ref"] != nil || node["allOf"] != nil || node["properties"] != nil {
      fields.type = "object"
    }
  }

  mutating func overlay(_ parameter: Parameter) { overlay(parameter.attributes) }

  mutating func overlay(_ node: SchemaNode) {
    overlay(node.attributes)
    // The legacy `value` key (ovp/ad_cue_points) is honoured as a fixed default (§2.4).
    if node.consoleDefault == nil, let value = node.value { fields.consoleDefault = value }
  }

  /// Recipe keys over spec keys; `fromSecrets` and `dynamicValue` exist only in recipes.
  private mutating func overlay(_ recipe: FieldAttributes) {
    fields.type = recipe.type ?? fields.type
    fields.enumValues = recipe.enumValues ?? fields.enumValues
    fields.enumLabels = recipe.enumLabels ?? (recipe.enumValues != nil ? nil : fields.enumLabels)
    fields.defaultValue = recipe.defaultValue ?? fields.defaultValue
    fields.consoleDefault = recipe.consoleDefault ?? fields.consoleDefault
    fields.hidden = recipe.hidden || fields.hidden
    fields.fromSecrets = recipe.fromSecrets
    fields.dynamicValue = recipe.dynamicValue
    fields.dynamicEnum = recipe.dynamicEnum ?? fields.dynamicEnum
    fields.inputType = recipe.inputType ?? fields.inputType
    fields.description = recipe.description ?? fields.description
    fields.required = recipe.required ?? fields.required
  }

  var choices: [EnumChoice] {
    guard let enumValues = fields.enumValues else { return [] }
    return enumValues.enumerated().map { i, value in
      let label = fields.enumLabels.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? value.displayText
      return EnumChoice(value: value, label: label)
    }
  }

  /// Widget per §2.5: inputType first, then enum/dynamicEnum, then the type.
  var widget: WidgetKind {
    switch fields.inputType {
    case "textarea": return .textarea
    case "password": return .password
    case "datetime": return .datetime
    case "text": return .text
    default: break
    }
    if fields.enumValues?.isEmpty == false { return .enumeration }
    if fields.dynamicEnum != nil { return .dynamicEnum }
    switch fields.type {
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
