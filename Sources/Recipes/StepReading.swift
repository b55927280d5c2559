import JSONValue

private let apiCallKeys: Set<String> = ["method", "path", "parameters", "ignoreParameters", "disableSetupCode"]

/// The fenced code block of a special subsection.
struct FencedCode {
  var language: String
  var literal: String
  /// Line of the opening fence; the code starts on the next line.
  var line: Int
  /// Last line of the block: the closing fence, or the file's last line when none closes it.
  var endLine: Int
  var indent: Int
}

/// An opening code fence as written: its character, length and indentation.
struct FenceMarker {
  var character: Character
  var length: Int
  var indent: Int

  init?(_ line: Substring) {
    let indent = line.prefix { $0 == " " }.count
    let rest = line.dropFirst(indent)
    guard indent <= 3, let first = rest.first, first == "`" || first == "~" else { return nil }
    let length = rest.prefix { $0 == first }.count
    guard length >= 3 else { return nil }
    self.character = first
    self.length = length
    self.indent = indent
  }

  func isClosed(by line: Substring) -> Bool {
    let rest = line.drop { $0 == " " }
    let run = rest.prefix { $0 == character }.count
    return run >= length && rest.dropFirst(run).allSatisfy(\.isWhitespace)
  }
}

extension RecipeParser {
  /// Warns about fences that libcmark runs to the end of the file because they never close.
  mutating func checkFences() {
    for block in blocks where block.kind == .codeBlock {
      guard let fence = FenceMarker(source.line(block.startLine)) else { continue }
      if block.endLine <= block.startLine || !fence.isClosed(by: source.line(block.endLine)) {
        report(
          .warning, block.startLine,
          "code fence opened here is never closed: lines \(block.startLine + 1)-\(source.lineCount) are read as "
            + "code (add a closing \(String(repeating: fence.character, count: fence.length)))")
      }
    }
  }

  /// LucyBot took `##Title` (no space) for a heading; CommonMark does not, so say so.
  mutating func checkHeadingLookalikes() {
    for block in blocks where block.kind == .paragraph {
      let line = source.line(block.startLine).drop { $0 == " " }
      let hashes = line.prefix { $0 == "#" }.count
      guard (1...6).contains(hashes), let next = line.dropFirst(hashes).first, !next.isWhitespace else { continue }
      report(
        .warning, block.startLine,
        "'\(line.prefix(40))' is not a heading (CommonMark needs a space after '\(line.prefix(hashes))'); "
          + "it is read as text, not as a step or section")
    }
  }

  mutating func readStep(index: Int, section sectionIndex: Int, in sections: [Section]) -> Step {
    let section = sections[sectionIndex]
    var step = Step(
      index: index, title: section.title, line: section.line,
      description: source.text(from: section.headingEndLine + 1, through: section.ownLastLine))
    if section.title.isEmpty { report(.warning, section.line, "step \(index + 1) has an empty title") }
    for child in section.children.map({ sections[$0] }) {
      if child.title == "API Call" {
        if let code = fencedCode(in: child, expected: "json") { readAPICall(code, into: &step) }
      } else if child.title.hasPrefix("Sample Code") {
        if let code = fencedCode(in: child, expected: "the code's language") {
          readSampleCode(code, title: child.title, line: child.line, into: &step)
        }
      } else if child.title == "Demo" {
        if let code = fencedCode(in: child, expected: "html") { readDemo(code, into: &step) }
      }
    }
    return step
  }

  /// The first fenced code block of a special subsection (§1.1 P8).
  private mutating func fencedCode(in section: Section, expected: String) -> FencedCode? {
    let codeBlocks = blocks[section.ownBlocks].filter { $0.kind == .codeBlock }
    let fenced = codeBlocks.compactMap { block in FenceMarker(source.line(block.startLine)).map { (block, $0) } }
    guard let (block, fence) = fenced.first else {
      let hint = codeBlocks.isEmpty ? "" : " (an indented code block is not a fence)"
      report(.warning, section.line, "'\(section.title)' has no fenced code block\(hint); the section is ignored")
      return nil
    }
    for (extra, _) in fenced.dropFirst() {
      report(.warning, extra.startLine, "only the first code block of '\(section.title)' is read; this one is ignored")
    }
    let language = block.info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
    if language.isEmpty {
      report(.error, block.startLine, "code fence without a language in '\(section.title)': write ```\(expected)")
    }
    return FencedCode(
      language: language, literal: block.literal, line: block.startLine, endLine: block.endLine, indent: fence.indent)
  }

