import JSONValue

/// Keys whose `x-` spelling means the same (recipe-format.md §2.2 step 1).
let aliasedKeys = [
  "dynamicEnum", "dynamicValue", "hidden", "global", "consoleDefault", "inputType", "group", "enumLabels",
  "showCondition", "parameterGroups",
]

/// Copies `x-k` to `k` where only the alias is set.
func foldingAliases(_ raw: JSONObject) -> JSONObject {
  var folded = raw
  for key in aliasedKeys where raw[key] == nil {
    if let value = raw["x-" + key] { folded[key] = value }
  }
  return folded
}

private let fieldKeys: Set<String> = [
  "type", "enum", "enumLabels", "default", "consoleDefault", "hidden", "fromSecrets", "dynamicValue",
  "dynamicEnum", "inputType", "custom", "global", "description", "required", "group", "showCondition",
  "parameterGroups", "format", "items", "title",
]
private let parameterKeys = fieldKeys.union(["name", "in", "schema"])
private let schemaKeys = fieldKeys.union([
  "properties", "$ref", "value", "name", "additionalProperties", "allOf", "anyOf", "oneOf", "readOnly", "example",
  "minimum", "maximum", "minLength", "maxLength", "pattern",
])
private let dynamicValueKeys: Set<String> = ["fromStep", "value", "answer"]
private let dynamicEnumKeys: Set<String> = ["path", "method", "array", "value", "label", "parameters", "fromStep"]

extension JSONBlockReader {
  /// The `parameters` array of an API Call block.
  mutating func parameters(_ items: [JSONValue], path: [String]) -> [Parameter] {
    var result: [Parameter] = []
    for (i, item) in items.enumerated() {
      let itemPath = path + [String(i)]
      guard let raw = item.objectValue else {
        error(at: itemPath, "parameter \(i + 1) must be an object, found \(item.typeName)")
        continue
      }
      guard let name = raw["name"]?.stringValue, !name.isEmpty else {
        let found = raw["name"].map { "a \($0.typeName)" } ?? "none"
        error(at: itemPath, "parameter \(i + 1) needs a 'name' string (found \(found))")
        continue
      }
      result.append(parameter(name: name, raw: raw, path: itemPath))
    }
    return result
  }

  private mutating func parameter(name: String, raw: JSONObject, path: [String]) -> Parameter {
    let context = "parameter '\(name)'"
    checkKeys(raw, known: parameterKeys, path: path, context: context)
    let object = foldingAliases(raw)
    var parameter = Parameter(name: name, raw: raw, line: line(path + ["name"]))
    parameter.location = string(object, "in", path: path, context: context)
    if let schemaValue = object["schema"] {
      parameter.schema = schemaNode(schemaValue, path: path + ["schema"], context: "schema of \(context)")
    }
    parameter.attributes = attributes(object, path: path, context: context)
    return parameter
  }

  private mutating func schemaNode(_ value: JSONValue, path: [String], context: String) -> SchemaNode? {
    guard let raw = value.objectValue else {
      error(at: path, "\(context) must be an object, found \(value.typeName)")
      return nil
    }
    let hint = raw["properties"] == nil ? nil : "properties belong inside 'properties'; this one is ignored"
    checkKeys(raw, known: schemaKeys, path: path, context: context, hint: hint)
    let object = foldingAliases(raw)
    var node = SchemaNode(raw: raw, line: line(path))
    if let properties = object["properties"] {
      node.properties = schemaProperties(properties, path: path + ["properties"], context: context)
    }
    if let items = object["items"] {
      let itemsPath = path + ["items"]
      if let list = items.arrayValue {
        node.items = list.enumerated().compactMap { i, item in
          schemaNode(item, path: itemsPath + [String(i)], context: "items of \(context)")
        }
      } else if let item = schemaNode(items, path: itemsPath, context: "items of \(context)") {
        node.items = [item]
      }
    }
    node.ref = string(object, "$ref", path: path, context: context)
    node.value = object["value"]
    node.name = string(object, "name", path: path, context: context)
    node.attributes = attributes(object, path: path, context: context)
    return node
  }

  private mutating func schemaProperties(_ value: JSONValue, path: [String], context: String) -> [SchemaProperty]? {
    guard let object = value.objectValue else {
      error(at: path, "'properties' of \(context) must be an object, found \(value.typeName)")
      return nil
    }
    var result: [SchemaProperty] = []
    for member in object {
      let propertyContext = "body property '\(member.key)'"
      guard let node = schemaNode(member.value, path: path + [member.key], context: propertyContext) else { continue }
      // A repeated key replaces the earlier one, as JSON.parse does.
      result.removeAll { $0.name == member.key }
      result.append(SchemaProperty(name: member.key, node: node))
    }
    return result
  }

