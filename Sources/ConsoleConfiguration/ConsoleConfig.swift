/// The settings of `$XDG_CONFIG_HOME/recipe-console/config.toml`: named profiles (where to send
/// requests and as whom), which one is the default, and key bindings that replace the built-in
/// ones. A value type: parsing is `ConsoleConfig.parse`, secrets are fetched only when a profile
/// is used (`SecretSource.resolve`).
public struct ConsoleConfig: Sendable, Equatable {
  /// The config file this came from; nil for the built-in settings alone.
  public var file: String?
  /// Profiles in the order of the file, the built-in sandbox first.
  public var profiles: [Profile]
  /// `default_profile`; nil means the sandbox unless the environment names a service.
  public var defaultProfile: String?
  /// Action name → the key that does it (one character), replacing the action's default key.
  public var keyBindings: [String: String]

  public init(
    file: String? = nil, profiles: [Profile] = [Profile.sandbox], defaultProfile: String? = nil,
    keyBindings: [String: String] = [:]
  ) {
    self.file = file
    self.profiles = profiles
    self.defaultProfile = defaultProfile
    self.keyBindings = keyBindings
  }

  public func profile(named name: String) -> Profile? { profiles.first { $0.name == name } }

  public var profileNames: [String] { profiles.map(\.name) }
}

/// One place to send requests: a service and the credentials for it. Every value may be
/// missing (the command line and the environment fill in the rest).
public struct Profile: Sendable, Equatable {
  public var name: String
  /// Empty for the embedded sandbox.
  public var serviceURL: String?
  public var partnerID: Int?
  public var userID: String?
  public var adminSecret: SecretSource?
  public var ks: SecretSource?

  public init(
    name: String, serviceURL: String? = nil, partnerID: Int? = nil, userID: String? = nil,
    adminSecret: SecretSource? = nil, ks: SecretSource? = nil
  ) {
    self.name = name
    self.serviceURL = serviceURL
    self.partnerID = partnerID
    self.userID = userID
    self.adminSecret = adminSecret
    self.ks = ks
  }

  /// The name of the built-in profile of the embedded sandbox.
  public static let sandboxName = "sandbox"
  /// The embedded sandbox: no service URL, its own partner and secret.
  public static let sandbox = Profile(name: sandboxName)

  public var isSandbox: Bool { name == Self.sandboxName }
}

/// Where a secret comes from. The file never needs to hold one: it can name an environment
/// variable or a command (`pass show kaltura/admin`) whose first output line is the secret.
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
  case literal(String)
  case environment(String)
  case command(String)

  /// For `recipe-console config`: where the secret comes from, never the secret itself.
  public var description: String {
    switch self {
    case .literal(let value): return "\(Masking.mask(value)) (in the file)"
    case .environment(let name): return "from $\(name)"
    case .command(let command): return "from `\(command)`"
    }
  }
}

/// How a secret is shown when it must be mentioned at all.
public enum Masking {
  /// Nothing of the secret but its length, which tells a KS from an admin secret.
  public static func mask(_ secret: String) -> String { "****(\(secret.count) chars)" }
}

extension ConsoleConfig {
  /// The profile in use: the one asked for by name (`--profile`), else `default_profile`;
  /// nil when neither (the environment or the sandbox decide). `explicit` is true for a
  /// requested one, which wins over the environment; a default profile gives way to it.
  /// Throws for a name that is not a profile.
  public func chosenProfile(_ requested: String?) throws(ConfigError) -> (profile: Profile, explicit: Bool)? {
    if let requested {
      guard let profile = profile(named: requested) else {
        throw ConfigError(
          file: file ?? "config", line: nil,
          message: "no profile \"\(requested)\" (known: \(profileNames.joined(separator: ", ")))")
      }
      return (profile, true)
    }
    return defaultProfile.flatMap(profile(named:)).map { ($0, false) }
  }
}
