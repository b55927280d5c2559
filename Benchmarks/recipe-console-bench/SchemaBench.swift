import APISchema
import Foundation
import Recipes
import Walkthrough

/// Times loading the Kaltura OVP OpenAPI document (../shared/data/ovp.openapi.json, 4 MB), decoding
/// every operation, and building the resolved forms of the shared recipes; skipped when the
/// shared data is absent.
func runSchemaBenchmarks() throws {
  let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let specPath = repo.deletingLastPathComponent().appendingPathComponent("shared/data/ovp.openapi.json").path
  guard let data = FileManager.default.contents(atPath: specPath) else {
    print("schema: skipped (no \(specPath))")
    return
  }
  let bytes = [UInt8](data)
  let clock = ContinuousClock()
  var best = Duration.seconds(1000)
  var document: APIDocument?
  for _ in 0..<5 {
    let start = clock.now
    document = try APIDocument(bytes: bytes)
    best = min(best, clock.now - start)
  }
  guard let document else { return }
  let lookupStart = clock.now
  var found = 0
  for id in document.operationIDs {
    if let operation = document.operation(id: id), operation.bodyParameter != nil { found += 1 }
  }
  let lookups = clock.now - lookupStart
  print(
    "schema: load \(bytes.count / 1024) KiB in \(best) (best of 5); "
      + "\(document.operationIDs.count) operations decoded in \(lookups) (\(found) with a body)")

  let recipesDirectory = repo.deletingLastPathComponent().appendingPathComponent("shared/data/recipes")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: recipesDirectory.path)) ?? []
  let recipes = names.filter { $0.hasSuffix(".md") }.compactMap { name -> Recipe? in
    FileManager.default.contents(atPath: recipesDirectory.appendingPathComponent(name).path).map {
      Recipe.parse(bytes: [UInt8]($0), file: name)
    }
  }
  let formStart = clock.now
  let builder = FormBuilder(document: document)
  let fieldCount = recipes.reduce(0) { total, recipe in
    total + builder.forms(for: recipe).reduce(0) { $0 + $1.allFields.count }
  }
  print("schema: resolved forms of \(recipes.count) recipes (\(fieldCount) fields) in \(clock.now - formStart)")
}
