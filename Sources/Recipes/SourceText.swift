/// The recipe text split into lines the way libcmark counts them, so cmark's line numbers
/// can slice the original Markdown (descriptions keep the author's exact text).
struct SourceText {
  let text: String
  private let lines: [Substring]

  init(_ text: String) {
    self.text = text
    // A final newline ends the last line; it does not start another one.
    let body = text.utf8.last == 0x0A ? text.utf8.dropLast() : text.utf8[...]
    lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { slice in
      let line = text[slice.startIndex..<slice.endIndex]
      return line.utf8.last == 0x0D ? line.dropLast() : line
    }
  }

  var lineCount: Int { lines.count }

  /// Line `number` (1-based); "" outside the text.
  func line(_ number: Int) -> Substring {
    lines.indices.contains(number - 1) ? lines[number - 1] : ""
  }

  /// Lines `first...last` (1-based, inclusive) with blank lines at both ends removed.
  func text(from first: Int, through last: Int) -> String {
    var low = max(first, 1)
    var high = min(last, lines.count)
    while low <= high, isBlank(line(low)) { low += 1 }
    while high >= low, isBlank(line(high)) { high -= 1 }
    guard low <= high else { return "" }
    return lines[(low - 1)...(high - 1)].joined(separator: "\n")
  }

  private func isBlank(_ line: Substring) -> Bool { line.allSatisfy(\.isWhitespace) }
}

/// Decoding file bytes into text, with the problems a recipe author must hear about.
enum SourceDecoding {
  /// Share of undecodable sequences above which the file is treated as binary.
  private static let binaryRatio = 20

  /// The text to parse, or nil when the file cannot be a recipe at all.
  static func decode(_ bytes: [UInt8], file: String, into diagnostics: inout [Diagnostic]) -> String? {
    if bytes.count > Recipe.maximumFileSize {
      diagnostics.append(
        Diagnostic(
          severity: .error, file: file, line: 1,
          message: "the file is larger than \(Recipe.maximumFileSize >> 20) MiB: too big for a recipe"))
      return nil
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      diagnostics.append(Diagnostic(severity: .error, file: file, line: 1, message: "the file is empty"))
      return nil
    }
    if let nul = body.firstIndex(of: 0) {
      let (line, column) = position(of: nul, in: bytes)
      diagnostics.append(
        Diagnostic(
          severity: .error, file: file, line: line, column: column,
          message: "binary data (a NUL byte at offset \(nul)): this is not a Markdown text file"))
      return nil
    }
    let invalid = invalidSequenceOffsets(body)
    if let first = invalid.first {
      let (line, column) = position(of: first, in: bytes)
      if invalid.count * binaryRatio > body.count || invalid.count > 64 {
        diagnostics.append(
          Diagnostic(
            severity: .error, file: file, line: line, column: column,
            message: "binary data (\(invalid.count) invalid UTF-8 sequences, the first at offset \(first)): "
              + "this is not a Markdown text file"))
        return nil
      }
      diagnostics.append(
        Diagnostic(
          severity: .error, file: file, line: line, column: column,
          message: "invalid UTF-8 (byte 0x\(String(bytes[first], radix: 16, uppercase: true)))"
            + (invalid.count > 1 ? " and \(invalid.count - 1) more invalid sequences" : "")
            + "; replaced with U+FFFD"))
    }
    return String(decoding: body, as: UTF8.self)
  }

  private static func invalidSequenceOffsets(_ bytes: ArraySlice<UInt8>) -> [Int] {
    var offsets: [Int] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = bytes.startIndex
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error(let length):
        offsets.append(offset)
        offset += length
      case .emptyInput: return offsets
      }
    }
  }

  private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    for i in 0..<offset where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return (line, offset - lineStart + 1)
  }
}
