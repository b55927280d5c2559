import JSONValue

/// A parameter overlay of an API Call block (§2.3). `x-` aliases are already folded in
/// (§2.2 step 1): `x-consoleDefault` shows up as `consoleDefault` etc.; `raw` is the object as
/// written.
@dynamicMemberLookup
public struct Parameter: Sendable, Hashable {
  public var name: String
  /// `in`: "body", "query", "formData"...; often absent (taken from the spec).
  public var location: String?
  /// Partial JSON schema of a body parameter.
  public var schema: SchemaNode?
  /// `type`, `enum`, `default`, `hidden`...: read as `parameter.type` etc.
  public var attributes = FieldAttributes()
  /// The object as written in the recipe.
  public var raw: JSONObject
  /// File line of the parameter's `name` key (or of its opening brace).
  public var line: Int

  public init(name: String, raw: JSONObject = JSONObject(), line: Int) {
    self.name = name
    self.raw = raw
    self.line = line
  }

  public subscript<Value>(dynamicMember key: WritableKeyPath<FieldAttributes, Value>) -> Value {
    get { attributes[keyPath: key] }
    set { attributes[keyPath: key] = newValue }
  }
}

/// A node of a body schema (§2.4): the root `schema` and every property below it.
@dynamicMemberLookup
public struct SchemaNode: Sendable, Hashable {
  /// `properties` in written order; nil when the node has no `properties` key.
  public var properties: [SchemaProperty]?
  /// `items` of an array node.
  public var items: [SchemaNode]
  /// `$ref` kept as written: the whole object is typed by the spec.
  public var ref: String?
  /// Legacy `value` key (`ovp/ad_cue_points`): recommended as a fixed default.
  public var value: JSONValue?
  /// `type`, `enum`, `default`, `hidden`...: read as `node.type` etc.
  public var attributes = FieldAttributes()
  /// Editor artefact (`body.entry.mediaType`), ignored by LucyBot.
  public var name: String?
  public var raw: JSONObject
  /// File line of the node's key (or of its opening brace for a root schema).
  public var line: Int

  public init(raw: JSONObject = JSONObject(), line: Int) {
    self.items = []
    self.raw = raw
    self.line = line
  }

  public subscript<Value>(dynamicMember key: WritableKeyPath<FieldAttributes, Value>) -> Value {
    get { attributes[keyPath: key] }
    set { attributes[keyPath: key] = newValue }
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
