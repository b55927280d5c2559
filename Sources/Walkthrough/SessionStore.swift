import JSONValue

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saves one session again and again at the cost of what changed. A save appends to `FILE.log`
/// the exchanges not yet in it (encoded and redacted once) and one commit record holding the
/// steps whose state changed, then fsyncs the log once: that is the whole save. The state file
/// `FILE` is replaced (atomically) only when the log is written afresh or what the file says
/// besides its steps changes (service, partner, secrets). A save killed at any point leaves the
/// last committed session: records after the last commit are not the session's, and the next
/// save cuts them off.
///
/// Commit records pile up (an upload's checkpoint saves add one each), each replacing the step
/// states of the ones before: when they grow past `compaction`, a save writes the log afresh,
/// with one commit record for every step, and names it in the state file.
///
/// One store per session file, used from one place at a time (the saver that owns it).
public final class SessionStore {
  public let path: String
  public let recipe: RecipeIdentity
  public let includeSecrets: Bool
  /// Runs after a save's exchange records are written and before what makes them the session's
  /// (the commit record, or the state file); tests throw from it to stop a save there.
  public var beforeCommit: () throws -> Void = {}
  /// What the last save wrote to the log (for tests and the benchmark).
  public private(set) var lastSave: Kind?
  public var compaction = Compaction.standard

  /// When the commit records are worth dropping: a compaction writes every exchange again, so
  /// it waits until the commit records outweigh the rest of the log (it then costs at most
  /// what was appended since the last one) and are more than a floor.
  public struct Compaction: Sendable, Hashable {
    public var minimumCommitBytes: Int
    /// The share of the log the commit records may take.
    public var maximumCommitShare: Double

    public init(minimumCommitBytes: Int, maximumCommitShare: Double) {
      self.minimumCommitBytes = minimumCommitBytes
      self.maximumCommitShare = maximumCommitShare
    }

    public static let standard = Compaction(minimumCommitBytes: 256 << 10, maximumCommitShare: 0.5)

    func isDue(_ position: SessionLogPosition) -> Bool {
      position.commitBytes > minimumCommitBytes
        && Double(position.commitBytes) > maximumCommitShare * Double(position.bytes)
    }
  }

  public enum Kind: Sendable, Hashable {
    /// Records appended to the existing log.
    case appended(records: Int)
    /// The log written afresh with this many records (first save, or the session changed
    /// in a way appending cannot express).
    case rewritten(records: Int)
    /// The log written afresh with this many records to drop its superseded commit records.
    case compacted(records: Int)
  }

