import Foundation
import Testing

/// `~` in `--file` and `--set N.x=@~/f` is the home directory, as in a shell.
@Suite struct TildePathEndToEndTests {
  @Test func runUploadsAFileNamedFromTheHomeDirectory() async throws {
    var harness = try RunHarness()
    defer { harness.remove() }
    harness.extraEnvironment["HOME"] = harness.directory
    _ = try harness.makeFile(name: "clip.bin", size: 4096, seed: 7)
    let result = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--file", "~/clip.bin", "--steps", "1-2"], name: "run")
    #expect(result.status == 0, "\(result.stderr)")
    let missing = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--set", "2.fileData=@~/missing.bin", "--steps", "1-2"], name: "missing")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--set 2.fileData=@~/missing.bin: no such file"))
  }
}
