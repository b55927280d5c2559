import JSONValue
import Walkthrough

/// Recorded and new reply side by side; lines on a difference are highlighted, and the
/// differences are listed first as `path: recorded → new` (volatile fields ignored).
enum CompareView {
  static func lines(_ model: Model, width: Int) -> [StyledLine] {
    let step = model.currentStep
    guard let recorded = model.recordedExchanges[step]?.redacted else {
      return [[Span("This step has no recorded reply to compare with", .dim)]]
    }
    guard model.resentSteps.contains(step), let new = model.engine.session[step].lastExchange?.redacted else {
      return [[Span("Recorded reply only · r sends the step again to compare", .dim)]]
        + [statusLine(recorded)] + bodyLines(recorded.reply, isJSON: recorded.replyIsJSON)
    }
    // The exchange overload: a recorded KS is masked and a new one is not, so every KS must
    // read alike (a session.start reply is nothing but a KS).
    let differences = ReplyComparison.differences(recorded: recorded, new: new, ignoring: model.ignoreRules)
    var out: [StyledLine] = []
    if differences.isEmpty {
      out.append([Span("Same as recorded", .ok), Span(" (ids, times and other volatile fields ignored)", .dim)])
    } else {
      let count = differences.count
      out.append([Span("\(count) difference\(count == 1 ? "" : "s")", .error), Span(" from the recorded reply", .dim)])
      for difference in differences.prefix(6) { out.append([Span("  " + difference.description, .warning)]) }
      if count > 6 { out.append([Span("  … \(count - 6) more", .dim)]) }
    }
    let paths = Set(differences.map(\.path))
    let column = max(4, (width - 3) / 2)
    let left = [statusLine(recorded)] + highlighted(recorded, paths)
    let right = [statusLine(new)] + highlighted(new, paths)
    out.append(fit([Span("Recorded", .strong)], width: column) + [Span(" │ ", .dim), Span("New", .strong)])
    for row in 0..<max(left.count, right.count) {
      let l = row < left.count ? left[row] : []
      let r = row < right.count ? right[row] : []
      out.append(fit(l, width: column) + [Span(" │ ", .dim)] + fit(r, width: column))
    }
    return out
  }

  private static func highlighted(_ exchange: Exchange, _ paths: Set<String>) -> [StyledLine] {
    guard let reply = exchange.reply else { return [] }
    guard exchange.replyIsJSON else { return bodyLines(reply, isJSON: false) }
    return JSONLines.lines(reply).map { line in
      isDifferent(line.path, paths) ? restyled(line.spans, .difference) : line.spans
    }
  }

  /// A line differs when its value's path is a difference or lies below one.
  static func isDifferent(_ path: String, _ differences: Set<String>) -> Bool {
    if differences.contains(path) { return true }
    return differences.contains { !$0.isEmpty && path.hasPrefix($0 + ".") } || differences.contains("")
  }
}
