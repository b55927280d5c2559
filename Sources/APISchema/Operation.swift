import JSONValue

/// One operation (method + path) with its parameters resolved through `$ref`.
public struct Operation: Sendable {
  /// Lower-case HTTP method ("post").
  public let method: String
  public let path: String
  public let operationID: String?
  public let summary: String?
  public let description: String?
  public let tags: [String]
  public let parameters: [APIParameter]
  /// The effective security requirement: the operation's own, else the document's.
  public let security: [JSONValue]?
  /// The success reply's schema (`responses.200.schema`), references unresolved.
  public let responseSchema: JSONValue?
  /// The raw operation object.
  public let raw: JSONObject

  init(document: APIDocument, method: String, path: String, node: JSONObject, pathItem: JSONObject) {
    self.method = method
    self.path = path
    operationID = node["operationId"]?.stringValue
    summary = node["summary"]?.stringValue
    description = node["description"]?.stringValue
    tags = node["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
    // Path-level parameters apply unless the operation overrides the same name+in.
    let own = (node["parameters"]?.arrayValue ?? []).map { APIParameter(document.resolveParameter($0)) }
    let shared = (pathItem["parameters"]?.arrayValue ?? []).map { APIParameter(document.resolveParameter($0)) }
    let overridden = Set(own.map { "\($0.location.rawValue):\($0.name)" })
    parameters = shared.filter { !overridden.contains("\($0.location.rawValue):\($0.name)") } + own
    security = node["security"]?.arrayValue ?? document.defaultSecurity
    responseSchema = node["responses"]?["200"]?["schema"] ?? node["responses"]?["default"]?["schema"]
    raw = node
  }

  /// False for operations whose `security` is `[]` (session.start, user.loginByLoginId...).
  public var requiresSession: Bool {
    guard let security else { return false }
    return !security.isEmpty
  }

  public func parameter(named name: String) -> APIParameter? {
    parameters.first { $0.name == name }
  }

  /// The operation's own `in: body` parameter, if any. Kaltura's spec also declares global body
  /// parameters (`responseProfile`, `x-global`), which must not hide the operation's body.
  public var bodyParameter: APIParameter? {
    let bodies = parameters.filter { $0.location == .body }
    return bodies.first { !$0.isGlobal } ?? bodies.first
  }

  /// Whether `name` is a parameter of this operation, either top-level or (for Kaltura's
  /// JSON-body style) a property of the body schema.
  public func hasParameter(named name: String) -> Bool { parameter(named: name) != nil }

  /// Value of an `x-…` vendor extension on the operation.
  public func vendorExtension(_ key: String) -> JSONValue? { raw[key] }
}

extension APIDocument {
  /// A parameter object with its `$ref` (if any) followed.
  func resolveParameter(_ node: JSONValue) -> JSONValue {
    var current = node
    var hops = 0
    while let reference = current["$ref"]?.stringValue, hops < 16, let target = resolveReference(reference) {
      current = target
      hops += 1
    }
    return current
  }
}
