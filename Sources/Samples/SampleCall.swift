import JSONValue

/// One value of a generated call, whatever the language: templates pick the spelling from the
/// kind (`isString`, `isEnum`, `isObject`...), so a language is a template and nothing in Swift.
enum SampleValue: Sendable, Hashable {
  case string(String)
  case number(String)
  case bool(Bool)
  case null
  /// A member of a Kaltura enum: its type ("KalturaMediaType"), constant ("VIDEO") and value.
  case enumeration(type: String, constant: String, value: JSONValue)
  /// An object built before the call, by its variable name.
  case object(variable: String)
  case array([SampleValue])
  /// A file argument: the walk's chosen path (or a placeholder when none was chosen).
  case file(path: String)
}

/// An object argument built member by member before the call (children before parents).
struct SampleObject: Sendable, Hashable {
  var variable: String
  var className: String
  var members: [(name: String, value: SampleValue)]

  static func == (a: SampleObject, b: SampleObject) -> Bool {
    a.variable == b.variable && a.className == b.className && a.members.map(\.name) == b.members.map(\.name)
      && a.members.map(\.value) == b.members.map(\.value)
  }
  func hash(into hasher: inout Hasher) { hasher.combine(variable) }
}

/// The language-neutral model of one call that every language template renders.
struct SampleCall: Sendable {
  var request: SampleCodeRequest
  var objects: [SampleObject] = []
  var arguments: [(name: String, value: SampleValue)] = []

  init(_ request: SampleCodeRequest) {
    self.request = request
    for parameter in request.parameters {
      let value: SampleValue
      if parameter.isFile {
        value = .file(path: parameter.filePath ?? Self.filePlaceholder(parameter.name))
      } else {
        value = convert(
          parameter.value, path: [parameter.name], variable: parameter.name, className: parameter.className)
      }
      arguments.append((parameter.name, value))
    }
  }

  /// Where a file goes when the walk has not chosen one yet: a path that says what to put there.
  static func filePlaceholder(_ field: String) -> String { "/path/to/your/\(field)" }

  private mutating func convert(_ node: JSONValue, path: [String], variable: String, className: String?)
    -> SampleValue
  {
    let dotted = path.joined(separator: ".")
    if let known = request.enums[dotted] {
      return .enumeration(type: known.type, constant: known.constant, value: node)
    }
    switch node {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .int, .double: return .number(node.compactText)
    case .string(let text): return .string(text)
    case .array(let items):
      return .array(
        items.enumerated().map { index, item in
          convert(item, path: path + ["\(index)"], variable: variable + "\(index)", className: nil)
        })
    case .object(let members):
      let relative = path.dropFirst().joined(separator: ".")
      let cls =
        members["objectType"]?.stringValue ?? className ?? request.parameters.first { $0.name == path[0] }?
        .nestedClassNames[relative] ?? "KalturaObjectBase"
      var object = SampleObject(variable: variable, className: cls, members: [])
      for member in members where member.key != "objectType" {
        let child = convert(
          member.value, path: path + [member.key], variable: variable + capitalized(member.key), className: nil)
        object.members.append((member.key, child))
      }
      objects.append(object)
      return .object(variable: variable)
    }
  }
}

func capitalized(_ name: String) -> String {
  guard let first = name.first else { return name }
  return first.uppercased() + name.dropFirst()
}
