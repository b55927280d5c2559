import ArgumentParser

struct OpenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "open", abstract: "Not built yet.")

  func run() async throws {
    throw ValidationError("'open' is not built yet")
  }
}
