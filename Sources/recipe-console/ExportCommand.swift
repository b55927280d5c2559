import ArgumentParser
import Foundation
import Samples
import Walkthrough

/// `recipe-console export RECIPE|SESSION --lang curl|python|node [-o FILE]`: the whole recipe as
/// one runnable script. Exit 0, or 2 for usage errors (an unknown language lists the valid ones).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write the whole recipe as one runnable script.",
    discussion: """
      The script runs every step that calls the API, in order; values the recipe links (the \
      upload token into the upload and attach steps) come from the script's own replies, and \
      a file goes up in chunks. Credentials come from KALTURA_SERVICE_URL, KALTURA_PARTNER_ID \
      and KALTURA_ADMIN_SECRET, or KALTURA_KS; the file from the script's argument (default: \
      the session's file). With a session, its answers are written in; secrets never are.
      """)

  @Argument(help: WalkOptions.sourceHelp) var source: String

  @Option(name: .customLong("lang"), help: "The script's language: curl, python or node.") var language: String

  @Option(name: .shortAndLong, help: "Write the script to this file (made executable) instead of stdout.")
  var output: String?

  @OptionGroup var walk: WalkOptions

  func run() throws {
    let script: String
    do {
      guard WorkflowScript.languages.contains(language) else {
        throw ValidationError("--lang \(language): export writes \(WorkflowScript.languages.joined(separator: ", "))")
      }
      // The environment's credentials are the script's to read when it runs, not to write in.
      let engine = try walk.engine(source: source, environment: ["HOME": NSHomeDirectory()])
      guard let text = WorkflowScript(engine: engine).render(language: language) else {
        throw ValidationError("--lang \(language): no workflow template")
      }
      script = text
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    guard let output else {
      print(script, terminator: "")
      return
    }
    do {
      try Data(script.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output)
    } catch {
      printError("error: \(output): \(error.localizedDescription)")
      throw ExitCode(2)
    }
    printError("wrote \(output)")
  }
}
