import JSONValue

/// A Kaltura API error (`KalturaAPIException` on the wire): a code, the message with its
/// `@ARG@` placeholders filled in, and the arguments in their declared order.
public struct KalturaAPIError: Error, Sendable, Hashable, CustomStringConvertible {
  public var code: String
  public var message: String
  /// Argument name → value, in the order Kaltura declares them; values are strings.
  public var args: JSONObject

  public init(code: String, message: String, args: JSONObject = JSONObject()) {
    self.code = code
    self.message = message
    self.args = args
  }

  /// Builds the message from a Kaltura template such as `Entry id "@ENTRY_ID@" not found`.
  public init(code: String, template: String, args: [(String, String)]) {
    var message = template
    for (name, value) in args {
      message = message.replacingAll("@\(name)@", with: value)
    }
    self.init(code: code, message: message, args: JSONObject(args.map { ($0.0, JSONValue.string($0.1)) }))
  }

  /// The value of one argument, as text.
  public func arg(_ name: String) -> String? { args[name]?.displayText }

  public var description: String { "\(code): \(message)" }

  /// The JSON (format 1) form: `{"code","message","objectType","args"}`; `args` is `[]` when
  /// empty, as PHP serialises an empty array.
  public var json: JSONValue {
    .object(
      JSONObject([
        ("code", .string(code)),
        ("message", .string(message)),
        ("objectType", "KalturaAPIException"),
        ("args", args.isEmpty ? .array([]) : .object(args)),
      ]))
  }

  /// Detects a `KalturaAPIException` in a decoded reply: an object whose `objectType` is
  /// `KalturaAPIException`, or one that carries string `code` and `message` members.
  public init?(reply: JSONValue) {
    guard case .object(let object) = reply else { return nil }
    let objectType = object["objectType"]?.stringValue
    let code = object["code"]?.stringValue
    let message = object["message"]?.stringValue
    let looksLikeError = objectType == "KalturaAPIException" || (objectType == nil && code != nil && message != nil)
    guard looksLikeError, let code else { return nil }
    var args = JSONObject()
    switch object["args"] {
    case .object(let map):
      for member in map { args[member.key] = .string(member.value.displayText) }
    case .array(let items):
      // The XML form lists KalturaApiExceptionArg {name, value} items.
      for item in items {
        if let name = item["name"]?.stringValue { args[name] = .string(item["value"]?.displayText ?? "") }
      }
    default: break
    }
    self.init(code: code, message: message ?? "", args: args)
  }
}

extension String {
  /// Literal (non-regex) replacement; Foundation-free so the module stays light.
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    result += rest
    return result
  }
}
