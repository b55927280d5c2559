import Dispatch
import Foundation
import Walkthrough

/// The one save path of the console and `run`: saves are handed over as engine snapshots (a
/// value, cheap to copy) and written on a queue of their own, never on the loop that handles
/// keys. `SaveSchedule` decides what is written when (latest wins, checkpoints throttled);
/// `SessionStore` writes only what changed.
final class SessionSaveQueue: @unchecked Sendable {
  enum Report: Sendable {
    case saved(path: String)
    case failed(path: String, error: String)
  }

  let recipe: RecipeIdentity
  let includeSecrets: Bool
  private let report: @Sendable (Report) -> Void
  private let queue = DispatchQueue(label: "recipe-console.session-saver")
  // Guards `schedule` and `timerArmed`; the stores are touched only on `queue`.
  private let lock = NSLock()
  private var schedule = SaveSchedule<WalkthroughEngine>()
  private var timerArmed = false
  private var stores: [String: SessionStore] = [:]

  init(recipe: RecipeIdentity, includeSecrets: Bool = false, report: @escaping @Sendable (Report) -> Void = { _ in }) {
    self.recipe = recipe
    self.includeSecrets = includeSecrets
    self.report = report
  }

  /// The session was read from `path`: saves there append after what its log holds.
  func adopt(_ loaded: LoadedSession, path: String) {
    queue.sync { store(for: path).adopt(loaded) }
  }

  /// Saves `engine` as soon as the queue is free.
  func save(_ engine: WalkthroughEngine, to path: String) {
    lock.withLock { schedule.change(engine, path: path) }
    queue.async { self.drain(force: false) }
  }

  /// Saves `engine`, whose upload has `acknowledgedBytes`, when the throttle lets it.
  func saveCheckpoint(_ engine: WalkthroughEngine, to path: String, acknowledgedBytes: Int64) {
    lock.withLock { schedule.checkpoint(engine, path: path, acknowledgedBytes: acknowledgedBytes) }
    queue.async { self.drain(force: false) }
  }

  /// Writes what is pending, throttled or not, and returns when it is on disk.
  func flush() {
    queue.sync { drain(force: true) }
  }

  private func drain(force: Bool) {
    let now = Date().timeIntervalSince1970
    let next = lock.withLock { schedule.next(now: now, force: force) }
    switch next {
    case .idle: return
    case .wait(let due):
      let arm = lock.withLock {
        defer { timerArmed = true }
        return !timerArmed
      }
      guard arm else { return }
      queue.asyncAfter(deadline: .now() + max(0.01, due - now)) {
        self.lock.withLock { self.timerArmed = false }
        self.drain(force: false)
      }
    case .write(let pending):
      do {
        try ConsoleEffects.createParentDirectory(of: pending.path)
        try store(for: pending.path).save(pending.snapshot)
        if pending.checkpointBytes == nil { report(.saved(path: pending.path)) }
      } catch {
        report(.failed(path: pending.path, error: "\(error)"))
      }
    }
  }

  private func store(for path: String) -> SessionStore {
    if let store = stores[path] { return store }
    let store = SessionStore(path: path, recipe: recipe, includeSecrets: includeSecrets)
    stores[path] = store
    return store
  }
}