  private mutating func readAPICall(_ code: FencedCode, into step: inout Step) {
    if let previous = step.apiBlockLine {
      report(
        .warning, code.line,
        "second API Call block in step \(step.index + 1) replaces the one at line \(previous) (the last one wins)")
    }
    step.apiBlockLine = code.line
    step.apiCall = nil
    step.parameters = nil
    let value: JSONValue
    do {
      value = try JSONValue(parsing: code.literal)
    } catch {
      // "End of input" lies past the literal's last line: the closing fence, or no line at all
      // when the block runs to the end of the file.
      diagnostics.append(
        Diagnostic(
          severity: .error, file: file, line: min(code.line + error.line, code.endLine),
          column: error.column + code.indent,
          message: "invalid JSON in the API Call block of step \(step.index + 1): \(error.message)"))
      return
    }
    var reader = JSONBlockReader(file: file, baseLine: code.line, text: code.literal)
    defer { diagnostics += reader.diagnostics }
    guard let object = value.objectValue else {
      reader.error(at: [], "the API Call block must be a JSON object, found \(value.typeName)")
      return
    }
    let context = "the API Call block"
    reader.checkKeys(object, known: apiCallKeys, path: [], context: context)
    let method = reader.string(object, "method", path: [], context: context)
    let path = reader.string(object, "path", path: [], context: context)
    switch (method, path) {
    case (let method?, let path?):
      if !path.hasPrefix("/") {
        reader.warning(at: ["path"], "API path '\(path)' should start with '/' (/service/<id>/action/<action>)")
      }
      step.apiCall = APICall(
        method: method, path: path,
        ignoreParameters: reader.strings(object, "ignoreParameters", path: [], context: context) ?? [],
        disableSetupCode: reader.bool(object, "disableSetupCode", path: [], context: context) ?? false,
        line: reader.line(["method"]))
    case (_?, nil) where object["path"] == nil:
      reader.error(at: ["method"], "the API Call block has a 'method' but no 'path'")
    case (nil, _?) where object["method"] == nil:
      reader.error(at: ["path"], "the API Call block has a 'path' but no 'method'")
    default:
      break
    }
    if let items = reader.array(object, "parameters", path: [], context: context) {
      step.parameters = reader.parameters(items, path: ["parameters"])
    }
  }

  private mutating func readSampleCode(_ code: FencedCode, title: String, line: Int, into step: inout Step) {
    let id = sampleCodeID(title) ?? code.language.lowercased()
    guard !id.isEmpty else {
      report(.error, line, "'\(title)' needs an id, as in '### Sample Code (php)'")
      return
    }
    let sample = SampleCode(id: id, language: code.language, code: code.literal.trimmingWhitespace, line: code.line)
    if let existing = step.sampleCode.firstIndex(where: { $0.id == id }) {
      report(
        .warning, code.line,
        "second Sample Code (\(id)) in step \(step.index + 1) replaces the one at line "
          + "\(step.sampleCode[existing].line) (the last one wins)")
      step.sampleCode[existing] = sample
    } else {
      step.sampleCode.append(sample)
    }
  }

  private mutating func readDemo(_ code: FencedCode, into step: inout Step) {
    if let previous = step.demo {
      report(
        .warning, code.line,
        "second Demo in step \(step.index + 1) replaces the one at line \(previous.line) (the last one wins)")
    }
    step.demo = Demo(html: code.literal.trimmingWhitespace, line: code.line)
  }

  /// The `\w+` word inside the title's parentheses, lower-cased (§1.1 P10).
  private func sampleCodeID(_ title: String) -> String? {
    guard let open = title.firstIndex(of: "(") else { return nil }
    let word = title[title.index(after: open)...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    return word.isEmpty ? nil : word.lowercased()
  }
}
