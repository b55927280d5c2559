import CCmark

/// A Swift copy of one libcmark node. The tree is copied out right after parsing so no C
/// pointer outlives `cmark_node_free`, and the rest of the module works with plain values.
struct MarkdownNode: Sendable {
  enum Kind: Sendable, Equatable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image, other
  }

  var kind: Kind
  var startLine: Int
  var endLine: Int
  var startColumn: Int
  /// Text of code blocks, HTML, text runs and code spans.
  var literal: String
  /// Fence info string of a code block.
  var info: String
  var url: String
  var headingLevel: Int
  var isOrderedList: Bool
  var listStart: Int
  var children: [MarkdownNode]

  /// The concatenated text of the inline content (headings, link text), markup dropped.
  var plainText: String {
    switch kind {
    case .text, .code: return literal
    case .softBreak, .lineBreak: return " "
    default: return children.map(\.plainText).joined()
    }
  }
}

/// A parsed document, and where it was cut if it nests deeper than the copy allows.
struct ParsedMarkdown: Sendable {
  var document: MarkdownNode
  /// First line of a node dropped for lying deeper than `MarkdownNode.maximumDepth`.
  var tooDeepAtLine: Int?
}

extension MarkdownNode {
  /// How deep the Swift copy goes. Every consumer of the tree (this copy, `plainText`, the
  /// block conversion, prose layout, even the arrays' release) recurses once per level, so a
  /// hostile file of 13,800 `>` would run the stack out; real recipes nest a handful of levels.
  static let maximumDepth = 48

  /// Parses CommonMark with libcmark. Never fails: cmark accepts any input; content nested past
  /// `maximumDepth` is dropped and reported.
  static func parse(_ text: String) -> ParsedMarkdown {
    var bytes = Array(text.utf8)
    if bytes.isEmpty { bytes = [0x0A] }
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let root = cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) else {
          return ParsedMarkdown(document: MarkdownNode(kind: .document))
        }
        defer { cmark_node_free(root) }
        var tooDeepAtLine: Int?
        let document = MarkdownNode(copying: root, depth: 0, tooDeepAtLine: &tooDeepAtLine)
        return ParsedMarkdown(document: document, tooDeepAtLine: tooDeepAtLine)
      }
    }
  }

  init(kind: Kind) {
    self.kind = kind
    startLine = 0
    endLine = 0
    startColumn = 0
    literal = ""
    info = ""
    url = ""
    headingLevel = 0
    isOrderedList = false
    listStart = 1
    children = []
  }

  private init(copying node: OpaquePointer, depth: Int, tooDeepAtLine: inout Int?) {
    self.init(kind: Self.kind(of: cmark_node_get_type(node)))
    startLine = Int(cmark_node_get_start_line(node))
    endLine = Int(cmark_node_get_end_line(node))
    startColumn = Int(cmark_node_get_start_column(node))
    switch kind {
    case .codeBlock:
      literal = Self.string(cmark_node_get_literal(node))
      info = Self.string(cmark_node_get_fence_info(node))
    case .htmlBlock, .text, .code, .htmlInline:
      literal = Self.string(cmark_node_get_literal(node))
    case .heading:
      headingLevel = Int(cmark_node_get_heading_level(node))
    case .list:
      isOrderedList = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      listStart = Int(cmark_node_get_list_start(node))
    case .link, .image:
      url = Self.string(cmark_node_get_url(node))
    default:
      break
    }
    var child = cmark_node_first_child(node)
    if child != nil, depth >= Self.maximumDepth {
      if tooDeepAtLine == nil { tooDeepAtLine = Int(cmark_node_get_start_line(child)) }
      return
    }
    while let current = child {
      children.append(MarkdownNode(copying: current, depth: depth + 1, tooDeepAtLine: &tooDeepAtLine))
      child = cmark_node_next(current)
    }
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
  }

  private static func kind(of type: cmark_node_type) -> Kind {
    switch type {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    default: return .other
    }
  }
}
