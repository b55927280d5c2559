import JSONValue

extension Recipe {
  /// Parses recipe text. Never throws: problems become diagnostics.
  public static func parse(text: String, file: String) -> Recipe {
    parse(bytes: Array(text.utf8), file: file)
  }

  /// Parses raw file bytes; invalid UTF-8 and binary content are diagnostics, never crashes.
  public static func parse(bytes: [UInt8], file: String) -> Recipe {
    Recipe(file: file)
  }
}
