import APISchema
import JSONValue
import Recipes

/// How a field is edited (recipe-format §2.5).
public enum WidgetKind: String, Sendable, Hashable, Codable {
  case text, number, integer, boolean
  /// Fixed choices (`FormField.choices`).
  case enumeration
  /// Choices fetched from another operation (`FormField.dynamicEnum`).
  case dynamicEnum
  /// A path on disk, sent as a multipart file part.
  case file
  /// Masked text.
  case password
  /// Multi-line text (`x-inputType: textarea`).
  case textarea
  /// A JSON value edited as text (objects typed only by the spec, arrays, `$ref` properties).
  case json
  /// Epoch seconds (`x-inputType: datetime`).
  case datetime
  /// A group of nested fields (`FormField.children`); it has no value of its own.
  case object
}

/// One fixed choice of an enum field.
public struct EnumChoice: Sendable, Hashable {
  /// The literal value sent (keeps the JSON type written in the recipe or spec).
  public var value: JSONValue
  public var label: String

  public init(value: JSONValue, label: String) {
    self.value = value
    self.label = label
  }

  /// `label [value]`, or just the value when the label says the same.
  public var displayText: String {
    label == value.displayText ? label : "\(label) [\(value.displayText)]"
  }
}

/// One input of a step's form, after the recipe overlay has been merged with the spec (§2.2).
public struct FormField: Sendable, Hashable, Identifiable {
  /// Answer key: the parameter name at the top level (`uploadTokenId`), a dot path below the
  /// body (`body.entry.name`).
  public var path: String
  public var id: String { path }
  /// Last segment of the path.
  public var name: String
  public var label: String
  public var kind: WidgetKind
  public var description: String?
  public var isRequired: Bool
  /// Not shown, but initialised and sent like any other field.
  public var isHidden: Bool
  /// False for parameters that are not the operation's (template variables such as `uiConf`,
  /// inputs of params-only steps): shown and stored, never sent.
  public var isSent: Bool
  /// False for recipe properties the spec does not know (no type to edit); a value they carry
  /// (default, link) is still sent.
  public var isEditable: Bool
  /// Where a sent top-level parameter goes; body fields say `.body`.
  public var location: ParameterLocation?
  /// Spec/recipe type ("string", "integer", "boolean", "object"...), nil when unknown.
  public var type: String?
  public var choices: [EnumChoice]
  public var dynamicEnum: DynamicEnum?
  public var dynamicValue: DynamicValue?
  public var fromSecrets: Bool
  public var consoleDefault: JSONValue?
  public var defaultValue: JSONValue?
  /// Levels below the top: 0 for a parameter, 1 for `body.x`, 2 for `body.x.y`...
  public var depth: Int
  /// Nested fields of an `.object` field, in recipe order.
  public var children: [FormField]

  public init(
    path: String, kind: WidgetKind, label: String? = nil, description: String? = nil, isRequired: Bool = false,
    isHidden: Bool = false, isSent: Bool = true, isEditable: Bool = true, location: ParameterLocation? = nil,
    type: String? = nil, choices: [EnumChoice] = [], dynamicEnum: DynamicEnum? = nil,
    dynamicValue: DynamicValue? = nil, fromSecrets: Bool = false, consoleDefault: JSONValue? = nil,
    defaultValue: JSONValue? = nil, depth: Int = 0, children: [FormField] = []
  ) {
    self.path = path
    self.name = String(path.split(separator: ".").last ?? Substring(path))
    self.label = label ?? self.name
    self.kind = kind
    self.description = description
    self.isRequired = isRequired
    self.isHidden = isHidden
    self.isSent = isSent
    self.isEditable = isEditable
    self.location = location
    self.type = type
    self.choices = choices
    self.dynamicEnum = dynamicEnum
    self.dynamicValue = dynamicValue
    self.fromSecrets = fromSecrets
    self.consoleDefault = consoleDefault
    self.defaultValue = defaultValue
    self.depth = depth
    self.children = children
  }

  /// True for fields whose value must never be printed or saved without consent.
  public var isSecret: Bool {
    kind == .password || Redaction.secretKeys.contains(name)
  }

  /// This field and every field below it, depth first.
  public var flattened: [FormField] { [self] + children.flatMap(\.flattened) }

