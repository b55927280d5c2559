/// When an upload's checkpoint is worth a save while the upload runs: at most once per
/// `interval` seconds, and whenever `byteStep` more bytes were acknowledged since the last
/// one written (a kill -9 then loses at most that much of the upload).
public struct CheckpointThrottle: Sendable {
  public var interval: Double
  public var byteStep: Int64
  private var last: (time: Double, bytes: Int64)?

  public init(interval: Double = 1, byteStep: Int64 = 64 << 20) {
    self.interval = interval
    self.byteStep = byteStep
  }

  /// nil: save now (and it is recorded as written); else the time from which it is due.
  public mutating func decide(now: Double, acknowledgedBytes: Int64) -> Double? {
    if let last, now - last.time < interval, acknowledgedBytes - last.bytes < byteStep {
      return last.time + interval
    }
    last = (now, acknowledgedBytes)
    return nil
  }

  /// A save written for another reason carries the checkpoint too.
  public mutating func written(now: Double, acknowledgedBytes: Int64) { last = (now, acknowledgedBytes) }
}
