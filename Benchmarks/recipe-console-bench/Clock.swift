#if canImport(Glibc)
  import Glibc
#endif

/// Wall-clock seconds of `body`, best of `repeats` runs (the least disturbed by other load).
func bestTime(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<repeats {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    best = min(best, seconds)
  }
  return best
}

func formatMilliseconds(_ seconds: Double) -> String {
  let ms = seconds * 1000
  return ms < 10 ? String(format1: ms, decimals: 2) + " ms" : String(format1: ms, decimals: 1) + " ms"
}

extension String {
  init(format1 value: Double, decimals: Int) {
    var p = 1.0
    for _ in 0..<decimals { p *= 10 }
    let rounded = (value * p).rounded() / p
    self = String(rounded)
  }
}
