import JSONValue

/// An OpenAPI 2.0 (Swagger) document. Parsing the text is the only eager work; operations and
/// parameters are decoded on demand from the raw JSON through key → position indexes, because
/// a walkthrough touches a handful of the ~900 operations of the Kaltura spec.
public struct APIDocument: Sendable {
  /// The whole document as parsed.
  public let raw: JSONValue
  public let host: String?
  /// e.g. "/api_v3" (empty when absent).
  public let basePath: String
  public let title: String?
  public let version: String?
  /// The document-wide `security` requirement (nil when absent).
  public let defaultSecurity: [JSONValue]?

  private let pathIndex: [String: Int]
  private let lowercasedPathIndex: [String: Int]
  private let definitionIndex: [String: Int]
  private let sharedParameterIndex: [String: Int]
  private let operationIDIndex: [String: OperationKey]

  struct OperationKey: Sendable, Hashable {
    var method: String
    var pathPosition: Int
  }

  public init(json: JSONValue) throws(APISchemaError) {
    guard case .object(let root) = json else {
      throw APISchemaError("the document is \(json.typeName), expected an object")
    }
    guard root["swagger"] != nil || root["paths"] != nil else {
      throw APISchemaError("not an OpenAPI 2.0 document: no `swagger` or `paths` key")
    }
    raw = json
    host = root["host"]?.stringValue
    basePath = root["basePath"]?.stringValue ?? ""
    title = root["info"]?["title"]?.stringValue
    version = root["info"]?["version"]?.stringValue
    defaultSecurity = root["security"]?.arrayValue
    let paths = root["paths"]?.objectValue ?? JSONObject()
    pathIndex = Self.positions(paths)
    var lowered: [String: Int] = [:]
    var byID: [String: OperationKey] = [:]
    for (position, member) in paths.members.enumerated() {
      lowered[member.key.lowercased()] = lowered[member.key.lowercased()] ?? position
      guard case .object(let item) = member.value else { continue }
      for entry in item.members where Self.httpMethods.contains(entry.key) {
        if let id = entry.value["operationId"]?.stringValue {
          byID[id] = OperationKey(method: entry.key, pathPosition: position)
        }
      }
    }
    lowercasedPathIndex = lowered
    operationIDIndex = byID
    definitionIndex = Self.positions(root["definitions"]?.objectValue ?? JSONObject())
    sharedParameterIndex = Self.positions(root["parameters"]?.objectValue ?? JSONObject())
  }

  public init(text: String) throws(APISchemaError) {
    let json: JSONValue
    do { json = try JSONValue(parsing: text) } catch { throw APISchemaError("invalid JSON at \(error)") }
    try self.init(json: json)
  }

  public init(bytes: [UInt8]) throws(APISchemaError) {
    let json: JSONValue
    do { json = try JSONValue(parsing: bytes) } catch { throw APISchemaError("invalid JSON at \(error)") }
    try self.init(json: json)
  }

  static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch"]

  private static func positions(_ object: JSONObject) -> [String: Int] {
    var index: [String: Int] = [:]
    index.reserveCapacity(object.count)
    // Later duplicates win, as in JSONObject lookups.
    for (position, member) in object.members.enumerated() { index[member.key] = position }
    return index
  }

  private var pathsObject: JSONObject { raw["paths"]?.objectValue ?? JSONObject() }

  /// All operation paths in document order.
  public var paths: [String] { pathsObject.keys }

  /// Number of entries under `definitions`.
  public var definitionCount: Int { definitionIndex.count }

  /// The operation for `method` + `path`. The path match is exact first, then
  /// case-insensitive, because Kaltura service ids are case-insensitive (`uploadToken`).
  public func operation(method: String, path: String) -> Operation? {
    guard let position = pathIndex[path] ?? lowercasedPathIndex[path.lowercased()] else { return nil }
    return operation(method: method.lowercased(), pathPosition: position)
  }

  /// The operation whose `operationId` is `id` (e.g. "media.get").
  public func operation(id: String) -> Operation? {
    guard let key = operationIDIndex[id] else { return nil }
    return operation(method: key.method, pathPosition: key.pathPosition)
  }

  /// Every operation id in the document (unordered).
  public var operationIDs: [String] { Array(operationIDIndex.keys) }

  private func operation(method: String, pathPosition: Int) -> Operation? {
    let member = pathsObject.members[pathPosition]
    guard let item = member.value.objectValue, let node = item[method]?.objectValue else { return nil }
    return Operation(document: self, method: method, path: member.key, node: node, pathItem: item)
  }

  /// A named definition (`#/definitions/Name`).
  public func definition(_ name: String) -> JSONValue? {
    guard let position = definitionIndex[name],
      let definitions = raw["definitions"]?.objectValue
    else { return nil }
    return definitions.members[position].value
  }

  /// A shared parameter (`#/parameters/Name`).
  public func sharedParameter(_ name: String) -> JSONValue? {
    guard let position = sharedParameterIndex[name], let shared = raw["parameters"]?.objectValue else {
      return nil
    }
    return shared.members[position].value
  }

  /// The value a local `$ref` ("#/definitions/X", "#/parameters/Y", any "#/a/b") points to.
  public func resolveReference(_ reference: String) -> JSONValue? {
    let prefixDefinitions = "#/definitions/"
    let prefixParameters = "#/parameters/"
    if reference.hasPrefix(prefixDefinitions) {
      return definition(String(reference.dropFirst(prefixDefinitions.count)))
    }
    if reference.hasPrefix(prefixParameters) {
      return sharedParameter(String(reference.dropFirst(prefixParameters.count)))
    }
    guard reference.hasPrefix("#/") else { return nil }
    let pointer = reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false).map {
      String($0).replacing("~1", with: "/").replacing("~0", with: "~")
    }
    var current = raw
    for token in pointer {
      if let next = current[token] {
        current = next
      } else if let i = Int(token), let next = current[i] {
        current = next
      } else {
        return nil
      }
    }
    return current
  }

  /// Base URL for a service root, e.g. "https://www.kaltura.com/api_v3".
  public func defaultServiceURL(scheme: String = "https") -> String? {
    guard let host else { return nil }
    return "\(scheme)://\(host)\(basePath)"
  }
}

public struct APISchemaError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
