/// Capped exponential backoff with full jitter, for transport failures and 5xx replies only.
/// Kaltura API errors arrive as HTTP 200 replies and are never retried by this policy.
public struct RetryPolicy: Sendable, Hashable {
  /// Total attempts, the first one included (1 = never retry).
  public var maxAttempts: Int
  /// Delay before the first retry, in seconds.
  public var baseDelay: Double
  /// Upper bound of any single delay, in seconds.
  public var maxDelay: Double
  /// 0 = exact exponential delays, 1 = full jitter (uniform in 0...delay).
  public var jitter: Double

  public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8, jitter: Double = 1) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(0, baseDelay)
    self.maxDelay = max(0, maxDelay)
    self.jitter = min(1, max(0, jitter))
  }

  public static let none = RetryPolicy(maxAttempts: 1)
  public static let standard = RetryPolicy()
  /// Chunks are idempotent (they land by offset), so they may be retried more patiently.
  public static let chunks = RetryPolicy(maxAttempts: 8, baseDelay: 0.25, maxDelay: 10)

  /// The cap before jitter for the retry that follows failed attempt `attempt` (1-based).
  public func ceiling(afterAttempt attempt: Int) -> Double {
    let exponent = Double(max(0, attempt - 1))
    return min(maxDelay, baseDelay * Double.pow2(exponent))
  }

  /// The delay to sleep after failed attempt `attempt`, with `unit` a random number in 0..<1.
  public func delay(afterAttempt attempt: Int, unit: Double = Double.random(in: 0..<1)) -> Double {
    let ceiling = ceiling(afterAttempt: attempt)
    return ceiling * (1 - jitter) + ceiling * jitter * unit
  }

  /// Whether an HTTP status means "the server had trouble; try again".
  public static func isRetryable(status: Int) -> Bool { (500...599).contains(status) }

  func sleep(afterAttempt attempt: Int) async throws {
    let seconds = delay(afterAttempt: attempt)
    if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
  }
}

extension Double {
  fileprivate static func pow2(_ exponent: Double) -> Double {
    // exponent stays small (attempt counts); capping avoids overflow to inf for silly inputs.
    var result = 1.0
    for _ in 0..<Int(min(exponent, 60)) { result *= 2 }
    return result
  }
}
