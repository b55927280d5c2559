import JSONValue

/// A parameter overlay of an API Call block (§2.3). `x-` aliases are already folded in
/// (§2.2 step 1): `x-consoleDefault` shows up as `consoleDefault` etc.; `raw` is the object as
/// written. Keys the recipe did not set are nil/false; the spec fills them later (Walkthrough).
public struct Parameter: Sendable, Hashable {
  public var name: String
  /// `in`: "body", "query", "formData"...; often absent (taken from the spec).
  public var location: String?
  /// Partial JSON schema of a body parameter.
  public var schema: SchemaNode?
  public var type: String?
  /// `enum`: fixed choices, with their literal JSON types (`[false, true]` stays boolean).
  public var enumValues: [JSONValue]?
  /// Labels parallel to `enumValues`.
  public var enumLabels: [String]?
  /// `default`: lowest-precedence initial value.
  public var defaultValue: JSONValue?
  /// Initial value beating `default`; for body params a JSON string (§2.3).
  public var consoleDefault: JSONValue?
  /// Not shown but still initialised and sent.
  public var hidden: Bool
  /// Prefill from the session secret with the same key name.
  public var fromSecrets: Bool
  public var dynamicValue: DynamicValue?
  public var dynamicEnum: DynamicEnum?
  /// `inputType`: `textarea`, `text`, `password`, `datetime`...
  public var inputType: String?
  /// Legacy "not an API parameter" marker; not read by LucyBot.
  public var custom: Bool
  public var global: Bool
  public var description: String?
  public var required: Bool?
  /// The object as written in the recipe.
  public var raw: JSONObject
  /// File line of the parameter's `name` key (or of its opening brace).
  public var line: Int

  public init(name: String, raw: JSONObject = JSONObject(), line: Int) {
    self.name = name
    self.hidden = false
    self.fromSecrets = false
    self.custom = false
    self.global = false
    self.raw = raw
    self.line = line
  }
}

/// A node of a body schema (§2.4): the root `schema` and every property below it.
public struct SchemaNode: Sendable, Hashable {
  public var type: String?
  /// `properties` in written order; nil when the node has no `properties` key.
  public var properties: [SchemaProperty]?
  /// `items` of an array node.
  public var items: [SchemaNode]
  /// `$ref` kept as written: the whole object is typed by the spec.
  public var ref: String?
  public var enumValues: [JSONValue]?
  public var enumLabels: [String]?
  public var defaultValue: JSONValue?
  /// Beats `default`; dynamicValue writes here at run time.
  public var consoleDefault: JSONValue?
  /// Legacy `value` key (`ovp/ad_cue_points`): recommended as a fixed default.
  public var value: JSONValue?
  public var hidden: Bool
  public var fromSecrets: Bool
  public var dynamicValue: DynamicValue?
  public var dynamicEnum: DynamicEnum?
  public var inputType: String?
  public var custom: Bool
  public var global: Bool
  public var description: String?
  public var required: Bool?
  /// Editor artefact (`body.entry.mediaType`), ignored by LucyBot.
  public var name: String?
  public var raw: JSONObject
  /// File line of the node's key (or of its opening brace for a root schema).
  public var line: Int

  public init(raw: JSONObject = JSONObject(), line: Int) {
    self.items = []
    self.hidden = false
    self.fromSecrets = false
    self.custom = false
    self.global = false
    self.raw = raw
    self.line = line
  }

  /// The direct property called `name`.
  public func property(_ name: String) -> SchemaNode? {
    properties?.last { $0.name == name }?.node
  }

  /// The node at a dot path of property names (`filter.entryIdEqual`); "" is this node.
  public func node(atPath path: String) -> SchemaNode? {
    var current = self
    for segment in JSONValue.pathSegments(path) {
      guard let next = current.property(String(segment)) else { return nil }
      current = next
    }
    return current
  }
}

/// A named member of `SchemaNode.properties`.
public struct SchemaProperty: Sendable, Hashable {
  public var name: String
  public var node: SchemaNode

  public init(name: String, node: SchemaNode) {
    self.name = name
    self.node = node
  }
}
