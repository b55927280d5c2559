import ConsoleConfiguration
import Testing

/// Answers commands from a table and records what it was asked to run.
private final class FakeRunner: SecretCommandRunning, @unchecked Sendable {
  let outputs: [String: String]
  private(set) var ran: [String] = []
  init(_ outputs: [String: String]) { self.outputs = outputs }
  func output(of command: String) throws -> String {
    ran.append(command)
    guard let output = outputs[command] else { throw SecretError("exit status 1: not in the store") }
    return output
  }
}

@Suite struct SecretSourceTests {
  @Test func secretFromTheEnvironment() async throws {
    let config = try ConsoleConfig.parse(
      text: "[profiles.prod]\nadmin_secret = { env = \"PROD_SECRET\" }\n", file: "c.toml", keyActions: [])
    let source = try #require(config.profile(named: "prod")?.adminSecret)
    let runner = FakeRunner([:])
    #expect(try await source.resolve(environment: ["PROD_SECRET": "s3cr3t"], runner: runner) == "s3cr3t")
    #expect(runner.ran.isEmpty)
    await #expect(throws: SecretError("$PROD_SECRET is not set (the profile takes its secret from it)")) {
      try await source.resolve(environment: [:], runner: runner)
    }
  }

  @Test func secretFromACommandIsItsFirstLine() async throws {
    let config = try ConsoleConfig.parse(
      text: "[profiles.prod]\nks = { command = \"pass show kaltura/admin\" }\n", file: "c.toml", keyActions: [])
    let source = try #require(config.profile(named: "prod")?.ks)
    let runner = FakeRunner(["pass show kaltura/admin": "  abc123  \nlogin: me\n"])
    #expect(try await source.resolve(environment: [:], runner: runner) == "abc123")
    #expect(runner.ran == ["pass show kaltura/admin"])
  }

  @Test func aFailingOrSilentCommandSaysWhich() async throws {
    let failing = SecretSource.command("pass show missing")
    await #expect(throws: SecretError("`pass show missing` failed: exit status 1: not in the store")) {
      try await failing.resolve(environment: [:], runner: FakeRunner([:]))
    }
    let silent = SecretSource.command("true")
    await #expect(throws: SecretError("`true` printed no secret")) {
      try await silent.resolve(environment: [:], runner: FakeRunner(["true": "\n"]))
    }
  }

  @Test func descriptionsNeverShowTheSecret() {
    #expect(SecretSource.literal("0123456789abcdef0123").description == "****(20 chars) (in the file)")
    #expect(SecretSource.environment("X").description == "from $X")
    #expect(!SecretSource.literal("supersecretvalue-42").description.contains("secretvalue"))
  }
}
