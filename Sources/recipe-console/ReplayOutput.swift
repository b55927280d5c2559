import Foundation
import Walkthrough

/// Prints replay results to stdout: text or one JSON object per line, every line scrubbed of
/// the KS and secrets.
struct ReplayOutput {
  var json: Bool
  var secrets: [String]

  func print(_ result: ReplayStepResult) {
    emit(json ? ReplayRendering.json(result).compactText : ReplayRendering.text(result))
  }

  func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((Redaction.scrub(text, secrets: secrets) + "\n").utf8))
  }
}

/// One `--report KIND FILE`.
struct ReplayReportFile {
  enum Kind: String, CaseIterable { case junit, tap }

  var kind: Kind
  var path: String

  /// The flat values of every `--report` (kind, file, kind, file...).
  static func parse(_ values: [String]) throws -> [ReplayReportFile] {
    guard values.count % 2 == 0 else {
      throw ValidationErrorText(
        "--report expects pairs of KIND FILE (junit or tap), got \(values.joined(separator: " ")); "
          + "put the session file before --report")
    }
    return try stride(from: 0, to: values.count, by: 2).map { index in
      guard let kind = Kind(rawValue: values[index].lowercased()) else {
        throw ValidationErrorText("--report \(values[index]): expected junit or tap")
      }
      return ReplayReportFile(kind: kind, path: values[index + 1])
    }
  }

  func write(_ report: ReplayReport, secrets: [String]) throws {
    let text = kind == .junit ? report.junitXML() : report.tap()
    try Data(Redaction.scrub(text, secrets: secrets).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}

/// A usage error whose description is just its text.
struct ValidationErrorText: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
