import Foundation
import JSONValue
import KalturaWire
import Testing

/// `recipe-console export`: the upload recipe as one script per language, each RUN against a
/// sandbox of its own until the entry is READY.
@Suite("recipe-console export: whole-workflow scripts that run", .serialized)
struct ExportEndToEndTests {
  static var python: String? {
    if let configured = ProcessInfo.processInfo.environment["RECIPE_CONSOLE_PYTHON"] { return configured }
    let local = RunHarness.repositoryRoot + "/.venv-kaltura/bin/python"
    return FileManager.default.isExecutableFile(atPath: local) ? local : nil
  }

  static var node: String? { executable("node") }
  static var bash: String? { executable("bash") }

  static func executable(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test(.enabled(if: bash != nil && executable("jq") != nil, "needs bash, curl and jq"), .timeLimit(.minutes(3)))
  func curlScriptLeavesAReadyEntry() async throws {
    try await Self.exportAndRun(language: "curl", interpreter: try #require(Self.bash))
  }

  @Test(.enabled(if: bash != nil && executable("jq") != nil, "needs bash, curl and jq"), .timeLimit(.minutes(3)))
  func curlScriptWithAReadyKS() async throws {
    try await Self.exportAndRun(language: "curl", interpreter: try #require(Self.bash), withKS: true)
  }

  @Test(.enabled(if: bash != nil && executable("jq") != nil, "needs bash, curl and jq"), .timeLimit(.minutes(3)))
  func aWrongSecretStopsTheScriptAtTheSession() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let script = harness.directory + "/upload.sh"
    let export = try await harness.run(
      ["export", RunHarness.uploadRecipe, "--lang", "curl", "-o", script], name: "export")
    #expect(export.status == 0)
    let sandbox = try await RunSandbox.start(harness)
    let result = try await Self.runScript(
      try #require(Self.bash), [script, script], directory: harness.directory,
      environment: [
        "KALTURA_SERVICE_URL": sandbox.baseURL, "KALTURA_PARTNER_ID": String(sandbox.partnerID),
        "KALTURA_ADMIN_SECRET": "not-the-secret",
      ])
    await sandbox.stop()
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: session.start: "), "\(result.stderr)")
    #expect(!result.stderr.contains("== Step 1"), "no step runs without a session")
  }

  @Test(
    .enabled(if: python != nil, "no Python with requests: run `make venv` (make test does)"), .timeLimit(.minutes(3)))
  func pythonScriptLeavesAReadyEntry() async throws {
    try await Self.exportAndRun(language: "python", interpreter: try #require(Self.python))
  }

  @Test(
    .enabled(if: node != nil, "node is not installed: the exported node script is not run"), .timeLimit(.minutes(3)))
  func nodeScriptLeavesAReadyEntry() async throws {
    try await Self.exportAndRun(language: "node", interpreter: try #require(Self.node))
  }

  /// Walks the recipe once (for its answers), exports the session, and runs the script against
  /// a fresh sandbox with another file in 16 KiB chunks: five uploads, then a READY entry.
  static func exportAndRun(language: String, interpreter: String, withKS: Bool = false) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let walked = try await walkedSession(harness)
    // Not `.node`: node loads that as a native addon.
    let suffix = ["curl": "sh", "python": "py", "node": "js"][language, default: "txt"]
    let script = harness.directory + "/upload." + suffix
    let export = try await harness.run(["export", walked, "--lang", language, "-o", script], name: "export")
    #expect(export.status == 0, "stderr: \(export.stderr)")
    let text = try String(contentsOfFile: script, encoding: .utf8)
    #expect(!text.contains(RunHarness.adminSecret), "the script carries no secret")

    let sandbox = try await RunSandbox.start(harness, dataDirectory: harness.directory + "/fresh")
    let file = try harness.makeFile(name: "another clip.mp4", size: 70_000, seed: 11)
    let result: RunResult
    do {
      result = try await runScript(
        interpreter, [script, file.path], directory: harness.directory,
        environment: [
          "KALTURA_SERVICE_URL": sandbox.baseURL, "CHUNK_SIZE": "16384",
        ].merging(credentials(sandbox, withKS: withKS)) { a, _ in a })
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
    #expect(result.status == 0, "\(language) stdout: \(result.stdout) stderr: \(result.stderr)")
    let replies = try result.jsonLines()
    try #require(replies.count == 5, "one reply per step: \(result.stdout) \(result.stderr)")
    #expect(result.stderr.components(separatedBy: "chunk at ").count - 1 == 5, "70000 bytes in 16 KiB chunks")
    let token = try #require(replies[0]["id"]?.stringValue)
    #expect(replies[1]["id"]?.stringValue == token)
    #expect(replies[1]["uploadedFileSize"]?.intValue == 70_000)
    let entry = try #require(replies[2]["id"]?.stringValue)
    #expect(replies[2]["name"] == "Walked")
    #expect(replies[3]["id"]?.stringValue == entry)
    #expect(replies[4]["id"]?.stringValue == entry)
    #expect(replies[4]["status"]?.displayText == "2", "READY: \(replies[4].compactText)")
  }

  /// A KS made here (the script starts no session), or the partner and its secret.
  static func credentials(_ sandbox: RunSandbox, withKS: Bool) -> [String: String] {
    guard withKS else {
      return ["KALTURA_PARTNER_ID": String(sandbox.partnerID), "KALTURA_ADMIN_SECRET": RunHarness.adminSecret]
    }
    let ks = KalturaKS.generateV2(
      adminSecret: RunHarness.adminSecret, partnerID: sandbox.partnerID, userID: "", type: .admin)
    return ["KALTURA_KS": ks]
  }

  /// The upload recipe walked on a sandbox of its own, saved without secrets.
  static func walkedSession(_ harness: RunHarness) async throws -> String {
    let sandbox = try await RunSandbox.start(harness)
    let session = harness.directory + "/walk.session.json"
    let file = try harness.makeFile(name: "first.mp4", size: 1_000, seed: 3)
    let walked = try await harness.run(
      [
        "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
        "--admin-secret", RunHarness.adminSecret, "--file", file.path, "--set", "3.entry.mediaType=1", "--set",
        "3.entry.name=Walked", "--save", session,
      ], name: "walk")
    await sandbox.stop()
    try #require(walked.status == 0, "stderr: \(walked.stderr)")
    return session
  }

  /// Runs `executable ARGUMENTS` in `directory`, without the test's own KALTURA_* variables.
  static func runScript(
    _ executable: String, _ arguments: [String], directory: String, environment: [String: String]
  ) async throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KALTURA_") }
    merged.merge(environment) { _, new in new }
    process.environment = merged
    let out = directory + "/script.out"
    let err = directory + "/script.err"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return await RunChild(process: process, stdoutPath: out, stderrPath: err).finish()
  }
}

/// Export's own checks that need no sandbox: the language list and what a script is made of.
struct ExportCommandTests {
  /// Quotes, `$(...)`, backslashes and backticks in a title and a value, which every script
  /// must carry as text.
  static let hostileRecipe = #"""
    <!--METADATA
    {"summary": "Hostile text in every place a script writes it"}
    -->
    # Quotes "and" $(dollars)
    Intro.

    ## Step "one" & $(touch PWNED) 'two' \ back `tick` */ """
    Text.

    ### API Call
    ```json
    {
      "method": "post",
      "path": "/service/media/action/list",
      "parameters": [
        {"name": "body", "in": "body", "schema": {"type": "object", "properties": {
          "filter": {"type": "object", "properties": {
            "nameLike": {"type": "string", "default": "it's \"x\" $(touch PWNED) \\ `z` \u2603 */ \"\"\""}
          }}
        }}}
      ]
    }
    ```
    """#

  @Test(.enabled(if: ExportEndToEndTests.bash != nil, "needs bash"))
  func hostileTextStaysTextInEveryLanguage() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let recipe = harness.directory + "/hostile.md"
    try Self.hostileRecipe.write(toFile: recipe, atomically: true, encoding: .utf8)
    var checks: [(language: String, suffix: String, checker: String?, arguments: [String])] = [
      ("curl", "sh", ExportEndToEndTests.bash, ["-n"])
    ]
    checks.append(("python", "py", ExportEndToEndTests.executable("python3"), ["-m", "py_compile"]))
    checks.append(("node", "js", ExportEndToEndTests.node, ["--check"]))
    for check in checks {
      let script = harness.directory + "/hostile." + check.suffix
      let result = try await harness.run(
        ["export", recipe, "--lang", check.language, "-o", script], name: check.language)
      #expect(result.status == 0, "\(check.language): \(result.stderr)")
      let text = try String(contentsOfFile: script, encoding: .utf8)
      #expect(text.contains("nameLike"), "\(check.language)")
      guard let checker = check.checker else { continue }
      let syntax = try await ExportEndToEndTests.runScript(
        checker, check.arguments + [script], directory: harness.directory, environment: [:])
      #expect(syntax.status == 0, "\(check.language) syntax: \(syntax.stderr)")
    }
    // Run for real, the curl script stops at the missing service but runs no `$(touch ...)`.
    let curl = harness.directory + "/hostile.sh"
    let ran = try await ExportEndToEndTests.runScript(
      ExportEndToEndTests.bash!, [curl], directory: harness.directory,
      environment: ["KALTURA_SERVICE_URL": "http://127.0.0.1:9", "KALTURA_KS": "ks"])
    #expect(ran.status == 1, "a request that cannot connect stops the script")
    #expect(ran.stderr.contains("error: media.list: the request failed"), "\(ran.stderr)")
    #expect(ran.stderr.contains(#"== Step 1: Step "one" & $(touch PWNED) 'two' \ back tick */ """"#), "\(ran.stderr)")
    #expect(!FileManager.default.fileExists(atPath: harness.directory + "/PWNED"))
  }

  @Test func fieldsWithoutAValueAreNamedInTheScript() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["export", RunHarness.uploadRecipe, "--lang", "node"], name: "node")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("// Not sent, the walk has no value for them: entry[mediaType], entry[name]"))
  }

  @Test func unknownLanguageListsTheValidOnes() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["export", RunHarness.uploadRecipe, "--lang", "php"], name: "php")
    #expect(result.status == 2)
    #expect(result.stderr.contains("--lang php: export writes curl, python, node"), "\(result.stderr)")
  }

  @Test func aRecipeAloneLinksItsStepsAndNamesTheFilePlaceholder() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["export", RunHarness.uploadRecipe, "--lang", "curl"], name: "curl")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("#!/usr/bin/env bash\n"))
    #expect(result.stdout.contains("FILE2='/path/to/your/fileData'"))
    #expect(result.stdout.contains(#"--form-string 'uploadTokenId='"$(jq -r '.["id"]' <<<"$step1")""#))
    #expect(result.stdout.contains(#"--form-string 'resource[token]='"$(jq -r '.["id"]' <<<"$step1")""#))
    #expect(result.stdout.contains(#"--form-string 'entryId='"$(jq -r '.["id"]' <<<"$step3")""#))
    #expect(result.stdout.contains("while :; do"), "the upload is a loop over chunks")
  }
}
