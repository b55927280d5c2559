/// A problem found in a recipe, printable like a compiler message.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, Comparable {
    case note, warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    private var rank: Int {
      switch self {
      case .note: return 0
      case .warning: return 1
      case .error: return 2
      }
    }
  }

  public var severity: Severity
  public var file: String
  /// 1-based file line (0 = the whole file); inside a JSON block, the offending line of the JSON.
  public var line: Int
  public var column: Int?
  public var message: String

  public init(severity: Severity, file: String, line: Int, column: Int? = nil, message: String) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line[:column]: severity: message`; line 0 means the whole file (`file: severity: message`).
  public var description: String {
    guard line > 0 else { return "\(file): \(severity.rawValue): \(message)" }
    let position = column.map { "\(line):\($0)" } ?? "\(line)"
    return "\(file):\(position): \(severity.rawValue): \(message)"
  }
}
