import Foundation
import JSONValue
import Mustache

/// Generated sample code for the ids recipes use ("auto" snippets, recipe-format §6), written for
/// each language's official Kaltura client by the Mustache template `Templates/ID.mustache`:
/// adding a language is adding a template. Languages without a template return nil.
public enum SampleCodeGenerator {
  /// The portal's languages first, in its order, then any other template by name.
  public static let languages: [String] = {
    let portal = [
      "curl", "php", "php53", "java", "node", "csharp", "ruby", "python", "ajax", "angular", "typescript", "swift",
      "javascript",
    ]
    let present = Set(templates.keys)
    return portal.filter(present.contains) + present.subtracting(portal).sorted()
  }()

  public static func generate(language: String, request: SampleCodeRequest) -> String? {
    guard templates[language] != nil else { return nil }
    guard var code = library.render(SampleCall(request).context, withTemplate: language) else { return nil }
    while code.hasSuffix("\n") { code.removeLast() }  // a template's last line ends with one
    return code
  }

  /// Language templates by id; partials (`partials/NAME.mustache`) are registered beside them.
  static let templates: [String: String] = load("Templates")
  static let partials: [String: String] = load("Templates/partials")

  static let library: MustacheLibrary = {
    var library = MustacheLibrary()
    for (name, text) in templates.merging(partials, uniquingKeysWith: { a, _ in a }) {
      do {
        try library.register(text, named: name)
      } catch {
        preconditionFailure("sample template \(name) does not parse: \(error)")
      }
    }
    return library
  }()

  static func load(_ folder: String) -> [String: String] {
    guard let url = Bundle.module.resourceURL?.appendingPathComponent(folder),
      let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    else { return [:] }
    var out: [String: String] = [:]
    for name in names where name.hasSuffix(".mustache") {
      if let text = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) {
        out[String(name.dropLast(".mustache".count))] = text
      }
    }
    return out
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
