/// Every key binding, for the help overlay and the footer.
public struct KeyBinding: Sendable, Hashable {
  public var keys: String
  public var action: String
  public init(_ keys: String, _ action: String) {
    self.keys = keys
    self.action = action
  }
}

public enum KeyBindings {
  public static let global: [KeyBinding] = [
    KeyBinding("Tab S-Tab", "next/prev field or area"),
    KeyBinding("n p ] [", "next / previous step"),
    KeyBinding("1-9", "jump to step"),
    KeyBinding("r", "send the step (again)"),
    KeyBinding("R", "replay from this step"),
    KeyBinding("Esc", "cancel running request"),
    KeyBinding("d", "recorded ↔ new reply"),
    KeyBinding("H D", "hidden fields, demo page"),
    KeyBinding("PgUp PgDn z", "scroll · z: whole reply"),
    KeyBinding("s P", "save as… / profiles"),
    KeyBinding("?", "this help"),
    KeyBinding("q ^C", "quit"),
    KeyBinding("click wheel", "focus or pick / scroll"),
  ]
  public static let steps: [KeyBinding] = [
    KeyBinding("↑↓ j k", "choose step"),
    KeyBinding("Enter → l", "go to the form"),
  ]
  public static let form: [KeyBinding] = [
    KeyBinding("↑↓ j k", "previous / next field"),
    KeyBinding("Enter Space", "edit, toggle, pick, send"),
    KeyBinding("← → h l", "toggle / cycle choice"),
    KeyBinding("e ^R", "$EDITOR · reveal secret"),
    KeyBinding("x Del", "reset to link/default"),
  ]
  public static let editing: [KeyBinding] = [
    KeyBinding("Enter", "keep"),
    KeyBinding("Esc", "drop the change"),
    KeyBinding("Home End", "line start / end"),
    KeyBinding("Alt-← Alt-→", "word left / right"),
    KeyBinding("^W ^U", "delete word / line"),
    KeyBinding("Tab", "complete file path"),
  ]
  public static let picker: [KeyBinding] = [
    KeyBinding("type", "filter"),
    KeyBinding("↑↓", "move"),
    KeyBinding("Enter", "pick"),
    KeyBinding("Esc", "close"),
  ]
  /// The Reply and Request tabs are the JSON viewer (the same keys as `recipe-console view`;
  /// the footer lists the rest: u J K parent/siblings, z 0 fold all/none, o $PAGER).
  public static let reply: [KeyBinding] = [
    KeyBinding("← → < >", "tab, older/newer send"),
    KeyBinding("Space 1-9 G", "fold, to level, end"),
    KeyBinding("/ n : y Y c", "find, filter, copy"),
    KeyBinding("c L y", "Code tab: lang/list/copy"),
  ]

  /// Sections in the order the help overlay lists them. The mouse is in "Everywhere" and the
  /// Code tab's keys under "Reply" so that every binding still fits one 80×24 screen.
  public static let sections: [(title: String, bindings: [KeyBinding])] = [
    ("Everywhere", global), ("Steps", steps), ("Form", form), ("Editing a field", editing),
    ("Choice picker", picker), ("Reply", reply),
  ]
}
