/// What a typed file path means, decided once, when the value is stored (`WalkthroughEngine`):
/// `~` and `~/…` are the user's home, as a shell reads them, and surrounding blanks are typing
/// noise. Everything that later shows, checks or sends the file uses the stored form.
public enum FilePath {
  public static func normalized(_ text: String, home: String?) -> String {
    let trimmed = String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    guard let home, !home.isEmpty, trimmed.first == "~" else { return trimmed }
    if trimmed == "~" { return home }
    guard trimmed.hasPrefix("~/") else { return trimmed }  // ~user is left to the system
    return (home.hasSuffix("/") ? String(home.dropLast()) : home) + trimmed.dropFirst()
  }
}
