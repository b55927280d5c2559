import Foundation
import JSONValue
import KalturaWire
import Testing

/// `recipe-console code --setup --show-secrets` for each step of the upload recipe, RUN: steps
/// 1..N-1 are walked headless on a sandbox, step N's sample is generated from that session and
/// executed against the same sandbox, and its reply must be the step's Kaltura object.
@Suite("recipe-console code: every upload-recipe sample runs against a sandbox", .serialized)
struct SampleRunEndToEndTests {
  /// The class each upload step's reply is: token add and upload, then the entry three times.
  static let replyClasses = [
    "KalturaUploadToken", "KalturaUploadToken", "KalturaMediaEntry", "KalturaMediaEntry", "KalturaMediaEntry",
  ]

  @Test(
    .enabled(if: ExportEndToEndTests.bash != nil && ExportEndToEndTests.executable("curl") != nil, "needs bash, curl"),
    .timeLimit(.minutes(5)), arguments: 1...5)
  func curlSampleRuns(step: Int) async throws {
    try await Self.generateAndRun(step: step, language: "curl", suffix: "sh") { sample, sandbox in
      let result = try await ExportEndToEndTests.runScript(
        try #require(ExportEndToEndTests.bash), [sample], directory: (sample as NSString).deletingLastPathComponent,
        environment: [:])
      #expect(result.status == 0, "step \(step): \(result.stderr)")
      #expect(!result.stdout.contains("KalturaAPIException"), "step \(step): \(result.stdout)")
      let reply = try JSONValue(parsing: result.stdout)
      #expect(reply["objectType"]?.stringValue == Self.replyClasses[step - 1], "step \(step): \(result.stdout)")
      if step == 2 { #expect(reply["uploadedFileSize"]?.intValue == 70_000) }
      if step == 4 { #expect(reply["status"]?.displayText == "2", "READY after addContent: \(result.stdout)") }
    }
  }

  @Test(
    .enabled(if: ExportEndToEndTests.executable("python3") != nil, "python3 is not installed"),
    .timeLimit(.minutes(5)), arguments: 1...5)
  func pythonSampleCompiles(step: Int) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(
      ["code", RunHarness.uploadRecipe, "--step", String(step), "--lang", "python", "--setup"], name: "python")
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let sample = harness.directory + "/step\(step).py"
    try result.stdout.write(toFile: sample, atomically: true, encoding: .utf8)
    let compiled = try await ExportEndToEndTests.runScript(
      try #require(ExportEndToEndTests.executable("python3")), ["-m", "py_compile", sample],
      directory: harness.directory, environment: [:])
    #expect(compiled.status == 0, "step \(step): \(compiled.stderr)")
  }

  /// `node --check` of every JavaScript-family sample with and without its setup; the browser
  /// ones are HTML pages, so their inline `<script>` bodies are what is checked.
  @Test(
    .enabled(if: ExportEndToEndTests.node != nil, "node is not installed: JavaScript samples are not checked"),
    arguments: ["node", "javascript", "ajax"])
  func javaScriptSamplesParse(language: String) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    for step in 1...5 {
      for setup in [true, false] {
        let result = try await harness.run(
          ["code", RunHarness.uploadRecipe, "--step", String(step), "--lang", language] + (setup ? ["--setup"] : []),
          name: "code")
        #expect(result.status == 0, "\(language) step \(step): \(result.stderr)")
        let script = Self.inlineScripts(result.stdout)
        #expect(!script.isEmpty, "\(language) step \(step): no code in \(result.stdout)")
        let sample = harness.directory + "/step\(step)-\(setup).js"
        try script.write(toFile: sample, atomically: true, encoding: .utf8)
        let checked = try await ExportEndToEndTests.runScript(
          try #require(ExportEndToEndTests.node), ["--check", sample], directory: harness.directory, environment: [:])
        #expect(checked.status == 0, "\(language) step \(step) setup \(setup): \(checked.stderr)\n\(script)")
      }
    }
  }

  /// The text of a page's inline scripts, or the whole text when it is not a page.
  static func inlineScripts(_ text: String) -> String {
    guard text.contains("<script") else { return text }
    let bodies = text.matches(of: /<script>(.*?)<\/script>/.dotMatchesNewlines()).map { String($0.output.1) }
    return bodies.joined(separator: "\n")
  }

  /// With the official client: the reply prints as the step's class, and the sandbox holds what
  /// the step made (the uploaded bytes, the entry, its READY state).
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["RECIPE_CONSOLE_PYTHON"] != nil,
      "RECIPE_CONSOLE_PYTHON is not set: the Python samples are not run with the official client"),
    .timeLimit(.minutes(5)), arguments: 1...5)
  func pythonSampleRunsWithTheOfficialClient(step: Int) async throws {
    let python = try #require(ProcessInfo.processInfo.environment["RECIPE_CONSOLE_PYTHON"])
    try await Self.generateAndRun(step: step, language: "python", suffix: "py") { sample, sandbox in
      let result = try await ExportEndToEndTests.runScript(
        python, [sample], directory: (sample as NSString).deletingLastPathComponent, environment: [:])
      #expect(result.status == 0, "step \(step): \(result.stderr)")
      #expect(
        result.stdout.contains("KalturaClient.Plugins.Core.\(Self.replyClasses[step - 1]) object"), "\(result.stdout)")
      let entries = try Self.entries(sandbox)
      switch step {
      case 1, 2: #expect(entries.isEmpty, "no entry before media.add")
      case 3:
        #expect(entries.map { $0["name"]?.stringValue } == ["Walked"], "media.add made the entry")
        #expect(entries.map { $0["status"]?.displayText } == ["7"], "NO_CONTENT until addContent")
      default: #expect(entries.map { $0["status"]?.displayText } == ["2"], "the entry is READY")
      }
    }
  }

  /// Walks steps 1..step-1 on a fresh sandbox, writes step `step`'s sample with its setup and
  /// the secret, and hands its path to `check` while the sandbox still runs.
  static func generateAndRun(
    step: Int, language: String, suffix: String,
    check: (_ sample: String, _ sandbox: RunSandbox) async throws -> Void
  ) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    do {
      let session = harness.directory + "/walk.session.json"
      let file = try harness.makeFile(name: "small clip.mp4", size: 70_000, seed: 5)
      // Step 1 has nothing before it; its sample comes from a walk of step 1 itself, which only
      // gives it the sandbox's address and partner (a second token is made).
      let walked = try await harness.run(
        [
          "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id",
          String(sandbox.partnerID), "--admin-secret", RunHarness.adminSecret, "--file", file.path, "--set",
          "3.entry.mediaType=1", "--set", "3.entry.name=Walked", "--steps", "1-\(max(step - 1, 1))", "--save", session,
        ], name: "walk")
      try #require(walked.status == 0, "walk 1-\(step - 1): \(walked.stderr)")
      var withSecret = harness
      withSecret.extraEnvironment["KALTURA_ADMIN_SECRET"] = RunHarness.adminSecret
      let code = try await withSecret.run(
        ["code", session, "--step", String(step), "--lang", language, "--setup", "--show-secrets"], name: "code")
      try #require(code.status == 0, "code --step \(step): \(code.stderr)")
      try #require(
        code.stdout.contains(sandbox.baseURL.replacingOccurrences(of: "/api_v3", with: "")), "\(code.stdout)")
      let sample = harness.directory + "/step\(step)." + suffix
      try code.stdout.write(toFile: sample, atomically: true, encoding: .utf8)
      try await check(sample, sandbox)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  /// The sandbox's media entries with or without content (a plain list, as Kaltura's, leaves out
  /// NO_CONTENT ones), asked for with a KS made here.
  static func entries(_ sandbox: RunSandbox) throws -> [JSONValue] {
    let ks = KalturaKS.generateV2(
      adminSecret: RunHarness.adminSecret, partnerID: sandbox.partnerID, userID: "", type: .admin)
    let allowed = CharacterSet.alphanumerics
    let query =
      "ks=" + (ks.addingPercentEncoding(withAllowedCharacters: allowed) ?? ks) + "&filter%5BstatusIn%5D=2%2C7&format=1"
    let reply = try RunHTTP.get(sandbox.baseURL + "/service/media/action/list?" + query)
    let list = try JSONValue(parsing: String(decoding: reply.body, as: UTF8.self))
    return list["objects"]?.arrayValue ?? []
  }
}
