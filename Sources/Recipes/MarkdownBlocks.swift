/// Markdown prose as blocks for a terminal renderer, built from libcmark's tree.
public enum MarkdownBlock: Sendable, Hashable {
  case paragraph([MarkdownInline])
  case heading(level: Int, [MarkdownInline])
  /// Each item is a list of blocks (usually one paragraph).
  case bulletList([[MarkdownBlock]])
  case orderedList(start: Int, [[MarkdownBlock]])
  /// `language` is the first word of the fence info, nil for indented code and bare fences.
  case codeBlock(language: String?, text: String)
  case blockQuote([MarkdownBlock])
  case thematicBreak
  /// Raw HTML block, as written.
  case html(String)
}

/// Inline spans of a paragraph or heading. Soft line breaks become a single space, so a
/// renderer can re-wrap text to the terminal width.
public enum MarkdownInline: Sendable, Hashable {
  case text(String)
  case emphasis([MarkdownInline])
  case strong([MarkdownInline])
  case code(String)
  case link([MarkdownInline], url: String)
  case image(alt: String, url: String)
  /// A hard break (`\` or two spaces at line end, or an inline `<br>`).
  case lineBreak
  /// Other inline HTML, as written.
  case html(String)
}

extension Array where Element == MarkdownInline {
  /// The text without markup (link text kept, URLs dropped).
  public var plainText: String {
    map { span in
      switch span {
      case .text(let s), .code(let s), .html(let s): return s
      case .emphasis(let inner), .strong(let inner), .link(let inner, _): return inner.plainText
      case .image(let alt, _): return alt
      case .lineBreak: return "\n"
      }
    }.joined()
  }
}

/// Parses Markdown prose (a description, finish text) into blocks with libcmark.
public func parseMarkdown(_ text: String) -> [MarkdownBlock] {
  MarkdownNode.parse(text).document.children.compactMap(markdownBlock)
}

private func markdownBlock(_ node: MarkdownNode) -> MarkdownBlock? {
  switch node.kind {
  case .paragraph:
    return .paragraph(markdownInlines(node.children))
  case .heading:
    return .heading(level: node.headingLevel, markdownInlines(node.children))
  case .list:
    let items = node.children.map { $0.children.compactMap(markdownBlock) }
    return node.isOrderedList ? .orderedList(start: node.listStart, items) : .bulletList(items)
  case .codeBlock:
    let language = node.info.split(whereSeparator: \.isWhitespace).first.map(String.init)
    return .codeBlock(
      language: language, text: node.literal.hasSuffix("\n") ? String(node.literal.dropLast()) : node.literal)
  case .blockQuote:
    return .blockQuote(node.children.compactMap(markdownBlock))
  case .thematicBreak:
    return .thematicBreak
  case .htmlBlock:
    return .html(node.literal.hasSuffix("\n") ? String(node.literal.dropLast()) : node.literal)
  default:
    return nil
  }
}

private func markdownInlines(_ nodes: [MarkdownNode]) -> [MarkdownInline] {
  var spans: [MarkdownInline] = []
  func appendText(_ text: String) {
    if case .text(let previous) = spans.last {
      spans[spans.count - 1] = .text(previous + text)
    } else {
      spans.append(.text(text))
    }
  }
  for node in nodes {
    switch node.kind {
    case .text: appendText(node.literal)
    case .softBreak: appendText(" ")
    case .lineBreak: spans.append(.lineBreak)
    case .code: spans.append(.code(node.literal))
    case .emphasis: spans.append(.emphasis(markdownInlines(node.children)))
    case .strong: spans.append(.strong(markdownInlines(node.children)))
    case .link: spans.append(.link(markdownInlines(node.children), url: node.url))
    case .image: spans.append(.image(alt: node.plainText, url: node.url))
    case .htmlInline:
      if isLineBreakTag(node.literal) { spans.append(.lineBreak) } else { spans.append(.html(node.literal)) }
    default: spans.append(contentsOf: markdownInlines(node.children))
    }
  }
  return spans
}

private func isLineBreakTag(_ html: String) -> Bool {
  let tag = html.lowercased().filter { !$0.isWhitespace }
  return tag == "<br>" || tag == "<br/>"
}
