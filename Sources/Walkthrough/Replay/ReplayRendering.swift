import JSONValue

/// What `recipe-console replay` prints per step, as text or as one JSON object per line. The
/// caller scrubs the result with `Redaction.scrub` before it leaves the process.
public enum ReplayRendering {
  /// `ok  step 1: Title (POST /service/…, 12 ms)` then, indented, the error or one
  /// `path: recorded → new` line per difference.
  public static func text(_ result: ReplayStepResult) -> String {
    let outcome = result.outcome
    var line = "\(outcome.verdict.padding(toLength: 9)) step \(outcome.number): \(outcome.title)"
    if let reason = outcome.skipReason {
      line += " (\(reason))"
      return line
    }
    line += " (\(outcome.request), \(Int(outcome.milliseconds.rounded())) ms)"
    var lines = [line]
    if let error = outcome.error { lines.append("    " + error) }
    lines += outcome.differences.map { "    " + $0.description }
    return lines.joined(separator: "\n")
  }

  /// `replayed 5 steps: 4 ok, 1 different, 0 failed, 0 skipped`.
  public static func summary(_ outcomes: [ReplayStepOutcome]) -> String {
    let different = outcomes.count { $0.succeeded && !$0.differences.isEmpty }
    let failed = outcomes.count { !$0.succeeded && !$0.isSkipped }
    let skipped = outcomes.count(where: \.isSkipped)
    let ok = outcomes.count(where: \.passed)
    return
      "replayed \(outcomes.count) step\(outcomes.count == 1 ? "" : "s"): \(ok) ok, \(different) different, "
      + "\(failed) failed, \(skipped) skipped"
  }

  /// `{"step", "title", "request": {"method", "url"}, "result", "ok", "matched", "status",
  /// "differences": [{"path", "recorded", "new"}], "error", "ms", "reply"}`: the `run --json`
  /// shape plus the verdict and the differences. The reply is redacted.
  public static func json(_ result: ReplayStepResult) -> JSONValue {
    let outcome = result.outcome
    let shown = result.new?.redacted
    var object = JSONObject()
    object["step"] = .int(outcome.number)
    object["title"] = .string(outcome.title)
    object["request"] = shown.map { ["method": .string($0.method), "url": .string($0.url)] } ?? .null
    object["result"] = .string(outcome.verdict.lowercased())
    object["ok"] = .bool(outcome.succeeded)
    object["matched"] = .bool(outcome.passed)
    object["status"] = shown?.status.map { .int($0) } ?? .null
    object["differences"] = .array(
      outcome.differences.map { difference in
        [
          "path": .string(difference.path), "recorded": difference.recorded ?? .null,
          "new": difference.new ?? .null,
        ]
      })
    object["error"] = (outcome.error ?? outcome.skipReason).map { .string($0) } ?? .null
    object["ms"] = .int(Int(outcome.milliseconds.rounded()))
    object["reply"] = shown?.reply ?? .null
    return .object(object)
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
