import JSONValue

/// Generated sample code for the ids recipes use ("auto" snippets, recipe-format §6), in the
/// style of Kaltura's client libraries. Languages without a generator return nil.
public enum SampleCodeGenerator {
  public static let languages = ["curl", "python", "node", "php", "ruby"]

  public static func generate(language: String, request: SampleCodeRequest) -> String? {
    switch language {
    case "curl": return curl(request)
    case "python": return python(request)
    case "node": return node(request)
    case "php", "php53": return php(request)
    case "ruby": return ruby(request)
    default: return nil
    }
  }

  static func quoted(_ s: String) -> String { JSONValue.string(s).compactText }

  static func singleQuoted(_ s: String) -> String {
    "'" + s.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
