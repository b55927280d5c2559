/// Which save to write, and when: the decision of the session saver, kept pure. Saves are
/// coalesced (a newer one replaces one not yet written: the latest wins); a save for a
/// checkpoint alone waits for the `CheckpointThrottle`, a save for anything else does not.
public struct SaveSchedule<Snapshot: Sendable>: Sendable {
  public struct Pending: Sendable {
    public var snapshot: Snapshot
    public var path: String
    /// Set while the save is only for an upload checkpoint.
    public var checkpointBytes: Int64?
  }

  public enum Next: Sendable {
    case write(Pending)
    /// Nothing to write before this time (a held checkpoint).
    case wait(until: Double)
    case idle
  }

  private var pending: Pending?
  private var throttle: CheckpointThrottle

  public init(throttle: CheckpointThrottle = CheckpointThrottle()) {
    self.throttle = throttle
  }

  public var hasPending: Bool { pending != nil }

  /// A change the user made or an exchange: written as soon as the writer is free.
  public mutating func change(_ snapshot: Snapshot, path: String) {
    pending = Pending(snapshot: snapshot, path: path, checkpointBytes: nil)
  }

  /// A new checkpoint; an unwritten change stays unthrottled (this snapshot includes it).
  public mutating func checkpoint(_ snapshot: Snapshot, path: String, acknowledgedBytes: Int64) {
    let throttled = pending == nil || pending?.checkpointBytes != nil
    pending = Pending(snapshot: snapshot, path: path, checkpointBytes: throttled ? acknowledgedBytes : nil)
  }

  /// What the writer does now; `force` (quitting, flushing) ignores the throttle.
  public mutating func next(now: Double, force: Bool = false) -> Next {
    guard let taken = pending else { return .idle }
    if let bytes = taken.checkpointBytes, !force, let due = throttle.decide(now: now, acknowledgedBytes: bytes) {
      return .wait(until: due)
    }
    if let bytes = taken.checkpointBytes { throttle.written(now: now, acknowledgedBytes: bytes) }
    pending = nil
    return .write(taken)
  }
}
