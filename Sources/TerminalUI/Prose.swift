import Recipes

/// Markdown prose as wrapped, styled lines: emphasis, code spans, lists, quotes, and links
/// followed by their URL (a terminal cannot click them).
enum Prose {
  static func lines(_ blocks: [MarkdownBlock], width: Int) -> [StyledLine] {
    guard width > 0 else { return [] }
    var out: [StyledLine] = []
    for block in blocks {
      let rendered = lines(block, width: width)
      if rendered.isEmpty { continue }
      if !out.isEmpty { out.append([]) }
      out += rendered
    }
    return out
  }

  static func lines(_ block: MarkdownBlock, width: Int) -> [StyledLine] {
    switch block {
    case .paragraph(let inlines): return wrap(words(inlines, role: .plain), width: width)
    case .heading(_, let inlines): return wrap(words(inlines, role: .heading), width: width)
    case .bulletList(let items):
      return items.flatMap { prefixed(lines($0, width: width - 2), first: "• ", rest: "  ") }
    case .orderedList(let start, let items):
      return items.enumerated().flatMap { index, item in
        let marker = "\(start + index). "
        let pad = String(repeating: " ", count: marker.count)
        return prefixed(lines(item, width: width - marker.count), first: marker, rest: pad)
      }
    case .codeBlock(_, let text):
      return text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span("  " + $0, .code)] }
    case .blockQuote(let inner):
      return prefixed(lines(inner, width: width - 2), first: "│ ", rest: "│ ", role: .dim)
    case .thematicBreak:
      return [[Span(String(repeating: "─", count: min(width, 20)), .dim)]]
    case .html(let html):
      let text = html.split(separator: "\n").map { $0.trimmingSpaces() }.joined(separator: " ")
      return wrap(text.split(separator: " ").map { Span(String($0), .dim) }, width: width)
    }
  }

  private static func prefixed(
    _ lines: [StyledLine], first: String, rest: String, role: Role = .plain
  ) -> [StyledLine] {
    lines.enumerated().map { index, line in [Span(index == 0 ? first : rest, role)] + line }
  }

  /// Inline spans as words; `nil` text marks a hard line break.
  private static func words(_ inlines: [MarkdownInline], role: Role) -> [Span] {
    var out: [Span] = []
    for inline in inlines {
      switch inline {
      case .text(let text), .html(let text):
        out += text.split(separator: " ").map { Span(String($0), role) }
      case .emphasis(let inner): out += words(inner, role: role == .plain ? .emphasis : role)
      case .strong(let inner): out += words(inner, role: .strong)
      case .code(let code): out += code.split(separator: " ").map { Span(String($0), .code) }
      case .link(let inner, let url):
        out += words(inner, role: .link)
        let text = inner.plainText
        if text != url { out.append(Span("(\(url))", .dim)) }
      case .image(let alt, let url): out.append(Span("[image: \(alt)] (\(url))", .dim))
      case .lineBreak: out.append(Span("\n", role))
      }
    }
    return out
  }

  /// Greedy word wrap; a word wider than the line is cut.
  static func wrap(_ words: [Span], width: Int) -> [StyledLine] {
    var lines: [StyledLine] = []
    var line: StyledLine = []
    var used = 0
    for word in words {
      if word.text == "\n" {
        lines.append(line)
        line = []
        used = 0
        continue
      }
      var text = word.text
      let wordWidth = displayWidth(of: text)
      if used > 0 && used + 1 + wordWidth > width {
        lines.append(line)
        line = []
        used = 0
      }
      if used > 0 {
        line.append(Span(" ", .plain))
        used += 1
      }
      if wordWidth > width { text = text.truncated(toWidth: width) }
      line.append(Span(text, word.role))
      used += displayWidth(of: text)
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}

/// The current step's prose lines at a width.
func proseLines(_ model: Model, width: Int) -> [StyledLine] {
  guard model.engine.recipe.steps.indices.contains(model.currentStep) else { return [] }
  let text = model.engine.recipe.steps[model.currentStep].description
  return Prose.lines(parseMarkdown(text), width: width)
}

func proseLineCount(_ model: Model, width: Int) -> Int { proseLines(model, width: width).count }
