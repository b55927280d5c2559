import Foundation

// Benchmarks for `make bench`: each suite prints its figures. Timing goals live here, never in
// tests. `recipe-console-bench [SUITE...]` runs only the named suites:
// json, recipes, wire, schema, sandbox, entries, upload, console, viewer, save, form.
if try await runUploadChildIfRequested() { exit(0) }
if runViewerChildIfRequested() { exit(0) }

let suites = ["json", "recipes", "wire", "schema", "sandbox", "entries", "upload", "console", "viewer", "save", "form"]
let requested = Set(CommandLine.arguments.dropFirst())
if let unknown = requested.first(where: { !suites.contains($0) }) {
  FileHandle.standardError.write(Data("unknown suite \(unknown); suites: \(suites.joined(separator: " "))\n".utf8))
  exit(2)
}
func wants(_ suite: String) -> Bool { requested.isEmpty || requested.contains(suite) }

print("recipe-console benchmarks (release build expected)")
if wants("json") { try runJSONBenchmarks() }
if wants("recipes") { try runRecipesBenchmarks() }
if wants("wire") { try await runWireBenchmarks() }
if wants("schema") { try runSchemaBenchmarks() }
if wants("sandbox") { try await runSandboxBenchmarks() }
if wants("entries") { try await runEntryListBenchmarks() }
if wants("upload") { try await runUploadBenchmarks() }
if wants("console") { try await runConsoleBenchmarks() }
if wants("viewer") { try runViewerBenchmarks() }
if wants("save") { try runSaveBenchmarks() }
if wants("form") { try runFormBenchmarks() }
