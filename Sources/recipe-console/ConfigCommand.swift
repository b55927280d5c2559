import ArgumentParser
import ConsoleConfiguration
import Foundation
import TerminalUI

/// `recipe-console config`: the settings the console would use, each with where it comes from,
/// secrets masked (a secret behind a command is not fetched).
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Print the effective settings (config file, profiles, keys), secrets masked.",
    discussion: """
      The config file is $XDG_CONFIG_HOME/recipe-console/config.toml (~/.config when unset):
        default_profile = "prod"
        [profiles.prod]
        service_url = "https://www.kaltura.com"
        partner_id = 12345
        user_id = "me@example.com"
        admin_secret = { command = "pass show kaltura/admin" }   # or { env = "VAR" }; ks = … likewise
        [keys]
        send = "S"        # actions: \(KeyAction.allCases.map(\.rawValue).joined(separator: ", "))
      Options win over --profile NAME; without --profile the environment (KALTURA_*) wins over \
      the default profile, which applies only when no service URL is given.
      """)

  @OptionGroup var service: ServiceOptions

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let config = try ConfigFile.load(environment: environment)
    let layers = try service.layered(environment: environment, config: config)
    print(Self.report(config: config, layers: layers, path: ConfigLocation.defaultPath(environment: environment)))
  }

  static func report(config: ConsoleConfig, layers: LayeredService, path: String?) -> String {
    var lines: [String] = []
    let found = config.file != nil
    lines.append("config file: \(path ?? "(no HOME)")\(found ? "" : " (not found: built-in settings)")")
    lines.append("default profile: \(config.defaultProfile ?? "(none)")")
    lines.append("profiles:")
    let entries = ConfigFile.entries(config)
    let nameWidth = entries.map(\.name.count).max() ?? 0
    for (profile, entry) in zip(config.profiles, entries) {
      var line =
        "  \(profile.name == layers.profile?.name ? "*" : " ") \(entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0))  \(entry.summary)"
      if let user = profile.userID { line += " · user \(user)" }
      if let ks = profile.ks { line += " · ks \(ks)" }
      if let secret = profile.adminSecret { line += " · admin secret \(secret)" }
      lines.append(line)
    }
    lines.append("in use:")
    func row(_ name: String, _ value: String?, _ origin: String?) {
      lines.append(
        "  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(value ?? "-")\(origin.map { "  (\($0))" } ?? "")"
      )
    }
    row("profile", layers.profile?.name, nil)
    row("service URL", layers.serviceURL?.value ?? "the embedded sandbox", layers.serviceURL?.origin)
    row("partner id", layers.partnerID.map { String($0.value) }, layers.partnerID?.origin)
    row("user id", layers.userID?.value, layers.userID?.origin)
    row("ks", layers.ks.map(maskedSource), layers.ks?.origin)
    row("admin secret", layers.adminSecret.map(maskedSource), layers.adminSecret?.origin)
    lines.append("keys:")
    for action in KeyAction.allCases {
      let key = config.keyBindings[action.rawValue]
      lines.append(
        "  \(action.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(key ?? String(action.defaultKey))\(key == nil ? "" : "  (config)")"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// An environment variable's value is masked; a literal (option or file) too.
  private static func maskedSource(_ setting: Setting<SecretSource>) -> String {
    switch setting.value {
    case .literal(let value): return Masking.mask(value)
    case .environment(let name):
      let value = ProcessInfo.processInfo.environment[name] ?? ""
      return value.isEmpty ? "($\(name) is not set)" : Masking.mask(value)
    case .command(let command): return "the output of `\(command)` (not run here)"
    }
  }
}
