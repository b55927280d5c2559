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
    let sizes = "\(FieldText.byteText(progress.bytesDone)) / \(FieldText.byteText(progress.bytesTotal))"
    // Every byte is on the server and the last reply has not come: the server is putting the
    // chunks together, which a bar at 100% alone does not say.
    if progress.bytesTotal > 0, progress.bytesDone >= progress.bytesTotal {
      return [bar, [Span(sizes + " · ", .dim), Span("finishing (server assembling)", .running)]]
    }
    var parts = [sizes, "\(FieldText.byteText(Int64(progress.bytesPerSecond)))/s"]
    if let eta = progress.etaSeconds { parts.append("ETA \(durationText(eta))") }
    parts.append("\(progress.chunksInFlight) chunk\(progress.chunksInFlight == 1 ? "" : "s") in flight")
    if progress.retries > 0 { parts.append("\(progress.retries) retr\(progress.retries == 1 ? "y" : "ies")") }
    // Figures wrap between items, never inside one, on narrow screens.
    var lines: [String] = []
    for part in parts {
      if let last = lines.last, displayWidth(of: last) + 3 + displayWidth(of: part) <= width {
        lines[lines.count - 1] = last + " · " + part
      } else {
        lines.append(part)
      }
    }
    return [bar] + lines.map { [Span($0, .dim)] }
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
