import Foundation
import JSONValue
import Walkthrough

/// Keeps the saved session in step with the run: after every step, and after every chunk the
/// server acknowledged during an upload (so a killed run resumes where it stopped).
final class SessionSaver: @unchecked Sendable {
  let path: String
  let identity: RecipeIdentity
  let includeSecrets: Bool
  private let lock = NSLock()
  private var snapshot: WalkthroughEngine?

  init(path: String, identity: RecipeIdentity, includeSecrets: Bool) {
    self.path = path
    self.identity = identity
    self.includeSecrets = includeSecrets
  }

  func save(_ engine: WalkthroughEngine) {
    lock.withLock {
      snapshot = engine
      write(engine)
    }
  }

  /// Saves the last engine with `checkpoint` as the step's upload record.
  func save(checkpoint: JSONValue, step: Int) {
    lock.withLock {
      guard var engine = snapshot else { return }
      engine.session[step].uploadCheckpoint = checkpoint
      snapshot = engine
      write(engine)
    }
  }

  private func write(_ engine: WalkthroughEngine) {
    do { try SessionFile.save(engine, recipe: identity, to: path, includeSecrets: includeSecrets) } catch {
      printError("warning: \(error)")
    }
  }
}
