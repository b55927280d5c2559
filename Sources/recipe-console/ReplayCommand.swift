import ArgumentParser

struct ReplayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "replay", abstract: "Not built yet.")

  func run() async throws {
    throw ValidationError("'replay' is not built yet")
  }
}
