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
      return wrap(text.split(separator: " ").map { Word(span: Span(String($0), .dim), glued: false) }, width: width)
    }
  }

  private static func prefixed(
    _ lines: [StyledLine], first: String, rest: String, role: Role = .plain
  ) -> [StyledLine] {
    lines.enumerated().map { index, line in [Span(index == 0 ? first : rest, role)] + line }
  }

  /// Inline spans as words. A word glued to the one before (no space between, as in
  /// "`code`," or "*word*.") is marked so wrapping keeps them together.
  private static func words(_ inlines: [MarkdownInline], role: Role) -> [Word] {
    var out: [Word] = []
    var spaceBefore = false
    func add(_ text: String, _ role: Role) {
      for (index, part) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
        if index > 0 { spaceBefore = true }
        if part.isEmpty { continue }
        out.append(Word(span: Span(String(part), role), glued: !spaceBefore && !out.isEmpty))
        spaceBefore = false
      }
    }
    func walk(_ inlines: [MarkdownInline], _ role: Role) {
      for inline in inlines {
        switch inline {
        case .text(let text), .html(let text): add(text, role)
        case .emphasis(let inner): walk(inner, role == .plain ? .emphasis : role)
        case .strong(let inner): walk(inner, .strong)
        case .code(let code): add(code, .code)
        case .link(let inner, let url):
          walk(inner, .link)
          if inner.plainText != url {
            spaceBefore = true
            add("(\(url))", .dim)
          }
        case .image(let alt, let url): add("[image: \(alt)] (\(url))", .dim)
        case .lineBreak:
          out.append(Word(span: Span("\n", role), glued: false))
          spaceBefore = false
        }
      }
    }
    walk(inlines, role)
    return out
  }

  /// Greedy word wrap; a word wider than the line is cut.
  static func wrap(_ words: [Word], width: Int) -> [StyledLine] {
    var lines: [StyledLine] = []
    var line: StyledLine = []
    var used = 0
    for (index, word) in words.enumerated() {
      if word.span.text == "\n" {
        lines.append(line)
        line = []
        used = 0
        continue
      }
      var text = word.span.text
      let gap = used > 0 && !word.glued ? 1 : 0
      // A glued run ("code`,") moves to the next line as a whole.
      var runWidth = displayWidth(of: text)
      var next = index + 1
      while next < words.count, words[next].glued {
        runWidth += displayWidth(of: words[next].span.text)
        next += 1
      }
      if used > 0 && (!word.glued || used + displayWidth(of: text) > width) && used + gap + runWidth > width {
        lines.append(line)
        line = []
        used = 0
      } else if gap > 0 {
        line.append(Span(" ", .plain))
        used += 1
      }
      if displayWidth(of: text) > width { text = text.truncated(toWidth: width) }
      line.append(Span(text, word.span.role))
      used += displayWidth(of: text)
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}

/// The current step's prose lines at a width: laid out once per step and width (the model
/// keeps them), so a frame never parses Markdown.
func proseLines(_ model: Model, width: Int) -> [StyledLine] {
  if let cached = model.caches.prose, cached.key == ProseKey(step: model.currentStep, width: width) {
    return cached.lines
  }
  return computeProseLines(model, width: width)
}

func computeProseLines(_ model: Model, width: Int) -> [StyledLine] {
  guard model.engine.recipe.steps.indices.contains(model.currentStep) else { return [] }
  let text = model.engine.recipe.steps[model.currentStep].description
  return Prose.lines(parseMarkdown(text), width: width)
}

func proseLineCount(_ model: Model, width: Int) -> Int { proseLines(model, width: width).count }

/// A word for wrapping; `glued` words follow the previous one without a space.
struct Word: Sendable, Hashable {
  var span: Span
  var glued: Bool
}