  /// What this store knows the files on disk hold.
  private struct Logged {
    /// The end of the last commit: where the next save appends.
    var position: SessionLogPosition
    var counts: [Int]
    /// Per step, the start time of the last logged exchange: the check that the engine's
    /// exchanges still begin with the logged ones.
    var lastStarts: [Double?]
    /// The state file's header and each step's state as last committed; nil when not known (a
    /// session adopted from disk), and the next save writes the state file.
    var header: JSONObject?
    var steps: [JSONValue]
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
      lastStarts: loaded.session.steps.map { $0.exchanges.last?.startedAt }, header: nil, steps: [])
  }

  public func save(_ engine: WalkthroughEngine) throws {
    let header = SessionFile.encodeHeader(engine, recipe: recipe, includeSecrets: includeSecrets)
    let steps = SessionFile.encodeStepStates(engine, includeSecrets: includeSecrets)
    if let known = logged, extends(known, engine.session.steps), logFileSize() >= known.position.bytes {
      // An adopted log may not be the one the state file names (a compaction killed before its
      // state file): it is compacted once this store has written the state file naming it.
      if known.header != nil, compaction.isDue(known.position) {
        try rewrite(engine, header: header, steps: steps, replacing: known.position.id)
      } else {
        try append(engine, known: known, header: header, steps: steps)
      }
    } else {
      try rewrite(engine, header: header, steps: steps, replacing: nil)
    }
  }

  /// Appends the new exchanges, then commits them with a commit record (one fsync), or with the
  /// state file when its header changed or is not known.
  private func append(_ engine: WalkthroughEngine, known: Logged, header: JSONObject, steps: [JSONValue]) throws {
    var records: [UInt8] = []
    var count = 0
    for (index, state) in engine.session.steps.enumerated() {
      let from = index < known.counts.count ? known.counts[index] : 0
      for exchange in state.exchanges[from...] {
        records += SessionLog.recordLine(step: index, exchange: exchange, includeSecrets: includeSecrets)
        count += 1
      }
    }
    var next = known
    next.counts = engine.session.steps.map(\.exchanges.count)
    next.lastStarts = engine.session.steps.map { $0.exchanges.last?.startedAt }
    next.steps = steps
    next.header = header
    lastSave = .appended(records: count)
    let at = known.position.bytes
    if known.header == header {
      let changed = steps.indices.filter { $0 >= known.steps.count || known.steps[$0] != steps[$0] }
      guard count > 0 || !changed.isEmpty || logFileSize() != at else { return }
      let commit = SessionLog.commitLine(at: at, records: count, steps: changed.map { steps[$0] })
      try AtomicFile.append(records, to: logPath, at: at, then: commit, beforeThen: beforeCommit)
      next.position.bytes = at + records.count + commit.count
      next.position.commitBytes += commit.count
    } else {
      if count > 0 || logFileSize() != at { try AtomicFile.append(records, to: logPath, at: at) }
      next.position.bytes = at + records.count
      try beforeCommit()
      try writeState(header: header, steps: steps, counts: next.counts, log: next.position)
    }
    // Until committed, appended records are not the session's: a failed save leaves `logged`
    // as the disk has it, and the next one appends them again over the same bytes.
    logged = next
  }

  /// Writes the log afresh (a new id the old state file does not name), then the state file.
  /// `replacing`: the committed log it compacts. The new log then ends with a commit record of
  /// every step and names the old one, so it is the whole session the moment its rename lands:
  /// a kill before it leaves the old log and state file, one after it the new log, which the
  /// old state file reads as its continuation (`SessionLog.headerLine`).
  private func rewrite(
    _ engine: WalkthroughEngine, header: JSONObject, steps: [JSONValue], replacing: String?
  ) throws {
    let id = Self.newLogID()
    var bytes = SessionLog.headerLine(id: id, replacing: replacing)
    let recordsStart = bytes.count
    var count = 0
    for (index, state) in engine.session.steps.enumerated() {
      for exchange in state.exchanges {
        bytes += SessionLog.recordLine(step: index, exchange: exchange, includeSecrets: includeSecrets)
        count += 1
      }
    }
    var commitBytes = 0
    if replacing != nil {
      let commit = SessionLog.commitLine(at: recordsStart, records: count, steps: steps)
      bytes += commit
      commitBytes = commit.count
    }
    // A write that fails leaves the log as it was (it is replaced only by the rename), and
    // `logged` with it; from the rename on, only the state file written next is known right.
    if replacing != nil {
      try AtomicFile.write(bytes, to: logPath, beforeRename: beforeCommit)
      logged = nil
      lastSave = .compacted(records: count)
    } else {
      try AtomicFile.write(bytes, to: logPath)
      logged = nil
      lastSave = .rewritten(records: count)
      try beforeCommit()
    }
    let next = Logged(
      position: SessionLogPosition(id: id, bytes: bytes.count, commitBytes: commitBytes),
      counts: engine.session.steps.map(\.exchanges.count),
      lastStarts: engine.session.steps.map { $0.exchanges.last?.startedAt }, header: header, steps: steps)
    try writeState(header: header, steps: steps, counts: next.counts, log: next.position)
    logged = next
  }

  private func writeState(header: JSONObject, steps: [JSONValue], counts: [Int], log: SessionLogPosition) throws {
    let state = SessionFile.encodeState(header: header, steps: steps, counts: counts, log: log)
    try AtomicFile.write(Array((state.prettyText() + "\n").utf8), to: path)
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
