import JSONValue

/// One argument of a generated call: a primitive, a file, or an object of a Kaltura class.
public struct SampleParameter: Sendable, Hashable {
  public var name: String
  public var value: JSONValue
  /// The Kaltura class of an object argument ("KalturaMediaEntry"); nil for primitives.
  public var className: String?
  /// Classes of nested objects by dot path below this parameter ("advancedSearch").
  public var nestedClassNames: [String: String]
  public var isFile: Bool
  /// The file the walk chose for a file argument, nil when none was chosen.
  public var filePath: String?

  public init(
    name: String, value: JSONValue, className: String? = nil, nestedClassNames: [String: String] = [:],
    isFile: Bool = false, filePath: String? = nil
  ) {
    self.filePath = filePath
    self.name = name
    self.value = value
    self.className = className
    self.nestedClassNames = nestedClassNames
    self.isFile = isFile
  }
}

/// What the generator needs to write a call in a client library: the operation and its
/// arguments in the operation's order. Secrets are placeholders unless the user asked to see them
/// (`adminSecret` set).
public struct SampleCodeRequest: Sendable, Hashable {
  /// e.g. "https://www.kaltura.com/api_v3".
  public var serviceURL: String
  /// Service and action as the operationId writes them ("uploadToken", "add").
  public var service: String
  public var action: String
  public var parameters: [SampleParameter]
  /// False for `session.start` and other operations with `security: []`.
  public var requiresSession: Bool
  public var partnerID: Int?
  /// Enum members by dot path below the arguments ("entry.mediaType", "type").
  public var enums: [String: SampleEnumMember] = [:]
  /// Shown in the setup part; nil writes the placeholder.
  public var adminSecret: String?
  public var userID: String?
  /// Whether the code starts with the client configuration and session.
  public var includeSetup = true

  public init(
    serviceURL: String, service: String, action: String, parameters: [SampleParameter],
    requiresSession: Bool = true, partnerID: Int? = nil
  ) {
    self.serviceURL = serviceURL
    self.service = service
    self.action = action
    self.parameters = parameters
    self.requiresSession = requiresSession
    self.partnerID = partnerID
  }

  /// The API base without a trailing slash ("https://www.kaltura.com/api_v3").
  var trimmedServiceURL: String {
    var url = serviceURL
    while url.hasSuffix("/") { url.removeLast() }
    return url
  }

  /// The host part of the service URL, which client libraries take without `/api_v3`.
  var clientServiceURL: String {
    var url = serviceURL
    while url.hasSuffix("/") { url.removeLast() }
    if url.hasSuffix("/api_v3") { url.removeLast("/api_v3".count) }
    return url
  }

  var partnerText: String { partnerID.map(String.init) ?? "YOUR_PARTNER_ID" }
}

/// A member of a Kaltura enum, as the client libraries name it.
public struct SampleEnumMember: Sendable, Hashable {
  public var type: String
  public var constant: String

  public init(type: String, constant: String) {
    self.type = type
    self.constant = constant
  }
}

/// A flattened object argument: each step creates an object or sets a primitive member.
enum Assignment: Hashable {
  case newObject(path: [String], className: String)
  case value(path: [String], value: JSONValue)
}

extension SampleParameter {
  /// The statements that build this argument, parents before children; `objectType` members
  /// become the object's class rather than a field.
  var assignments: [Assignment] {
    guard case .object = value else { return [] }
    var out: [Assignment] = []
    func walk(_ node: JSONValue, _ path: [String], _ className: String?) {
      guard case .object(let o) = node else {
        out.append(.value(path: path, value: node))
        return
      }
      let relative = path.dropFirst().joined(separator: ".")
      let cls = o["objectType"]?.stringValue ?? className ?? nestedClassNames[relative] ?? "KalturaObjectBase"
      out.append(.newObject(path: path, className: cls))
      for member in o where member.key != "objectType" {
        walk(member.value, path + [member.key], nil)
      }
    }
    walk(value, [name], className)
    return out
  }
}

/// `entryId` → `entry_id` for Python and Ruby.
func snakeCase(_ name: String) -> String {
  var out = ""
  for ch in name {
    if ch.isUppercase {
      if !out.isEmpty { out += "_" }
      out += ch.lowercased()
    } else {
      out.append(ch)
    }
  }
  return out
}
