/// The upload progress bar and its figures, as lines.
enum ProgressView {
  static func lines(_ progress: UploadProgressInfo, width: Int) -> [StyledLine] {
    let percent = Int((progress.fraction * 100).rounded(.down))
    let barWidth = max(10, min(50, width - 8))
    let filled = min(barWidth, Int(progress.fraction * Double(barWidth)))
    let bar: StyledLine = [
      Span("▕"), Span(String(repeating: "█", count: filled), .ok),
      Span(String(repeating: "░", count: barWidth - filled), .dim), Span("▏ \(percent)%"),
    ]
    var figures =
      "\(FieldText.byteText(progress.bytesDone)) / \(FieldText.byteText(progress.bytesTotal))"
      + " · \(FieldText.byteText(Int64(progress.bytesPerSecond)))/s"
    if let eta = progress.etaSeconds { figures += " · ETA \(durationText(eta))" }
    figures += " · \(progress.chunksInFlight) chunk\(progress.chunksInFlight == 1 ? "" : "s") in flight"
    if progress.retries > 0 { figures += " · \(progress.retries) retr\(progress.retries == 1 ? "y" : "ies")" }
    return [bar, [Span(figures, .dim)]]
  }

  /// "42s", "3m 05s", "1h 02m".
  static func durationText(_ seconds: Double) -> String {
    let total = max(0, Int(seconds.rounded()))
    if total < 60 { return "\(total)s" }
    let minutes = total / 60
    if minutes < 60 { return "\(minutes)m \(String(total % 60).leftPadded(2))s" }
    return "\(minutes / 60)h \(String(minutes % 60).leftPadded(2))m"
  }
}

extension String {
  func leftPadded(_ width: Int, with fill: Character = "0") -> String {
    count >= width ? self : String(repeating: fill, count: width - count) + self
  }
}
