import APISchema
import JSONValue
import Recipes

/// Builds resolved forms (recipe-format §2.2-2.5): the recipe's parameters overlaid on the
/// spec operation, or inferred from the recipe alone when there is no spec.
public struct FormBuilder: Sendable {
  public var document: APIDocument?
  /// Spec-only objects nest this deep below the body before they become JSON fields.
  public var maximumSpecDepth = 2

  /// Names recipes use as template variables rather than API parameters. Only consulted when
  /// there is no spec operation to say which parameters are the operation's.
  public static let templateVariables: Set<String> = [
    "uiConf", "vid_slices", "playerUiConf", "appTokenValue", "hashFunction",
  ]

  public init(document: APIDocument?) {
    self.document = document
  }

  public func forms(for recipe: Recipe) -> [StepForm] {
    recipe.steps.map { form(for: $0) }
  }

  public func form(for step: Step) -> StepForm {
    var form = StepForm(stepIndex: step.index, title: step.title)
    var notes: [String] = []
    guard let call = step.apiCall else {
      // Params-only (or prose) step: inputs are template variables only, never sent.
      form.requiresSession = false
      form.fields = (step.parameters ?? []).map { standaloneField($0) }
      return form
    }
    form.method = call.method.lowercased()
    form.path = call.path
    let operation = document?.operation(method: call.method, path: call.path)
    if let operation {
      form.operationID = operation.operationID
      form.requiresSession = operation.requiresSession
      form.replyIsSynthesized = operation.vendorExtension("x-sandbox")?.stringValue == "synthesized"
      form.hasOperation = true
    } else if document != nil {
      notes.append("\(call.method.uppercased()) \(call.path) is not in the spec")
    }
    if let parameters = step.parameters {
      form.fields = parameters.map { parameter in
        if let operation {
          return field(for: parameter, operation: operation, notes: &notes)
        }
        return inferredField(parameter)
      }
    } else if let operation {
      let ignored = Set(call.ignoreParameters)
      form.fields = operation.parameters.filter { !$0.isGlobal && !ignored.contains($0.name) }.flatMap {
        specOnlyFields($0)
      }
    }
    form.notes = notes
    return form
  }

  // MARK: - with a spec operation

  private func field(for parameter: Parameter, operation: Operation, notes: inout [String]) -> FormField {
    let spec = operation.parameter(named: parameter.name)
    if parameter.name == "body" || parameter.location == "body" || spec?.location == .body {
      let specSchema = spec?.schema
      guard let schema = parameter.schema else {
        return specSchema.map { specBodyField(name: parameter.name, schema: $0, hidden: parameter.hidden) }
          ?? standaloneField(parameter)
      }
      var traits = NodeTraits(spec: nil)
      traits.overlay(parameter)
      let children = bodyFields(
        schema, spec: specSchema, parentPath: parameter.name, depth: 1, hiddenParent: parameter.hidden,
        editableParent: true, notes: &notes)
      return FormField(
        path: parameter.name, kind: .object, description: traits.description, isHidden: parameter.hidden,
        isSent: spec != nil, location: .body, type: "object", depth: 0, children: children)
    }
    guard let spec else { return standaloneField(parameter) }
    var traits = NodeTraits(spec: spec.raw)
    traits.overlay(parameter)
    return FormField(
      path: parameter.name, kind: traits.widget, description: traits.description, isRequired: traits.required,
      isHidden: traits.hidden, isSent: true, location: spec.location, type: traits.type, choices: traits.choices,
      dynamicEnum: traits.dynamicEnum, dynamicValue: traits.dynamicValue, fromSecrets: traits.fromSecrets,
      consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue)
  }

  /// Only the properties the recipe lists, each merged with the spec property of that name.
  private func bodyFields(
    _ node: SchemaNode, spec: JSONValue?, parentPath: String, depth: Int, hiddenParent: Bool,
    editableParent: Bool, notes: inout [String]
  ) -> [FormField] {
    let required = Set(
      spec.flatMap { document?.resolvedSchema($0)["required"]?.arrayValue }?.compactMap(\.stringValue) ?? [])
    return (node.properties ?? []).map { property in
      let path = "\(parentPath).\(property.name)"
      let specProperty = spec.flatMap { document?.property(named: property.name, in: $0) }
      let known = specProperty != nil
      if !known && editableParent && spec != nil {
        notes.append("\(path): not a property of the spec's schema; kept but not editable")
      }
      var traits = NodeTraits(spec: specProperty)
      traits.overlay(property.node)
      traits.required = traits.required || required.contains(property.name)
      let hidden = traits.hidden || hiddenParent
      if property.node.ref != nil {
        // A `$ref` property is a whole object typed by the spec, edited as JSON (§2.4).
        return FormField(
          path: path, kind: .json, description: traits.description ?? property.node.ref, isRequired: traits.required,
          isHidden: hidden, location: .body, type: "object", dynamicValue: traits.dynamicValue,
          fromSecrets: traits.fromSecrets, consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue,
          depth: depth)
      }
      if property.node.properties != nil {
        let children = bodyFields(
          property.node, spec: specProperty, parentPath: path, depth: depth + 1, hiddenParent: hidden,
          editableParent: known, notes: &notes)
        return FormField(
          path: path, kind: .object, description: traits.description, isRequired: traits.required,
          isHidden: hidden, isEditable: known || spec == nil, location: .body, type: "object", depth: depth,
          children: children)
      }
      return FormField(
        path: path, kind: traits.widget, description: traits.description, isRequired: traits.required,
        isHidden: hidden, isEditable: known || spec == nil, location: .body, type: traits.type,
        choices: traits.choices, dynamicEnum: traits.dynamicEnum, dynamicValue: traits.dynamicValue,
        fromSecrets: traits.fromSecrets, consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue,
        depth: depth)
    }
  }

