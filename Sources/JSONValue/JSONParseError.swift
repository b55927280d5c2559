/// A parse failure with the 1-based line and column (in characters) where it was found.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var column: Int
  public var offset: Int

  public init(message: String, line: Int, column: Int, offset: Int) {
    self.message = message
    self.line = line
    self.column = column
    self.offset = offset
  }

  public var description: String { "\(line):\(column): \(message)" }
}
