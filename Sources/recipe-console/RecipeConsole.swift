import ArgumentParser

@main
struct RecipeConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recipe-console",
    abstract: "Walk through Kaltura API recipes in the terminal, live.",
    subcommands: [OpenCommand.self, CheckCommand.self, RunCommand.self, ServeCommand.self, ReplayCommand.self],
    defaultSubcommand: OpenCommand.self
  )
}
