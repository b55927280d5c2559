import Foundation
import Mustache

/// The workflow templates (`Templates/workflow/LANG.mustache`) and the dictionaries they read:
/// every name a template uses is set here, so a language is its template and nothing in Swift.
enum WorkflowTemplates {
  static let templates: [String: String] = SampleCodeGenerator.load("Templates/workflow")
  static let partials: [String: String] = SampleCodeGenerator.load("Templates/workflow/partials")

  static let library: MustacheLibrary = {
    var library = MustacheLibrary()
    for (name, text) in templates.merging(partials, uniquingKeysWith: { a, _ in a }) {
      do { try library.register(text, named: name) } catch {
        preconditionFailure("workflow template \(name) does not parse: \(error)")
      }
    }
    return library
  }()

  static func render(_ context: [String: Any], language: String) -> String? {
    guard templates[language] != nil else { return nil }
    return library.render(context, withTemplate: language)
  }
}

extension WorkflowScript {
  var context: [String: Any] {
    var files: [[String: Any]] = []
    var stepContexts: [[String: Any]] = []
    for step in steps {
      var entry: [String: Any] = [
        "number": step.index + 1, "variable": "step\(step.index + 1)", "title": oneLine(step.title),
        "titleQuoted": SampleCodeGenerator.quoted(oneLine(step.title)),
        "titleShell": shellQuoted(oneLine(step.title)), "service": step.service,
        "action": step.action, "serviceQuoted": SampleCodeGenerator.quoted(step.service),
        "actionQuoted": SampleCodeGenerator.quoted(step.action), "requiresSession": step.requiresSession,
        "isChunkedUpload": step.isChunkedUpload, "hasUnanswered": !step.unanswered.isEmpty,
        "unanswered": step.unanswered.joined(separator: ", "),
      ]
      entry["fields"] = step.fields.enumerated().map { index, field in
        Self.describe(field.value) + [
          "key": field.key, "keyQuoted": SampleCodeGenerator.quoted(field.key),
          "keyEqualsShell": shellQuoted(field.key + "="), "first": index == 0,
        ] + (Self.literalText(field.value).map { ["fieldShell": shellQuoted(field.key + "=" + $0)] } ?? [:])
      }
      if let file = step.file {
        let path = file.path ?? SampleCall.filePlaceholder(file.key)
        // Names of their own: inside `{{#file}}` they must not hide the step's.
        let described: [String: Any] = [
          "fileKey": file.key, "fileKeyQuoted": SampleCodeGenerator.quoted(file.key),
          "fileVariable": "file\(step.index + 1)", "fileShellVariable": "FILE\(step.index + 1)",
          "argument": files.count + 1, "argvIndex": files.count + 2, "fileStep": step.index + 1,
          "isPlaceholder": file.path == nil, "filePath": path,
        ]
        let full = described + SampleCall.quotings(path)
        files.append(full)
        entry["file"] = full
      }
      stepContexts.append(entry)
    }
    return [
      "title": oneLine(title), "steps": stepContexts, "files": files, "hasFiles": !files.isEmpty,
      "serviceURL": serviceURL, "serviceURLQuoted": SampleCodeGenerator.quoted(serviceURL),
      "serviceURLShell": shellQuoted(serviceURL), "hasSecretVariables": !secretVariables.isEmpty,
      "secretVariables": secretVariables.joined(separator: ", "),
    ]
  }

  static func literalText(_ value: WorkflowValue) -> String? {
    if case .literal(let text) = value { text } else { nil }
  }

  static func describe(_ value: WorkflowValue) -> [String: Any] {
    switch value {
    case .literal(let text):
      return ["isLiteral": true, "text": text] + SampleCall.quotings(text)
    case .environment(let variable, let fallback):
      return [
        "isEnvironment": true, "environmentVariable": variable,
        "environmentQuoted": SampleCodeGenerator.quoted(variable),
        "fallbackQuoted": SampleCodeGenerator.quoted(fallback), "fallbackShell": shellQuoted(fallback),
      ]
    case .link(let step, let path):
      let parts = path.split(separator: ".").map(String.init)
      let subscripts = parts.map { part in Int(part).map { "[\($0)]" } ?? "[\(SampleCodeGenerator.quoted(part))]" }
      let jq = parts.map { part in Int(part).map { "[\($0)]" } ?? "[\(SampleCodeGenerator.quoted(part))]" }
      return [
        "isLink": true, "fromNumber": step + 1, "fromVariable": "step\(step + 1)",
        "fromShellVariable": "STEP\(step + 1)",
        "path": path, "subscripts": subscripts.joined(), "jqPathShell": shellQuoted("." + jq.joined()),
      ]
    }
  }
}

private func oneLine(_ text: String) -> String {
  text.split(whereSeparator: \.isNewline).joined(separator: " ")
}
