import TOMLKit

extension ConsoleConfig {
  /// The keys a profile table may hold.
  static let profileKeys: Set<String> = ["service_url", "partner_id", "user_id", "admin_secret", "ks"]

  /// Parses a config file. The syntax is TOMLKit's (toml++), whose errors carry line and column;
  /// what the TOML means is checked here, each error with the line of its key. `keyActions` are
  /// the action names `[keys]` may rebind.
  public static func parse(text: String, file: String, keyActions: Set<String>) throws(ConfigError) -> ConsoleConfig {
    let root: TOMLTable
    do {
      root = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigError(
        file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
    } catch {
      throw ConfigError(file: file, line: nil, message: "\(error)")
    }
    let lines = ConfigLines(text)
    func fail(_ message: String, table: String?, key: String?) -> ConfigError {
      ConfigError(file: file, line: lines.line(of: key, inTable: table), message: message)
    }

    var config = ConsoleConfig(file: file)
    for key in root.keys where !["default_profile", "profiles", "keys"].contains(key) {
      throw fail(
        "unknown setting \"\(key)\" (expected default_profile, [profiles.NAME] or [keys])", table: nil, key: key)
    }
    if let value = root["default_profile"] {
      guard let name = value.string else {
        throw fail("default_profile must be a string (a profile name)", table: nil, key: "default_profile")
      }
      config.defaultProfile = name
    }
    if let value = root["profiles"] {
      guard let profiles = value.table else {
        throw fail("profiles must be tables: [profiles.NAME]", table: nil, key: "profiles")
      }
      let names = profiles.keys.sorted { lines.line(ofTable: "profiles.\($0)") < lines.line(ofTable: "profiles.\($1)") }
      for name in names {
        let table = "profiles.\(name)"
        if name == Profile.sandboxName {
          throw fail("the \"sandbox\" profile is built in; give yours another name", table: table, key: nil)
        }
        guard let fields = profiles[name]?.table else {
          throw fail("profiles.\(name) must be a table: [profiles.\(name)]", table: "profiles", key: name)
        }
        config.profiles.append(try profile(name, fields, table: table, fail: fail))
      }
    }
    if let value = root["keys"] {
      guard let keys = value.table else { throw fail("keys must be a table: [keys]", table: nil, key: "keys") }
      for action in keys.keys {
        guard keyActions.contains(action) else {
          throw fail(
            "unknown action \"\(action)\" in [keys] (expected one of \(keyActions.sorted().joined(separator: ", ")))",
            table: "keys", key: action)
        }
        guard let key = keys[action]?.string, key.count == 1, key != " " else {
          throw fail(
            "[keys] \(action) must be one character in quotes, e.g. \(action) = \"x\"", table: "keys", key: action)
        }
        config.keyBindings[action] = key
      }
      let byKey = Dictionary(grouping: config.keyBindings, by: \.value)
      if let (key, actions) = byKey.first(where: { $0.value.count > 1 }) {
        let names = actions.map(\.key).sorted()
        throw fail("key \"\(key)\" is bound to both \(names.joined(separator: " and "))", table: "keys", key: names[1])
      }
    }
    if let name = config.defaultProfile, config.profile(named: name) == nil {
      throw fail(
        "default_profile \"\(name)\" is not a profile (known: \(config.profileNames.joined(separator: ", ")))",
        table: nil, key: "default_profile")
    }
    return config
  }

  private static func profile(
    _ name: String, _ fields: TOMLTable, table: String, fail: (String, String?, String?) -> ConfigError
  ) throws(ConfigError) -> Profile {
    var profile = Profile(name: name)
    for key in fields.keys where !profileKeys.contains(key) {
      throw fail(
        "unknown setting \"\(key)\" in [\(table)] (expected \(profileKeys.sorted().joined(separator: ", ")))",
        table, key)
    }
    if let value = fields["service_url"] {
      guard let url = value.string, url.hasPrefix("http://") || url.hasPrefix("https://") else {
        throw fail("service_url must be an http(s) URL in quotes", table, "service_url")
      }
      profile.serviceURL = url
    }
    if let value = fields["partner_id"] {
      guard let id = value.int else {
        throw fail("partner_id must be an integer, e.g. partner_id = 12345", table, "partner_id")
      }
      profile.partnerID = id
    }
    if let value = fields["user_id"] {
      guard let user = value.string else { throw fail("user_id must be a string", table, "user_id") }
      profile.userID = user
    }
    for key in ["admin_secret", "ks"] {
      guard let value = fields[key] else { continue }
      let source: SecretSource
      if let literal = value.string {
        source = .literal(literal)
      } else if let inner = value.table, inner.keys.count == 1, let env = inner["env"]?.string, !env.isEmpty {
        source = .environment(env)
      } else if let inner = value.table, inner.keys.count == 1, let command = inner["command"]?.string,
        !command.isEmpty
      {
        source = .command(command)
      } else {
        throw fail(
          "\(key) must be { env = \"VARIABLE\" }, { command = \"pass show …\" } or a string", table, key)
      }
      if key == "ks" { profile.ks = source } else { profile.adminSecret = source }
    }
    return profile
  }
}

/// Finds where a key or a table header stands in the text, for errors about what a value
/// means (TOMLKit gives positions only for syntax errors).
struct ConfigLines {
  private let lines: [Substring]

  init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

  /// The 1-based line of `[name]`; Int.max when absent (such tables sort last).
  func line(ofTable name: String) -> Int {
    for (index, line) in lines.enumerated() where Self.header(of: line) == name { return index + 1 }
    return Int.max
  }

  /// The line of `key = …` inside table `table` (nil: the top level); of the table's header
  /// when `key` is nil or not found; nil when neither is found.
  func line(of key: String?, inTable table: String?) -> Int? {
    var current: String?
    var headerLine: Int?
    for (index, line) in lines.enumerated() {
      if let header = Self.header(of: line) {
        current = header
        if header == table { headerLine = index + 1 }
        // `[profiles.prod]` is where the key "prod" of table "profiles" is defined.
        if let key, let table, header == "\(table).\(key)" { return index + 1 }
        continue
      }
      guard current == table, let key else { continue }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      for spelling in [key, "\"\(key)\""] where trimmed.hasPrefix(spelling) {
        let rest = trimmed.dropFirst(spelling.count).drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("=") { return index + 1 }
      }
    }
    return headerLine
  }

  private static func header(of line: Substring) -> String? {
    let trimmed = line.trimmingSpaces
    guard trimmed.hasPrefix("["), !trimmed.hasPrefix("[["), let close = trimmed.firstIndex(of: "]") else { return nil }
    return String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingSpaces
      .split(separator: ".").map { String($0.trimmingSpaces).trimmingQuotes }.joined(separator: ".")
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
  }
  var trimmingQuotes: String {
    hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : String(self)
  }
}
