/// Runs a shell command line and gives its standard output: the way to a password manager
/// (`pass show kaltura/admin`). A protocol so tests hand in a fake, and the config stays pure.
public protocol SecretCommandRunning: Sendable {
  /// Throws when the command cannot start or exits non-zero (with its stderr in the error).
  func output(of command: String) async throws -> String
}

/// What a secret's source could not give.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension SecretSource {
  /// The secret: the literal, the environment variable's value, or the first line the command
  /// printed. Fetched only when the profile is used, never stored.
  public func resolve(environment: [String: String], runner: any SecretCommandRunning) async throws(SecretError)
    -> String
  {
    switch self {
    case .literal(let value):
      return value
    case .environment(let name):
      guard let value = environment[name], !value.isEmpty else {
        throw SecretError("$\(name) is not set (the profile takes its secret from it)")
      }
      return value
    case .command(let command):
      let output: String
      do { output = try await runner.output(of: command) } catch {
        throw SecretError("`\(command)` failed: \(error)")
      }
      // `pass` prints the password on the first line, and notes after it.
      let first = output.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
      let secret = first.trimmingSpaces
      guard !secret.isEmpty else { throw SecretError("`\(command)` printed no secret") }
      return secret
    }
  }
}
