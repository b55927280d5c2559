import JSONValue

/// How one client library writes the statements that build a call's arguments: a file, a
/// primitive, or an object member by member. The four libraries differ only in these spellings.
struct ClientLanguage: Sendable {
  /// A parameter or member path as the language refers to it (`entry.name`, `$entry->name`).
  var reference: @Sendable ([String]) -> String
  /// What introduces a new top-level variable ("let " in JavaScript).
  var declaration = ""
  /// What ends a statement (";" in JavaScript and PHP).
  var terminator = ""
  /// The expression that stands for a file argument.
  var fileExpression: String
  /// A new object of a Kaltura class (`KalturaMediaEntry()`, `new KalturaMediaEntry()`).
  var newObject: @Sendable (String) -> String
  var trueLiteral = "true"
  var falseLiteral = "false"
  var nullLiteral = "null"

  /// The statements that build every argument, parents before children, and the call's
  /// argument list.
  func arguments(_ parameters: [SampleParameter]) -> (statements: [String], names: [String]) {
    var statements: [String] = []
    for parameter in parameters {
      if parameter.isFile {
        statements.append(assignment([parameter.name], fileExpression))
        continue
      }
      guard case .object = parameter.value else {
        statements.append(assignment([parameter.name], literal(parameter.value)))
        continue
      }
      for step in parameter.assignments {
        switch step {
        case .newObject(let path, let className): statements.append(assignment(path, newObject(className)))
        case .value(let path, let value): statements.append(assignment(path, literal(value)))
        }
      }
    }
    return (statements, parameters.map { reference([$0.name]) })
  }

  func assignment(_ path: [String], _ expression: String) -> String {
    (path.count == 1 ? declaration : "") + reference(path) + " = " + expression + terminator
  }

  func literal(_ value: JSONValue) -> String {
    switch value {
    case .null: return nullLiteral
    case .bool(let flag): return flag ? trueLiteral : falseLiteral
    case .string(let text): return SampleCodeGenerator.quoted(text)
    case .int, .double, .array, .object: return value.compactText
    }
  }
}
