// Benchmarks for `make bench`: each suite prints its figures. Timing goals live here, never in
// tests. `recipe-console-bench [SUITE...]` runs only the named suites (json, recipes, ...).
let requested = Set(CommandLine.arguments.dropFirst())
func wants(_ suite: String) -> Bool { requested.isEmpty || requested.contains(suite) }

print("recipe-console benchmarks (release build expected)")
if wants("json") { try runJSONBenchmarks() }
