import Foundation
import JSONValue
import Walkthrough

/// Keeps the saved session in step with the run: after every step (written before the run
/// goes on), and while an upload runs with its checkpoints, throttled, on the save queue (so a
/// killed run resumes close to where it stopped without a save per chunk).
final class SessionSaver: @unchecked Sendable {
  let path: String
  private let queue: SessionSaveQueue
  private let lock = NSLock()
  private var snapshot: WalkthroughEngine?

  init(path: String, identity: RecipeIdentity, includeSecrets: Bool, continuing loaded: LoadedSession? = nil) {
    self.path = path
    queue = SessionSaveQueue(recipe: identity, includeSecrets: includeSecrets) { report in
      if case .failed(_, let error) = report { printError("warning: \(error)") }
    }
    if let loaded { queue.adopt(loaded, path: path) }
  }

  func save(_ engine: WalkthroughEngine) {
    lock.withLock { snapshot = engine }
    queue.save(engine, to: path)
    queue.flush()
  }

  /// Saves the last engine with `checkpoint` as the step's upload record (throttled).
  func save(checkpoint: JSONValue, step: Int) {
    let engine: WalkthroughEngine? = lock.withLock {
      guard var engine = snapshot else { return nil }
      engine.session[step].uploadCheckpoint = checkpoint
      snapshot = engine
      return engine
    }
    guard let engine else { return }
    queue.saveCheckpoint(
      engine, to: path, acknowledgedBytes: Int64(checkpoint["acknowledgedBytes"]?.intValue ?? 0))
  }
}
