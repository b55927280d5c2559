import Foundation

/// Editing text in the user's editor while the console steps aside.
extension Terminal {
  /// The editor command: `$VISUAL`, then `$EDITOR`, then `vi`. It may carry arguments
  /// (`code --wait`), so it runs through the shell with the file as `$1`.
  public static func editorCommand(environment: [String: String]) -> String {
    for name in ["VISUAL", "EDITOR"] {
      if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
    }
    return "vi"
  }

  /// Writes `text` to a temporary file, suspends the console, runs the editor on it, and
  /// returns the edited text. Runs on a thread of its own: the editor can take minutes.
  public func edit(
    _ text: String, fileExtension: String = "txt",
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread { [self] in
        continuation.resume(with: Result { try editNow(text, fileExtension: fileExtension, environment: environment) })
      }
      thread.name = "recipe-console editor"
      thread.start()
    }
  }

  private func editNow(_ text: String, fileExtension: String, environment: [String: String]) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("recipe-console-\(UUID().uuidString).\(fileExtension)")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let command = Self.editorCommand(environment: environment)
    let status = try suspend {
      try ForegroundProcess.run(["/bin/sh", "-c", command + " \"$1\"", "sh", url.path], environment: environment)
    }
    guard status == 0 else { throw TerminalError("the editor `\(command)` exited with status \(status)") }
    return try String(contentsOf: url, encoding: .utf8)
  }
}
