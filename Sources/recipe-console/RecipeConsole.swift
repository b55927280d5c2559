import ArgumentParser
import Foundation

@main
struct RecipeConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe-console",
    abstract: "Walk through Kaltura API recipes in the terminal, live.",
    version: RecipeConsole.version,
    subcommands: [
      OpenCommand.self, CheckCommand.self, RunCommand.self, ServeCommand.self, ReplayCommand.self,
      ViewCommand.self, ConfigCommand.self, CodeCommand.self, ExportCommand.self, DemoCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  /// `recipe-console --version`; `make install` stamps nothing, so bump it with releases.
  static let version = "0.9.0"

  /// ArgumentParser exits 64 (EX_USAGE) on bad arguments; every command of ours documents
  /// exit 2 for usage errors, so parse errors are mapped to 2 here.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