  private mutating func attributes(_ object: JSONObject, path: [String], context: String) -> FieldAttributes {
    var fields = FieldAttributes()
    if let type = object["type"], type.stringValue == nil {
      report(.warning, keyLine(path, "type"), "'type' in \(context) should be a string, found \(type.typeName)")
    } else {
      fields.type = object["type"]?.stringValue
    }
    fields.enumValues = array(object, "enum", path: path, context: context)
    fields.enumLabels = strings(object, "enumLabels", path: path, context: context)
    if let values = fields.enumValues, let labels = fields.enumLabels, values.count != labels.count {
      report(
        .warning, keyLine(path, "enumLabels"),
        "\(context) has \(values.count) enum values but \(labels.count) enumLabels")
    }
    fields.defaultValue = object["default"]
    fields.consoleDefault = object["consoleDefault"]
    fields.hidden = bool(object, "hidden", path: path, context: context) ?? false
    fields.fromSecrets = bool(object, "fromSecrets", path: path, context: context) ?? false
    fields.custom = bool(object, "custom", path: path, context: context) ?? false
    fields.global = bool(object, "global", path: path, context: context) ?? false
    // JSON Schema spells `required` on objects as a list of names; only the flag is modelled.
    if object["required"]?.arrayValue == nil {
      fields.required = bool(object, "required", path: path, context: context)
    }
    fields.inputType = string(object, "inputType", path: path, context: context)
    fields.description = string(object, "description", path: path, context: context)
    if let value = object["dynamicValue"], !value.isNull {
      fields.dynamicValue = dynamicValue(value, path: aliasedPath(path, "dynamicValue"), context: context)
    }
    if let value = object["dynamicEnum"], !value.isNull {
      fields.dynamicEnum = dynamicEnum(value, path: aliasedPath(path, "dynamicEnum"), context: context)
    }
    return fields
  }

  private mutating func dynamicValue(_ value: JSONValue, path: [String], context: String) -> DynamicValue? {
    let context = "dynamicValue of \(context)"
    guard
      let object = checkedObject(
        value, known: dynamicValueKeys, path: path, context: context, expected: "an object or null")
    else { return nil }
    guard let fromStep = object["fromStep"]?.intValue else {
      let found = object["fromStep"].map { "found \($0.typeName)" } ?? "it is missing"
      error(at: path + ["fromStep"], "\(context) needs an integer 'fromStep' (\(found))")
      return nil
    }
    let valuePath = string(object, "value", path: path, context: context)
    let answerPath = string(object, "answer", path: path, context: context)
    switch (valuePath, answerPath) {
    case (let value?, let answer?):
      warning(at: path + ["answer"], "\(context) has both 'value' and 'answer'; '\(answer)' is ignored")
      return DynamicValue(fromStep: fromStep, source: .value(value), line: line(path))
    case (let value?, nil):
      return DynamicValue(fromStep: fromStep, source: .value(value), line: line(path))
    case (nil, let answer?):
      return DynamicValue(fromStep: fromStep, source: .answer(answer), line: line(path))
    case (nil, nil):
      error(at: path, "\(context) needs 'value' (a reply path) or 'answer' (an input name)")
      return nil
    }
  }

  private mutating func dynamicEnum(_ value: JSONValue, path: [String], context: String) -> DynamicEnum? {
    let context = "dynamicEnum of \(context)"
    guard let object = checkedObject(value, known: dynamicEnumKeys, path: path, context: context) else { return nil }
    guard let operationPath = string(object, "path", path: path, context: context) else {
      if object["path"] == nil { error(at: path, "\(context) needs a 'path' (the listing operation)") }
      return nil
    }
    var result = DynamicEnum(path: operationPath, line: line(path))
    for (key, keyPath) in [("method", \DynamicEnum.method), ("array", \.array), ("value", \.value), ("label", \.label)]
    {
      if let text = string(object, key, path: path, context: context) {
        result[keyPath: keyPath] = text
      } else if object[key] == nil {
        warning(at: path, "\(context) has no '\(key)'; using '\(result[keyPath: keyPath])'")
      }
    }
    if let arguments = array(object, "parameters", path: path, context: context) {
      result.parameters = arguments.enumerated().compactMap { i, argument in
        let argumentPath = path + ["parameters", String(i)]
        guard let pair = argument.objectValue, let name = pair["name"]?.stringValue else {
          error(at: argumentPath, "parameter \(i + 1) of \(context) must be an object with a 'name' string")
          return nil
        }
        checkKeys(pair, known: ["name", "value"], path: argumentPath, context: "parameter '\(name)' of \(context)")
        return DynamicEnum.Argument(name: name, value: pair["value"] ?? .null)
      }
    }
    return result
  }
}