  // MARK: - spec only (`parameters` absent)

  private func specOnlyFields(_ parameter: APIParameter) -> [FormField] {
    if parameter.location == .body, let schema = parameter.schema {
      return [specBodyField(name: parameter.name, schema: schema, hidden: parameter.isHidden)]
    }
    let traits = NodeTraits(spec: parameter.raw)
    return [
      FormField(
        path: parameter.name, kind: traits.widget, description: traits.description, isRequired: traits.required,
        isHidden: traits.hidden, location: parameter.location, type: traits.type, choices: traits.choices,
        dynamicEnum: traits.dynamicEnum, consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue)
    ]
  }

  private func specBodyField(name: String, schema: JSONValue, hidden: Bool) -> FormField {
    FormField(
      path: name, kind: .object, isHidden: hidden, location: .body, type: "object",
      children: specChildren(schema, parentPath: name, depth: 1, hidden: hidden))
  }

  private func specChildren(_ schema: JSONValue, parentPath: String, depth: Int, hidden: Bool) -> [FormField] {
    guard let document else { return [] }
    let resolved = document.resolvedSchema(schema)
    let required = Set(resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    return document.allProperties(of: schema).members.compactMap { member -> FormField? in
      let node = document.resolvedSchema(member.value)
      var traits = NodeTraits(spec: node)
      if traits.readOnly { return nil }
      traits.required = traits.required || required.contains(member.key)
      let path = "\(parentPath).\(member.key)"
      let isObject = traits.type == "object" && traits.enumValues == nil
      if isObject && depth < maximumSpecDepth {
        return FormField(
          path: path, kind: .object, description: traits.description, isRequired: traits.required, isHidden: hidden,
          location: .body, type: "object", depth: depth,
          children: specChildren(member.value, parentPath: path, depth: depth + 1, hidden: hidden))
      }
      return FormField(
        path: path, kind: traits.widget, description: traits.description, isRequired: traits.required,
        isHidden: hidden || traits.hidden, location: .body, type: traits.type, choices: traits.choices,
        dynamicEnum: traits.dynamicEnum, consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue,
        depth: depth)
    }
  }

  // MARK: - without a spec

  /// What the recipe alone allows: enums, the types of defaults, nested body properties.
  private func inferredField(_ parameter: Parameter) -> FormField {
    if parameter.name == "body" || parameter.location == "body", let schema = parameter.schema {
      var ignored: [String] = []
      return FormField(
        path: parameter.name, kind: .object, description: parameter.description, isHidden: parameter.hidden,
        location: .body, type: "object",
        children: bodyFields(
          schema, spec: nil, parentPath: parameter.name, depth: 1, hiddenParent: parameter.hidden,
          editableParent: true, notes: &ignored))
    }
    var field = standaloneField(parameter)
    let isTemplateVariable = parameter.custom || Self.templateVariables.contains(parameter.name)
    field.isSent = parameter.location != nil || !isTemplateVariable
    field.location = parameter.location.flatMap(ParameterLocation.init(rawValue:)) ?? (field.isSent ? .query : nil)
    if parameter.name == "fileData" && parameter.type == nil { field.kind = .file }
    return field
  }

  /// A field that is not (known to be) an operation parameter: shown, stored, never sent.
  private func standaloneField(_ parameter: Parameter) -> FormField {
    var traits = NodeTraits(spec: nil)
    traits.overlay(parameter)
    if traits.type == nil, let sample = traits.consoleDefault ?? traits.defaultValue ?? traits.enumValues?.first {
      traits.type = Self.typeName(of: sample)
    }
    return FormField(
      path: parameter.name, kind: traits.widget, description: traits.description, isRequired: traits.required,
      isHidden: traits.hidden, isSent: false, type: traits.type, choices: traits.choices,
      dynamicEnum: traits.dynamicEnum, dynamicValue: traits.dynamicValue, fromSecrets: traits.fromSecrets,
      consoleDefault: traits.consoleDefault, defaultValue: traits.defaultValue)
  }

  static func typeName(of value: JSONValue) -> String? {
    switch value {
    case .bool: return "boolean"
    case .int: return "integer"
    case .double: return "number"
    case .string: return "string"
    case .object: return "object"
    case .array: return "array"
    case .null: return nil
    }
  }
}
