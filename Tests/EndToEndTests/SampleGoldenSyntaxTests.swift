import Foundation
import Testing

/// The golden samples (every recipe step SampleGoldenTests renders, the shared recipes'
/// enums, nested objects, arrays and plugin services among them) parse in their language:
/// `bash -n` for curl, `python3 -m py_compile` for Python, `node --check` for node and the browser pages' scripts.
struct SampleGoldenSyntaxTests {
  static let goldens = RunHarness.repositoryRoot + "/Tests/SamplesTests/Goldens"

  static func goldenFiles(_ language: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: goldens).filter { $0.hasSuffix(".\(language).golden") }
      .sorted()
  }

  @Test(.enabled(if: ExportEndToEndTests.bash != nil, "bash is not installed: goldens not checked"))
  func curlGoldensParse() async throws {
    try await Self.check("curl", suffix: "sh", checker: try #require(ExportEndToEndTests.bash), ["-n"])
  }

  @Test(
    .enabled(if: ExportEndToEndTests.executable("python3") != nil, "python3 is not installed: goldens not compiled"))
  func pythonGoldensCompile() async throws {
    try await Self.check(
      "python", suffix: "py", checker: try #require(ExportEndToEndTests.executable("python3")), ["-m", "py_compile"])
  }

  @Test(
    .enabled(if: ExportEndToEndTests.node != nil, "node is not installed: goldens not checked"),
    arguments: ["node", "javascript", "ajax"])
  func javaScriptGoldensParse(language: String) async throws {
    try await Self.check(language, suffix: "js", checker: try #require(ExportEndToEndTests.node), ["--check"])
  }

  static func check(_ language: String, suffix: String, checker: String, _ arguments: [String]) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let files = try goldenFiles(language)
    #expect(files.count >= 10, "\(language): goldens of every upload and shared step")
    for name in files {
      let text = try String(contentsOfFile: goldens + "/" + name, encoding: .utf8)
      let code = SampleRunEndToEndTests.inlineScripts(text)
      #expect(!code.isEmpty, "\(name): no code")
      let sample = harness.directory + "/" + name.replacingOccurrences(of: ".", with: "_") + "." + suffix
      try code.write(toFile: sample, atomically: true, encoding: .utf8)
      let result = try await ExportEndToEndTests.runScript(
        checker, arguments + [sample], directory: harness.directory, environment: [:])
      #expect(result.status == 0, "\(name): \(result.stderr)")
    }
  }
}
