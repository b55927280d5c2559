import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 13: a config file's profiles, used by the real console against `recipe-console serve`.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiProfileTests {
  @Test func aProfileFromTheConfigFileIsUsedAgainstServeAndPSwitchesToTheSandbox() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    let console = try TmuxConsole()
    defer { console.stop() }
    // The secret comes from a command, as it would from `pass show`; the file never holds it.
    let secretFile = console.scratch + "/secret.txt"
    try (RunHarness.adminSecret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
    let environment = try Self.writeConfig(
      """
      default_profile = "local"

      [profiles.local]
      service_url = "\(sandbox.baseURL)"
      partner_id = \(sandbox.partnerID)
      admin_secret = { command = "cat \(secretFile)" }
      """, in: console)
    try console.run(console.consoleCommand("recipes/upload.md", environment: environment) + "; echo console-exit=$?")
    let first = try await console.waitFor("the console on the profile") {
      $0.contains("Upload a Video") && $0.contains("profile local")
    }
    let header = try #require(first.line(containing: "profile local"))
    #expect(header.contains("127.0.0.1:\(sandbox.port)"))
    #expect(!header.contains("embedded sandbox"))

    try console.press("r")
    let replied = try await console.waitFor("a token from serve") { !$0.uploadTokenIDs.isEmpty }
    #expect(replied.contains("HTTP 200"))
    #expect(!replied.contains(RunHarness.adminSecret))

    try console.press("P")
    try await console.waitFor(text: "Enter switches")
    try console.press("Up", "Enter")
    let switched = try await console.waitFor("the embedded sandbox") {
      $0.contains("profile sandbox") && $0.contains("(embedded sandbox)")
    }
    // The walk stays: step 1's reply from serve is still on screen.
    #expect(switched.contains("HTTP 200"))

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
    await sandbox.stop()
  }

  /// Switching profile reloads the spec from the new service; one that serves none (here
  /// nothing listens at all) keeps the typed forms the walk had instead of inferred ones.
  @Test func switchingToAServiceWithoutASpecKeepsTheTypedForms() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    let console = try TmuxConsole()
    defer { console.stop() }
    let environment = try Self.writeConfig(
      """
      default_profile = "a-served"

      [profiles.a-served]
      service_url = "\(sandbox.baseURL)"
      partner_id = \(sandbox.partnerID)
      admin_secret = "\(RunHarness.adminSecret)"

      [profiles.b-unreachable]
      service_url = "http://127.0.0.1:1"
      partner_id = \(sandbox.partnerID)
      admin_secret = "\(RunHarness.adminSecret)"
      """, in: console)
    try console.run(console.consoleCommand("recipes/upload.md", environment: environment) + "; echo console-exit=$?")
    #expect(try await console.waitForTypedWalk().contains("profile a-served"))
    try console.press("3")
    let typed = try await console.waitFor("step 3's typed form") { $0.contains("step 3/5") && $0.contains("mediaType") }
    let formRows = Self.formRows(typed)
    #expect(formRows.count > 2, "the media entry's form lists its fields: \(typed)")

    try console.press("P")
    try await console.waitFor(text: "Enter switches")
    try console.press("Down", "Enter")
    let switched = try await console.waitFor("the spec kept on the unreachable profile") {
      $0.contains("profile b-unreachable") && $0.contains("the forms keep the previous profile's")
    }
    #expect(!switched.contains("loading spec"))
    #expect(switched.contains("http://127.0.0.1:1/api_v3/openapi.json gave no spec"))
    #expect(Self.formRows(switched) == formRows, "the same typed fields after the switch")

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
    await sandbox.stop()
  }

  /// Writes the console's config file under the tmux session's scratch folder; the environment
  /// that makes the console read it.
  private static func writeConfig(_ text: String, in console: TmuxConsole) throws -> String {
    let directory = console.scratch + "/config/recipe-console"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)
    return "XDG_CONFIG_HOME=\(console.scratch)/config"
  }

  /// The lines of the Form area (from its title to the Send button).
  private static func formRows(_ screen: String) -> [Substring] {
    let lines = screen.split(separator: "\n")
    guard let start = lines.firstIndex(where: { $0.contains("─ Form") }),
      let end = lines[start...].firstIndex(where: { $0.contains("[ Send") })
    else { return [] }
    return Array(lines[start...end])
  }

  @Test func versionCompletionsAndTheConfigCommand() async throws {
    var harness = try RunHarness()
    defer { harness.remove() }
    let version = try await harness.run(["--version"], name: "version")
    #expect(version.status == 0)
    #expect(version.stdout.contains(/^\d+\.\d+\.\d+\n$/))
    for shell in ["bash", "zsh", "fish"] {
      let script = try await harness.run(["--generate-completion-script", shell], name: shell)
      #expect(script.status == 0)
      #expect(script.stdout.contains("replay") && script.stdout.contains("profile"), "\(shell)")
    }

    let configDirectory = harness.directory + "/config/recipe-console"
    try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
    harness.extraEnvironment = [
      "XDG_CONFIG_HOME": harness.directory + "/config", "PROD_SECRET": "prod-secret-value-123",
    ]
    try """
    default_profile = "prod"
    [profiles.prod]
    service_url = "https://www.kaltura.com"
    partner_id = 12345
    admin_secret = { env = "PROD_SECRET" }
    [keys]
    send = "S"
    """.write(toFile: configDirectory + "/config.toml", atomically: true, encoding: .utf8)
    let shown = try await harness.run(["config"], name: "config")
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("service URL   https://www.kaltura.com  (profile prod)"))
    #expect(shown.stdout.contains("admin secret  ****(21 chars)  (profile prod)"))
    #expect(shown.stdout.contains("send           S  (config)"))
    #expect(!shown.stdout.contains("prod-secret-value-123"))

    try "[profiles.prod]\npartner_id = = 1\n".write(
      toFile: configDirectory + "/config.toml", atomically: true, encoding: .utf8)
    let broken = try await harness.run(["config"], name: "broken")
    #expect(broken.status == 2)
    #expect(broken.stderr.contains(configDirectory + "/config.toml:2:"))
  }
}
