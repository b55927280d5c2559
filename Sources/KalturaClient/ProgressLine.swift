import KalturaWire

/// A one-line text progress bar for uploads, e.g.
/// `[#########---------]  48%  512.0 MiB / 1.0 GiB  93.1 MiB/s  ETA 0:06  4 in flight  1 retry`.
/// Pure: the caller decides where (and whether) to draw it.
public enum ProgressLine {
  public static func render(_ progress: UploadProgress, width: Int) -> String {
    let percent = Int((min(1, max(0, progress.fraction)) * 100).rounded(.down))
    var details = [
      String(repeating: " ", count: max(0, 3 - String(percent).count)) + "\(percent)%",
      "\(bytes(progress.bytesDone)) / \(bytes(progress.bytesTotal))",
    ]
    if progress.bytesPerSecond > 0 { details.append("\(bytes(Int64(progress.bytesPerSecond)))/s") }
    if let eta = progress.etaSeconds, progress.bytesDone < progress.bytesTotal {
      details.append("ETA \(duration(eta))")
    }
    if progress.chunksInFlight > 0 { details.append("\(progress.chunksInFlight) in flight") }
    if progress.retries > 0 { details.append(progress.retries == 1 ? "1 retry" : "\(progress.retries) retries") }

    // Drop the least important details until a bar of at least 10 cells fits.
    while details.count > 1, textWidth(details) + 12 > width { details.removeLast() }
    let text = details.joined(separator: "  ")
    let barCells = width - text.count - 4
    guard barCells >= 10 else { return String(text.prefix(max(0, width))) }
    let filled = Int((Double(barCells) * min(1, max(0, progress.fraction))).rounded(.down))
    return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barCells - filled) + "]  "
      + text
  }

  /// Binary units with one decimal: `0 B`, `512 B`, `1.5 KiB`, `8.0 MiB`, `1.0 GiB`.
  public static func bytes(_ count: Int64) -> String {
    if count < 1024 { return "\(count) B" }
    let units = ["KiB", "MiB", "GiB", "TiB"]
    var value = Double(count) / 1024
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }

  /// `0:07`, `12:30`, `1:02:03`.
  public static func duration(_ seconds: Double) -> String {
    let total = Int(max(0, seconds.isFinite ? seconds : 0).rounded())
    let (hours, minutes, secs) = (total / 3600, total % 3600 / 60, total % 60)
    let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
    return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
  }

  private static func textWidth(_ details: [String]) -> Int {
    details.reduce(0) { $0 + $1.count } + 2 * (details.count - 1)
  }
}

/// `--progress=never|auto|always`: auto draws only when stderr is a terminal.
public enum ProgressDisplayMode: String, Sendable, CaseIterable {
  case never, auto, always

  public func shouldDraw(stderrIsTerminal: Bool) -> Bool {
    switch self {
    case .never: return false
    case .always: return true
    case .auto: return stderrIsTerminal
    }
  }
}
