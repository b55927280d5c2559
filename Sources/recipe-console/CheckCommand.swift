import ArgumentParser
import Foundation
import JSONValue
import Recipes

/// `recipe-console check RECIPE...`: compiler-style diagnostics and a summary per file.
struct CheckCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check recipe files and print their problems like a compiler.",
    discussion: "Exit status: 0 without errors, 1 when any file has errors, 2 on usage errors.")

  @Argument(help: "Recipe Markdown files.")
  var recipes: [String] = []

  @Flag(help: "Print one JSON object per file (file, title, steps, diagnostics) as an array.")
  var json = false

  func run() async throws {
    guard !recipes.isEmpty else {
      var standardError = StandardError()
      print("error: no recipe given\n\n\(CheckCommand.helpMessage())", to: &standardError)
      throw ExitCode(2)
    }
    let results = recipes.map(Self.check)
    if json {
      print(JSONValue.array(results.map(\.json)).prettyText())
    } else {
      for result in results {
        for diagnostic in result.diagnostics { print(diagnostic) }
        print(result.summary)
      }
    }
    if results.contains(where: \.hasErrors) { throw ExitCode(1) }
  }

  private static func check(_ path: String) -> CheckResult {
    do {
      return CheckResult(recipe: try Recipe.load(path: path))
    } catch {
      return CheckResult(unreadable: path, reason: error.reason)
    }
  }
}

/// One file's outcome, printable as text or JSON.
private struct CheckResult {
  var file: String
  var recipe: Recipe?
  var diagnostics: [Diagnostic]

  init(recipe: Recipe) {
    file = recipe.file
    self.recipe = recipe
    diagnostics = recipe.diagnostics
  }

  init(unreadable path: String, reason: String) {
    file = path
    diagnostics = [Diagnostic(severity: .error, file: path, line: 0, message: reason)]
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  var summary: String {
    guard let recipe else { return "\(file): not checked" }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    let title = recipe.title.isEmpty ? "(no title)" : "\"\(recipe.title)\""
    return "\(file): \(title): \(plural(recipe.steps.count, "step")), \(plural(recipe.apiCallCount, "API call"))"
      + " (\(plural(errors, "error")), \(plural(warnings, "warning")))"
  }

  var json: JSONValue {
    let steps: [JSONValue] = (recipe?.steps ?? []).map { step in
      [
        "title": .string(step.title),
        "method": step.apiCall.map { .string($0.method) } ?? .null,
        "path": step.apiCall.map { .string($0.path) } ?? .null,
        "parameters": .array((step.parameters ?? []).map { .string($0.name) }),
      ]
    }
    let diagnosticValues: [JSONValue] = diagnostics.map {
      ["severity": .string($0.severity.rawValue), "line": .int($0.line), "message": .string($0.message)]
    }
    return [
      "file": .string(file),
      "title": recipe.map { .string($0.title) } ?? .null,
      "steps": .array(steps),
      "diagnostics": .array(diagnosticValues),
    ]
  }

  private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

private struct StandardError: TextOutputStream {
  mutating func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
