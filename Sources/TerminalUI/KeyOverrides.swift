/// The single-key commands a config file may rebind (`[keys]` in config.toml), by name, with
/// their built-in keys.
public enum KeyAction: String, Sendable, CaseIterable {
  case send, replay, nextStep = "next_step", previousStep = "previous_step", saveAs = "save_as", quit, help
  case compare, hiddenFields = "hidden_fields", profiles, fullReply = "full_reply"
  case nextLanguage = "next_language", editor, reset, demoPage = "demo_page"

  public var defaultKey: Character {
    switch self {
    case .send: return "r"
    case .replay: return "R"
    case .nextStep: return "n"
    case .previousStep: return "p"
    case .saveAs: return "s"
    case .quit: return "q"
    case .help: return "?"
    case .compare: return "d"
    case .hiddenFields: return "H"
    case .profiles: return "P"
    case .fullReply: return "z"
    case .nextLanguage: return "c"
    case .editor: return "e"
    case .reset: return "x"
    case .demoPage: return "D"
    }
  }
}

/// Keys the user chose instead of the built-in ones. Applied before any binding is looked up,
/// so each handler keeps matching its built-in key: a rebound key is translated to it, and the
/// built-in key of a rebound action does nothing (unless another action took it).
public struct KeyOverrides: Sendable, Hashable {
  private var toBuiltIn: [Character: Character] = [:]
  private var retired: Set<Character> = []

  public init() {}

  /// `bindings`: action → its new key (as parsed from the config file).
  public init(_ bindings: [KeyAction: Character]) {
    for (action, key) in bindings where key != action.defaultKey {
      toBuiltIn[key] = action.defaultKey
      retired.insert(action.defaultKey)
    }
  }

  public var isEmpty: Bool { toBuiltIn.isEmpty }

  /// The built-in key `key` stands for; nil when it was retired by a rebinding.
  func translate(_ key: Key) -> Key? {
    guard case .character(let typed) = key else { return key }
    if let builtIn = toBuiltIn[typed] { return .character(builtIn) }
    return retired.contains(typed) ? nil : key
  }

  /// The key shown for a built-in one (help, footer).
  public func shown(_ builtIn: Character) -> Character {
    toBuiltIn.first { $0.value == builtIn }?.key ?? builtIn
  }
}
