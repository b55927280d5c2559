import Foundation
import Recipes

/// Parses every recipe (recipes/*.md, plus ../shared/data/recipes/*.md when present) many times
/// and prints the time of one full pass; the goal is a few milliseconds.
func runRecipesBenchmarks() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let directories = [root.appendingPathComponent("recipes"), root.appendingPathComponent("../shared/data/recipes")]
  var files: [(name: String, bytes: [UInt8])] = []
  for directory in directories {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names.sorted() where name.hasSuffix(".md") {
      let data = try Data(contentsOf: directory.appendingPathComponent(name))
      files.append((name, Array(data)))
    }
  }
  guard !files.isEmpty else {
    print("recipes.parse: no recipes found under \(root.path)")
    return
  }
  let passes = 50
  var steps = 0
  let seconds = bestTime {
    for _ in 0..<passes {
      steps = 0
      for file in files { steps += Recipe.parse(bytes: file.bytes, file: file.name).steps.count }
    }
  }
  let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
  print(
    "recipes.parse: \(files.count) recipes, \(totalBytes / 1024) KiB, \(steps) steps: "
      + "\(formatMilliseconds(seconds / Double(passes))) per full pass")
  let upload = try Recipe.load(path: root.appendingPathComponent("recipes/upload.md").path)
  let markdownSeconds = bestTime {
    for _ in 0..<passes { for step in upload.steps { _ = parseMarkdown(step.description) } }
  }
  print("recipes.parseMarkdown: upload.md step descriptions: \(formatMilliseconds(markdownSeconds / Double(passes)))")
}
