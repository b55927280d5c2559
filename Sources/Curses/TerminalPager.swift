import Foundation

/// Reading a long text in the user's pager while the console steps aside.
extension Terminal {
  /// `$PAGER`, or `less -R` (colours pass through, and it quits back to the console).
  public static func pagerCommand(environment: [String: String]) -> String {
    if let value = environment["PAGER"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
    return "less -R"
  }

  /// Writes `text` to a temporary file and shows it in the pager; returns when the pager
  /// exits. Runs on a thread of its own: the reader can take minutes.
  public func page(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      let thread = Thread { [self] in
        continuation.resume(with: Result { try pageNow(text, environment: environment) })
      }
      thread.name = "recipe-console pager"
      thread.start()
    }
  }

  private func pageNow(_ text: String, environment: [String: String]) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-console-\(UUID().uuidString).txt")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let command = Self.pagerCommand(environment: environment)
    let status = try suspend {
      try ForegroundProcess.run(["/bin/sh", "-c", command + " \"$1\"", "sh", url.path], environment: environment)
    }
    guard status == 0 else { throw TerminalError("the pager `\(command)` exited with status \(status)") }
  }
}
