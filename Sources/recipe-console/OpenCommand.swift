import ArgumentParser
import Curses
import Foundation
import KalturaClient

/// `recipe-console [RECIPE]`: the full-screen console. Without a recipe, a picker over
/// ./recipes/*.md; without a service, the embedded sandbox.
struct OpenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open a recipe in the interactive console (the default command).",
    discussion: """
      --session FILE continues a saved session (its recorded answers and replies are shown) and \
      autosaves to it; a FILE that does not exist yet is created. Without --session the walk \
      autosaves to a new file under $XDG_STATE_HOME/recipe-console/sessions.
      """)

  @Argument(help: "The recipe (Markdown) file; default: the session's recipe, else a picker over ./recipes.")
  var recipe: String?

  @Option(name: .customLong("session"), help: "A session file to continue (and autosave to).")
  var session: String?

  @OptionGroup var uploadArguments: UploadArguments

  @OptionGroup var service: ServiceOptions

  func run() async throws {
    let upload: UploadOptions
    do {
      upload = try uploadArguments.options()
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    let terminal = Terminal()
    do {
      try terminal.start()
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    let outcome: ConsoleOutcome
    do {
      outcome = try await ConsoleLauncher(
        terminal: terminal, recipePath: recipe, sessionPath: session, service: service, upload: upload
      )
      .run()
    } catch {
      // Restore first so the message lands on a normal screen.
      terminal.stop()
      printError("error: \(error)")
      throw ExitCode(1)
    }
    terminal.stop()
    if let saved = outcome.sessionPath { print("session: \(saved)") }
    if let signal = outcome.signal { throw ExitCode(128 + signal) }
  }
}
