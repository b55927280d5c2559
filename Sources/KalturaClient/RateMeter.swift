/// Bytes per second over a sliding window, and the ETA that follows.
struct RateMeter: Sendable {
  let window: Double
  private var samples: [(time: Double, bytes: Int64)] = []

  init(window: Double = 5) { self.window = window }

  mutating func record(bytesDone: Int64, at time: Double) {
    samples.append((time, bytesDone))
    while samples.count > 2, let first = samples.first, time - first.time > window { samples.removeFirst() }
  }

  var bytesPerSecond: Double {
    guard let first = samples.first, let last = samples.last, last.time > first.time else { return 0 }
    return Double(last.bytes - first.bytes) / (last.time - first.time)
  }

  func eta(remaining: Int64) -> Double? {
    if remaining <= 0 { return 0 }
    let rate = bytesPerSecond
    return rate > 0 ? Double(remaining) / rate : nil
  }
}
