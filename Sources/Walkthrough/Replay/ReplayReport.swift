/// The outcome of replaying one step, for the console and for CI reports.
public struct ReplayStepOutcome: Sendable, Hashable {
  /// 1-based, as on screen.
  public var number: Int
  public var title: String
  /// The request line, e.g. "POST /service/media/action/add".
  public var request: String
  public var succeeded: Bool
  public var error: String?
  public var differences: [ReplyDifference]
  public var milliseconds: Double
  /// Why the step was not sent (an earlier step failed); nil when it was.
  public var skipReason: String?

  public init(
    number: Int, title: String, request: String, succeeded: Bool, error: String? = nil,
    differences: [ReplyDifference] = [], milliseconds: Double = 0, skipReason: String? = nil
  ) {
    self.number = number
    self.title = title
    self.request = request
    self.succeeded = succeeded
    self.error = error
    self.differences = differences
    self.milliseconds = milliseconds
    self.skipReason = skipReason
  }

  /// A step that was not sent because an earlier one failed.
  public static func skipped(number: Int, title: String, request: String, reason: String) -> ReplayStepOutcome {
    ReplayStepOutcome(number: number, title: title, request: request, succeeded: false, skipReason: reason)
  }

  public var isSkipped: Bool { skipReason != nil }

  public var passed: Bool { succeeded && differences.isEmpty }

  /// `ok`, `DIFFERENT`, `FAILED` or `skipped`, as the console prints it.
  public var verdict: String {
    if isSkipped { return "skipped" }
    if !succeeded { return "FAILED" }
    return differences.isEmpty ? "ok" : "DIFFERENT"
  }

  /// What a CI system shows for a failed step.
  public var failureText: String? {
    if passed || isSkipped { return nil }
    var lines: [String] = []
    if let error { lines.append(error) }
    lines += differences.map(\.description)
    return lines.joined(separator: "\n")
  }
}

/// JUnit XML and TAP renderings of a replay: one test case per step.
public struct ReplayReport: Sendable, Hashable {
  public var suiteName: String
  public var steps: [ReplayStepOutcome]

  public init(suiteName: String, steps: [ReplayStepOutcome]) {
    self.suiteName = suiteName
    self.steps = steps
  }

  public var passed: Bool { steps.allSatisfy(\.passed) }

  public func junitXML() -> String {
    let failures = steps.filter { !$0.passed && !$0.isSkipped }.count
    let skipped = steps.filter(\.isSkipped).count
    let seconds = steps.reduce(0) { $0 + $1.milliseconds } / 1000
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml +=
      "<testsuites tests=\"\(steps.count)\" failures=\"\(failures)\">\n"
      + "  <testsuite name=\"\(escapeXML(suiteName))\" tests=\"\(steps.count)\" failures=\"\(failures)\" "
      + "errors=\"0\" skipped=\"\(skipped)\" time=\"\(secondsText(seconds))\">\n"
    for step in steps {
      let name = escapeXML("step \(step.number): \(step.title)")
      let time = secondsText(step.milliseconds / 1000)
      xml += "    <testcase classname=\"\(escapeXML(suiteName))\" name=\"\(name)\" time=\"\(time)\""
      if let reason = step.skipReason {
        xml += ">\n      <skipped message=\"\(escapeXML(reason))\"/>\n    </testcase>\n"
      } else if let failure = step.failureText {
        let kind = step.succeeded ? "replies differ" : "request failed"
        xml += ">\n      <failure message=\"\(escapeXML(kind))\">\(escapeXML(failure))</failure>\n    </testcase>\n"
      } else {
        xml += "/>\n"
      }
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  public func tap() -> String {
    var out = "TAP version 13\n1..\(steps.count)\n"
    for (i, step) in steps.enumerated() {
      let title = "step \(step.number): \(step.title)".replacingHashes()
      if let reason = step.skipReason {
        out += "ok \(i + 1) - \(title) # SKIP \(reason.replacingHashes())\n"
      } else if let failure = step.failureText {
        out += "not ok \(i + 1) - \(title)\n  ---\n  message: |\n"
        for line in failure.split(separator: "\n", omittingEmptySubsequences: false) { out += "    \(line)\n" }
        out += "  ...\n"
      } else {
        out += "ok \(i + 1) - \(title)\n"
      }
    }
    return out
  }

  /// Milliseconds precision: CI systems show the figure, and 0.0030591430000000003 helps no one.
  func secondsText(_ seconds: Double) -> String {
    let thousandths = Int((seconds * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  func escapeXML(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // XML 1.0 cannot carry most control characters, even escaped.
        if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" {
          out += "?"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}

extension String {
  /// TAP treats `#` in a description as the start of a directive.
  fileprivate func replacingHashes() -> String {
    String(map { $0 == "#" ? "＃" : $0 })
  }
}
