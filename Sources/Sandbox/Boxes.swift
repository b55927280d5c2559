import Foundation

/// The server's own `http://host:port`, known only once the listener is bound.
final class OriginBox: @unchecked Sendable {
  // Guarded by `lock`; written once at start, read by every reply that carries a URL.
  private let lock = NSLock()
  private var stored = ""

  var value: String {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

/// Decides, reproducibly from a seed, which upload requests fail on purpose.
final class FaultDice: @unchecked Sendable {
  enum Fault { case none, serverError, dropConnection }

  // Guarded by `lock`: requests roll the dice from many tasks.
  private let lock = NSLock()
  private var state: UInt64
  private let injection: FaultInjection

  init(_ injection: FaultInjection) {
    self.injection = injection
    state = injection.seed
  }

  func roll() -> Fault {
    let draw = lock.withLock { () -> Double in
      // SplitMix64: tiny, seedable and good enough to spread faults evenly.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return Double(z >> 11) / Double(1 << 53)
    }
    if draw < injection.serverErrorFraction { return .serverError }
    if draw < injection.serverErrorFraction + injection.dropConnectionFraction { return .dropConnection }
    return .none
  }
}
