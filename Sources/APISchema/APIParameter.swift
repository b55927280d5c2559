import JSONValue

public enum ParameterLocation: String, Sendable, Hashable, Codable {
  case query, header, path, formData, body
}

/// One operation parameter. Vendor keys are read with their `x-` prefix or without it, the way
/// LucyBot treats them (recipe-format §2.2).
public struct APIParameter: Sendable, Hashable {
  public let name: String
  public let location: ParameterLocation
  /// "string", "integer", "number", "boolean", "file", "array" (nil for body parameters).
  public let type: String?
  public let format: String?
  public let isRequired: Bool
  public let enumValues: [JSONValue]?
  public let enumLabels: [String]?
  public let defaultValue: JSONValue?
  public let consoleDefault: JSONValue?
  public let description: String?
  public let inputType: String?
  public let dynamicEnum: JSONValue?
  /// `x-global`: common to every call (ks, format, partnerId); hidden from default parameter lists.
  public let isGlobal: Bool
  public let isHidden: Bool
  /// The body schema (for `in: body`), references unresolved.
  public let schema: JSONValue?
  public let raw: JSONValue

  public init(_ node: JSONValue) {
    raw = node
    name = node["name"]?.stringValue ?? ""
    location = node["in"]?.stringValue.flatMap(ParameterLocation.init(rawValue:)) ?? .query
    type = node["type"]?.stringValue
    format = node["format"]?.stringValue
    isRequired = node["required"]?.boolValue ?? false
    enumValues = node["enum"]?.arrayValue
    enumLabels = SchemaKeys.value(node, "enumLabels")?.arrayValue?.map(\.displayText)
    defaultValue = node["default"]
    consoleDefault = SchemaKeys.value(node, "consoleDefault")
    description = node["description"]?.stringValue
    inputType = SchemaKeys.value(node, "inputType")?.stringValue
    dynamicEnum = SchemaKeys.value(node, "dynamicEnum").flatMap { $0.isNull ? nil : $0 }
    isGlobal = SchemaKeys.value(node, "global")?.boolValue ?? false
    isHidden = SchemaKeys.value(node, "hidden")?.boolValue ?? false
    schema = node["schema"]
  }
}

/// The keys LucyBot accepts both bare and with an `x-` prefix (recipe-format §2.2 step 1).
public enum SchemaKeys {
  public static let aliased: [String] = [
    "dynamicEnum", "dynamicValue", "hidden", "global", "consoleDefault", "inputType", "group",
    "enumLabels", "showCondition", "parameterGroups",
  ]

  /// `key` if present, else `x-key`.
  public static func value(_ node: JSONValue, _ key: String) -> JSONValue? {
    node[key] ?? node["x-" + key]
  }

  /// A copy of `node` where each aliased key that is unset but has an `x-` twin gets the twin's value.
  public static func applyingAliases(_ node: JSONObject) -> JSONObject {
    var result = node
    for key in aliased where result[key] == nil {
      if let twin = result["x-" + key] { result[key] = twin }
    }
    return result
  }
}
