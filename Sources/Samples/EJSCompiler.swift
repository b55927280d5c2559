// Recipes' Sample Code and Demo blocks are EJS templates holding real JavaScript (scriptlets,
// string methods, encodeURIComponent), so they are compiled to a JavaScript function here and
// run in Duktape. There is no EJS implementation for Swift; the compiler is the small,
// well-specified part of EJS (tags below), hand-written to match ejs 3.1.

/// A template compiled to the source of a JavaScript function `function (locals) -> string`.
public struct CompiledTemplate: Sendable, Hashable {
  public var functionSource: String
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
    var text = Substring(template)
    var line = 1
    var pendingText = ""

    func flushText() {
      if !pendingText.isEmpty {
        body += "__append(\(javaScriptStringLiteral(pendingText)));\n"
        pendingText = ""
      }
    }

    while let open = text.firstRange(of: "<%") {
      pendingText += text[..<open.lowerBound]
      line += text[..<open.lowerBound].count(where: { $0 == "\n" })
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
      line += code.count(where: { $0 == "\n" })
      flushText()
      switch kind {
      case "=": body += "__append(__escape((\(code)\n)));\n"
      case "-": body += "__append((\(code)\n));\n"
      case "#": break
      default: body += "\(code)\n"
      }
      text = rest[close.upperBound...]
      if trimNewline {
        if text.hasPrefix("\r\n") {
          text = text.dropFirst(2)
        } else if text.hasPrefix("\n") {
          text = text.dropFirst()
        }
      }
      if slurpAfter {
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        if text.hasPrefix("\n") { text = text.dropFirst() }
      }
    }
    pendingText += text
    flushText()
    let source = """
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
      \(body)
        }
        return __output;
      })
      """
    return CompiledTemplate(functionSource: source)
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
