/// Where the config file is looked for.
public enum ConfigLocation {
  /// `$XDG_CONFIG_HOME/recipe-console/config.toml`, with `~/.config` when XDG_CONFIG_HOME is
  /// unset or empty (the XDG base directory rule).
  public static func defaultPath(environment: [String: String]) -> String? {
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/recipe-console/config.toml" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/recipe-console/config.toml"
  }
}
