import ConsoleConfiguration
import Testing

private let actions: Set<String> = ["send", "quit", "profiles"]

private func parse(_ text: String) throws(ConfigError) -> ConsoleConfig {
  try ConsoleConfig.parse(text: text, file: "config.toml", keyActions: actions)
}

/// Errors must be the parser's; anything else fails the test.
private func error(_ text: String) -> ConfigError? {
  do {
    _ = try parse(text)
    return nil
  } catch { return error }
}

@Suite struct ConfigParsingTests {
  @Test func profilesInFileOrderAfterTheBuiltInSandbox() throws {
    let config = try parse(
      """
      default_profile = "prod"

      [profiles.staging]
      service_url = "https://staging.example.com"
      partner_id = 7

      [profiles.prod]
      service_url = "https://www.kaltura.com"
      partner_id = 12345
      user_id = "me@example.com"
      admin_secret = { env = "KALTURA_PROD_SECRET" }
      """)
    #expect(config.profileNames == ["sandbox", "staging", "prod"])
    #expect(config.defaultProfile == "prod")
    let prod = try #require(config.profile(named: "prod"))
    #expect(prod.serviceURL == "https://www.kaltura.com")
    #expect(prod.partnerID == 12345)
    #expect(prod.userID == "me@example.com")
    #expect(prod.adminSecret == .environment("KALTURA_PROD_SECRET"))
    #expect(prod.ks == nil)
    #expect(config.profile(named: "sandbox")?.isSandbox == true)
  }

  @Test func anEmptyFileHasTheSandboxOnly() throws {
    let config = try parse("")
    #expect(config.profileNames == ["sandbox"])
    #expect(try config.chosenProfile(nil) == nil)
  }

  @Test func requestedProfileWinsAndUnknownNamesAreErrors() throws {
    let config = try parse(
      """
      default_profile = "a"
      [profiles.a]
      partner_id = 1
      [profiles.b]
      partner_id = 2
      """)
    #expect(try config.chosenProfile(nil)?.profile.name == "a")
    #expect(try config.chosenProfile(nil)?.explicit == false)
    #expect(try config.chosenProfile("b")?.profile.partnerID == 2)
    #expect(try config.chosenProfile("sandbox")?.profile.isSandbox == true)
    #expect(throws: ConfigError.self) { try config.chosenProfile("nope") }
  }

  @Test func keyBindingsAreRead() throws {
    let config = try parse(
      """
      [keys]
      send = "S"
      profiles = "o"
      """)
    #expect(config.keyBindings == ["send": "S", "profiles": "o"])
  }

  @Test func syntaxErrorsHaveFileLineAndColumn() throws {
    let problem = try #require(error("[profiles.prod]\nservice_url = \"https://x\"\npartner_id = = 3\n"))
    #expect(problem.line == 3)
    #expect(problem.description.hasPrefix("config.toml:3:"))
  }

  @Test func meaningErrorsHaveTheLineOfTheirKey() throws {
    let wrongType = try #require(error("[profiles.prod]\nservice_url = \"https://x\"\n\npartner_id = \"twelve\"\n"))
    #expect(wrongType.line == 4)
    #expect(wrongType.description == "config.toml:4: error: partner_id must be an integer, e.g. partner_id = 12345")

    let unknown = try #require(error("[profiles.prod]\npartner = 3\n"))
    #expect(unknown.line == 2)
    #expect(unknown.message.contains("unknown setting \"partner\""))

    let badDefault = try #require(error("\n\ndefault_profile = \"missing\"\n"))
    #expect(badDefault.line == 3)

    let action = try #require(error("[keys]\nsend = \"S\"\nfly = \"f\"\n"))
    #expect(action.line == 3)
    #expect(action.message.contains("unknown action \"fly\""))

    let twice = try #require(error("[keys]\nsend = \"x\"\nquit = \"x\"\n"))
    #expect(twice.message == "key \"x\" is bound to both quit and send")

    let secret = try #require(error("[profiles.p]\nadmin_secret = { file = \"/x\" }\n"))
    #expect(secret.line == 2)

    let builtIn = try #require(error("a = 1\n[profiles.sandbox]\npartner_id = 1\n"))
    #expect(builtIn.line == 1)
  }

  @Test func sandboxCannotBeRedefined() throws {
    let builtIn = try #require(error("[profiles.sandbox]\npartner_id = 1\n"))
    #expect(builtIn.line == 1)
    #expect(builtIn.message.contains("built in"))
  }
}