  /// Turns what a user typed into the value to store, per the widget kind: numbers and
  /// booleans are parsed, enum input may be the value or the label, JSON is parsed.
  public func parseInput(_ text: String) throws(FieldInputError) -> JSONValue {
    switch kind {
    case .integer, .datetime:
      if let i = Int(text) { return .int(i) }
      throw FieldInputError(path: path, message: "expected an integer, got \"\(text)\"")
    case .number:
      if let i = Int(text) { return .int(i) }
      if let d = Double(text) { return .double(d) }
      throw FieldInputError(path: path, message: "expected a number, got \"\(text)\"")
    case .boolean:
      switch text.lowercased() {
      case "true", "1", "yes": return .bool(true)
      case "false", "0", "no": return .bool(false)
      default: throw FieldInputError(path: path, message: "expected true or false, got \"\(text)\"")
      }
    case .enumeration:
      if let choice = choices.first(where: { $0.value.displayText == text || $0.label == text }) {
        return choice.value
      }
      let allowed = choices.map(\.displayText).joined(separator: ", ")
      throw FieldInputError(path: path, message: "expected one of \(allowed), got \"\(text)\"")
    case .json, .object:
      do { return try JSONValue(parsing: text) } catch {
        throw FieldInputError(path: path, message: "invalid JSON at \(error)")
      }
    case .text where type == nil && (text.hasPrefix("{") || text.hasPrefix("[")):
      // An untyped field given a JSON object or array means that JSON, not its text.
      return (try? JSONValue(parsing: text)) ?? .string(text)
    case .text, .textarea, .dynamicEnum:
      // A text widget over a numeric type (`inputType: text`, a dynamic enum of ids) still
      // sends a number: JSON requests carry `1`, not `"1"`.
      guard type == "integer" || type == "number" else { return .string(text) }
      if let i = Int(text) { return .int(i) }
      if type == "number", let d = Double(text) { return .double(d) }
      let expected = type == "integer" ? "an integer" : "a number"
      throw FieldInputError(path: path, message: "expected \(expected), got \"\(text)\"")
    case .password, .file:
      return .string(text)
    }
  }
}

public struct FieldInputError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// The resolved form of one step.
public struct StepForm: Sendable, Hashable {
  /// 0-based step index (as `fromStep` counts).
  public var stepIndex: Int
  public var title: String
  /// Lower-case HTTP method; nil for steps that send nothing.
  public var method: String?
  public var path: String?
  /// `operationId` from the spec (`media.get`), nil without spec or call.
  public var operationID: String?
  /// False for `security: []` operations (session.start...); true when unknown.
  public var requiresSession: Bool
  /// Whether the operation was found in the spec (false also when there is no spec).
  public var hasOperation: Bool
  /// Top-level fields in order; the body is one `.object` field named `body`.
  public var fields: [FormField]
  /// Things worth telling the recipe author (properties unknown to the spec...). Never fatal.
  public var notes: [String]
  /// The spec says (`x-sandbox: synthesized`, as the embedded sandbox serves it) that the reply
  /// will be made up rather than computed: worth a warning before the step is sent.
  public var replyIsSynthesized = false

  public init(
    stepIndex: Int, title: String, method: String? = nil, path: String? = nil, operationID: String? = nil,
    requiresSession: Bool = true, hasOperation: Bool = false, fields: [FormField] = [], notes: [String] = []
  ) {
    self.stepIndex = stepIndex
    self.title = title
    self.method = method
    self.path = path
    self.operationID = operationID
    self.requiresSession = requiresSession
    self.hasOperation = hasOperation
    self.fields = fields
    self.notes = notes
  }

  /// True when the step sends a request.
  public var sendsRequest: Bool { method != nil && path != nil }

  /// Every field, depth first.
  public var allFields: [FormField] { fields.flatMap(\.flattened) }

  /// Fields that hold a value (everything except `.object` groups).
  public var valueFields: [FormField] { allFields.filter { $0.kind != .object } }

  public func field(_ path: String) -> FormField? { allFields.first { $0.path == path } }

  /// The first file field (what `--file` fills).
  public var firstFileField: FormField? { allFields.first { $0.kind == .file } }
}
