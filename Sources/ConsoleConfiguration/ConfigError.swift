/// A problem in the config file, or with a secret it points to, said like a compiler does:
/// `config.toml:7:14: error: partner_id must be an integer`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  /// 1-based; nil when the problem has no place in the file (a failing secret command).
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(file: String, line: Int?, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let line, let column, line > 0 { place += ":\(column)" }
    return "\(place): error: \(message)"
  }
}
