import Foundation
import Testing

/// The built binary on inputs that used to run the stack or memory out: a diagnostic at
/// file:line and an exit status, never a signal.
@Suite struct HostileRecipeBinaryTests {
  static let fixtures = RunHarness.repositoryRoot + "/Tests/RecipesTests/Fixtures"

  @Test(arguments: ["deep-quote.md", "deep-list.md"])
  func checkReportsDeepNestingAtItsLine(fixture: String) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let path = Self.fixtures + "/" + fixture
    let result = try await harness.run(["check", path], name: "check")
    #expect(!result.killed)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(path):6: error: Markdown nested more than"))
    let run = try await harness.run(["run", path], name: "run")
    #expect(!run.killed)
    #expect(run.status == 2)
  }

  @Test func checkRefusesAHugeBracketLine() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let path = harness.directory + "/brackets.md"
    try ("# Brackets\n\n" + String(repeating: "[", count: 10 << 20) + "\n").write(
      toFile: path, atomically: false, encoding: .utf8)
    let result = try await harness.run(["check", path], name: "check")
    #expect(!result.killed)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(path):1: error: the file is larger than 1 MiB"))
  }
}
