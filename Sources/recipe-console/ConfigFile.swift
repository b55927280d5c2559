import ArgumentParser
import ChildProcess
import ConsoleConfiguration
import Foundation
import TerminalUI

/// Reads `$XDG_CONFIG_HOME/recipe-console/config.toml`; no file means the built-in settings
/// (the sandbox profile, the default keys). A broken file is a usage error naming file:line.
enum ConfigFile {
  static func load(environment: [String: String]) throws -> ConsoleConfig {
    guard let path = ConfigLocation.defaultPath(environment: environment) else { return ConsoleConfig() }
    guard FileManager.default.fileExists(atPath: path) else { return ConsoleConfig() }
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw ValidationError("\(path): cannot read the config file (\(error.localizedDescription))")
    }
    do {
      return try ConsoleConfig.parse(text: text, file: path, keyActions: Set(KeyAction.allCases.map(\.rawValue)))
    } catch { throw ValidationError(error.description) }
  }

  /// `[keys]` as the console applies them.
  static func keyOverrides(_ config: ConsoleConfig) -> KeyOverrides {
    var bindings: [KeyAction: Character] = [:]
    for (name, key) in config.keyBindings {
      if let action = KeyAction(rawValue: name), let character = key.first { bindings[action] = character }
    }
    return KeyOverrides(bindings)
  }

  /// The profiles as the console's `P` list shows them.
  static func entries(_ config: ConsoleConfig) -> [ProfileEntry] {
    config.profiles.map { profile in
      var summary = profile.isSandbox ? "embedded sandbox" : profile.serviceURL ?? "(service from the environment)"
      if let partner = profile.partnerID { summary += " · partner \(partner)" }
      return ProfileEntry(name: profile.name, summary: summary)
    }
  }
}

/// Runs a profile's secret command through `/bin/sh -c`, as a shell would, and gives its
/// standard output; stderr and a non-zero exit become the error.
struct ShellCommandRunner: SecretCommandRunning {
  /// A command that asks for nothing answers in seconds; one that waits on a prompt it cannot
  /// show (its stdin is /dev/null) is stopped.
  var timeout: Duration = .seconds(120)

  func output(of command: String) async throws -> String {
    let ran = try await ChildProcess.run("/bin/sh", ["-c", command], mergingErrors: false, timeout: timeout)
    guard !ran.timedOut else { throw SecretError("no answer within \(timeout.components.seconds) s; stopped") }
    guard ran.status == 0 else {
      let why = ran.errors.trimmingCharacters(in: .whitespacesAndNewlines)
      throw SecretError("exit status \(ran.status)" + (why.isEmpty ? "" : ": \(why)"))
    }
    return ran.output
  }
}
