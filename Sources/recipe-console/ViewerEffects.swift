import Curses
import Foundation
import JSONViewer
import TerminalUI

/// The viewer's effects, shared by the console and `recipe-console view`.
enum ViewerEffects {
  /// `$XDG_STATE_HOME/recipe-console/clipboard` (default `~/.local/state/...`): what was last
  /// copied, for terminals that refuse OSC 52.
  static func clipboardFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (FileManager.default.homeDirectoryForCurrentUser.path + "/.local/state")
    return state + "/recipe-console/clipboard"
  }

  /// Sends the text to the terminal's clipboard and writes the clipboard file; returns the
  /// footer's note (what was copied, where the file is).
  static func copy(_ request: CopyRequest, terminal: Terminal) -> String {
    terminal.sendControlSequence(Clipboard.osc52(request.text))
    let file = clipboardFile()
    do {
      try ConsoleEffects.createParentDirectory(of: file)
      try Data(request.text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
      return "Copied \(request.what) · also in \(file)"
    } catch {
      return "Copied \(request.what) (OSC 52) · ! could not write \(file): \(error.localizedDescription)"
    }
  }

  /// Shows the text in the pager; the failure's note, or nil.
  static func page(_ text: String, terminal: Terminal) async -> String? {
    defer { terminal.invalidate() }
    do {
      try await terminal.page(text)
      return nil
    } catch {
      return "! \(error)"
    }
  }

  /// Runs the search on a task of its own; cancelling the task stops it.
  static func search(_ job: SearchJob, sink: MessageSink) -> Task<Void, Never> {
    Task.detached {
      if let message = job.run(shouldStop: { Task.isCancelled }), !Task.isCancelled { sink.yield(message) }
    }
  }
}
