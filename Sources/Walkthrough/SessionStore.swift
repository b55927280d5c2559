#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saves one session again and again at the cost of what changed: exchanges not yet in
/// `FILE.log` are appended to it (encoded and redacted once, fsynced), then the small state
/// file `FILE` is replaced atomically. The state names the log bytes it trusts, so a save
/// killed at any point leaves the last complete session; the next save cuts a torn tail off.
///
/// One store per session file, used from one place at a time (the saver that owns it).
public final class SessionStore {
  public let path: String
  public let recipe: RecipeIdentity
  public let includeSecrets: Bool
  /// Tests throw from it to stop a save between the log append and the state file.
  public var beforeStateWrite: () throws -> Void = {}
  /// What the last save wrote to the log (for tests and the benchmark).
  public private(set) var lastSave: Kind?

  public enum Kind: Sendable, Hashable {
    /// Records appended to the existing log.
    case appended(records: Int)
    /// The log written afresh with this many records (first save, or the session changed
    /// in a way appending cannot express).
    case rewritten(records: Int)
  }

  /// What this store knows the log on disk holds.
  private struct Logged {
    var position: SessionLogPosition
    var counts: [Int]
    /// Per step, the start time of the last logged exchange: the check that the engine's
    /// exchanges still begin with the logged ones.
    var lastStarts: [Double?]
  }
  private var logged: Logged?

  public init(path: String, recipe: RecipeIdentity, includeSecrets: Bool = false) {
    self.path = path
    self.recipe = recipe
    self.includeSecrets = includeSecrets
  }

  public var logPath: String { SessionLog.logPath(of: path) }

  /// Continues a session read from `path`: what its log holds is not written again.
  public func adopt(_ loaded: LoadedSession) {
    guard let position = loaded.logPosition else { return }
    logged = Logged(
      position: position, counts: loaded.session.steps.map(\.exchanges.count),
      lastStarts: loaded.session.steps.map { $0.exchanges.last?.startedAt })
  }

  public func save(_ engine: WalkthroughEngine) throws {
    let steps = engine.session.steps
    var next: Logged
    if var known = logged, extends(known, steps), logFileSize() >= known.position.bytes {
      var records: [UInt8] = []
      var count = 0
      for (index, state) in steps.enumerated() {
        let from = index < known.counts.count ? known.counts[index] : 0
        for exchange in state.exchanges[from...] {
          records += SessionLog.recordLine(step: index, exchange: exchange, includeSecrets: includeSecrets)
          count += 1
        }
      }
      if count > 0 || logFileSize() != known.position.bytes {
        try AtomicFile.append(records, to: logPath, at: known.position.bytes)
      }
      known.position.bytes += records.count
      next = known
      lastSave = .appended(records: count)
    } else {
      let id = Self.newLogID()
      var bytes = SessionLog.headerLine(id: id)
      var count = 0
      for (index, state) in steps.enumerated() {
        for exchange in state.exchanges {
          bytes += SessionLog.recordLine(step: index, exchange: exchange, includeSecrets: includeSecrets)
          count += 1
        }
      }
      try AtomicFile.write(bytes, to: logPath)
      next = Logged(position: SessionLogPosition(id: id, bytes: bytes.count), counts: [], lastStarts: [])
      lastSave = .rewritten(records: count)
    }
    next.counts = steps.map(\.exchanges.count)
    next.lastStarts = steps.map { $0.exchanges.last?.startedAt }
    // Until the state file names them, appended records are not the session's: a failed save
    // leaves `logged` as the state on disk has it, and the next one appends them again over
    // the same bytes. A log written afresh has a new id the old state does not name.
    if case .rewritten = lastSave { logged = nil }
    try beforeStateWrite()
    let state = SessionFile.encodeState(engine, recipe: recipe, includeSecrets: includeSecrets, log: next.position)
    try AtomicFile.write(Array((state.prettyText() + "\n").utf8), to: path)
    logged = next
  }

  /// True when every step's exchanges begin with what the log holds for it.
  private func extends(_ known: Logged, _ steps: [StepState]) -> Bool {
    guard steps.count >= known.counts.count else { return false }
    for (index, count) in known.counts.enumerated() {
      let exchanges = steps[index].exchanges
      guard exchanges.count >= count else { return false }
      if count > 0, exchanges[count - 1].startedAt != known.lastStarts[index] { return false }
    }
    return true
  }

  private func logFileSize() -> Int {
    var info = stat()
    return stat(logPath, &info) == 0 ? Int(info.st_size) : -1
  }

  private static func newLogID() -> String {
    (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
  }
}
