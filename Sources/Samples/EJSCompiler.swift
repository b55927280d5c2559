// Recipes' Sample Code and Demo blocks are EJS templates holding real JavaScript (scriptlets,
// string methods, encodeURIComponent), so they are compiled to a JavaScript function here and
// run in Duktape. There is no EJS implementation for Swift; the compiler is the small,
// well-specified part of EJS (tags below), hand-written to match ejs 3.1.

/// A template compiled to the source of a JavaScript function `function (locals) -> string`.
public struct CompiledTemplate: Sendable, Hashable {
  public var functionSource: String
  /// Per line of `functionSource` (0-based), the template line (1-based) it came from, so a
  /// JavaScript error's `lineNumber` can be told in the author's terms.
  var templateLines: [Int] = []

  /// The template line of `functionSource`'s line `sourceLine` (1-based), nil outside the body.
  public func templateLine(ofSourceLine sourceLine: Int) -> Int? {
    templateLines.indices.contains(sourceLine - 1) ? templateLines[sourceLine - 1] : nil
  }
}

public struct TemplateSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var line: Int
  public var description: String { "line \(line): \(message)" }
}

public enum EJSCompiler {
  /// Compiles EJS: `<%= expr %>` escaped, `<%- expr %>` raw, `<% code %>` scriptlet,
  /// `<%# comment %>`, `<%%` literal, `-%>` trims the next newline, `<%_`/`_%>` slurp whitespace.
  public static func compile(_ template: String) throws(TemplateSyntaxError) -> CompiledTemplate {
    var body = ""
    var bodyLines: [Int] = []
    var text = Substring(template)
    var line = 1
    var pendingText = ""
    var pendingTextLine = 1

    // Emitted line k of `chunk` comes from template line `from + min(k, span)`: a tag's code keeps
    // its own line breaks, and what closes it stays on its last line.
    func emit(_ chunk: String, from: Int, span: Int = 0) {
      body += chunk
      for k in 0..<chunk.utf8.count(where: { $0 == 0x0A }) { bodyLines.append(from + min(k, span)) }
    }

    func flushText() {
      if !pendingText.isEmpty {
        emit("__append(\(javaScriptStringLiteral(pendingText)));\n", from: pendingTextLine)
        pendingText = ""
      }
    }

    while let open = text.firstRange(of: "<%") {
      if pendingText.isEmpty { pendingTextLine = line }
      pendingText += text[..<open.lowerBound]
      line += text[..<open.lowerBound].utf8.count(where: { $0 == 0x0A })
      var rest = text[open.upperBound...]
      if rest.hasPrefix("%") {  // `<%%` is a literal `<%`
        pendingText += "<%"
        text = rest.dropFirst()
        continue
      }
      var kind: Character = " "
      if let first = rest.first, "=-#_".contains(first) {
        kind = first
        rest = rest.dropFirst()
      }
      if kind == "_" {  // slurp whitespace before the tag on its line
        while let last = pendingText.last, last == " " || last == "\t" { pendingText.removeLast() }
      }
      guard let close = rest.firstRange(of: "%>") else {
        throw TemplateSyntaxError(message: "could not find matching close tag for \"<%\"", line: line)
      }
      var code = rest[..<close.lowerBound]
      var trimNewline = false
      var slurpAfter = false
      if code.hasSuffix("-") {
        code = code.dropLast()
        trimNewline = true
      } else if code.hasSuffix("_") {
        code = code.dropLast()
        slurpAfter = true
      }
      let tagLine = line
      let span = code.utf8.count(where: { $0 == 0x0A })
      line += span
      flushText()
      switch kind {
      case "=": emit("__append(__escape((\(code)\n)));\n", from: tagLine, span: span)
      case "-": emit("__append((\(code)\n));\n", from: tagLine, span: span)
      case "#": break
      default: emit("\(code)\n", from: tagLine, span: span)
      }
      text = rest[close.upperBound...]
      if trimNewline {
        // The dropped newline still counts: later lines keep their numbers.
        if text.hasPrefix("\r\n") {
          text = text.dropFirst(2)
          line += 1
        } else if text.hasPrefix("\n") {
          text = text.dropFirst()
          line += 1
        }
      }
      if slurpAfter {
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        if text.hasPrefix("\n") {
          text = text.dropFirst()
          line += 1
        }
      }
    }
    if pendingText.isEmpty { pendingTextLine = line }
    pendingText += text
    line += text.utf8.count(where: { $0 == 0x0A })
    flushText()
    let header = """
      (function (locals) {
        var __output = "";
        function __append(s) { if (s !== undefined && s !== null) { __output += s; } }
        function __escape(s) {
          if (s === undefined || s === null) { return s; }
          return String(s).replace(/[&<>'"]/g, function (c) {
            return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;" }[c];
          });
        }
        with (locals) {

      """
    let source =
      header + body + """

          }
          return __output;
        })
        """
    let headerLines = header.utf8.count(where: { $0 == 0x0A })
    // An unclosed block is found at the end of input: the template's last line.
    let lastLine = template.hasSuffix("\n") && line > 1 ? line - 1 : line
    let trailerLines = source.utf8.count(where: { $0 == 0x0A }) + 1 - headerLines - bodyLines.count
    // Header lines map to the first line.
    let lines =
      Array(repeating: 1, count: headerLines) + bodyLines + Array(repeating: lastLine, count: max(0, trailerLines))
    return CompiledTemplate(functionSource: source, templateLines: lines)
  }

  static func javaScriptStringLiteral(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
