import JSONValue

extension Recipe {
  /// Parses recipe text. Never throws: problems become diagnostics.
  public static func parse(text: String, file: String) -> Recipe {
    parse(bytes: Array(text.utf8), file: file)
  }

  /// Parses raw file bytes; invalid UTF-8 and binary content are diagnostics, never crashes.
  public static func parse(bytes: [UInt8], file: String) -> Recipe {
    var diagnostics: [Diagnostic] = []
    guard let text = SourceDecoding.decode(bytes, file: file, into: &diagnostics) else {
      return Recipe(file: file, diagnostics: diagnostics)
    }
    var parser = RecipeParser(text: text, file: file)
    parser.diagnostics = diagnostics
    return parser.parse()
  }
}

/// A heading at the top level of the document and the blocks it owns (§1.1 P1-P2).
struct Section {
  var level: Int
  var title: String
  var line: Int
  var headingEndLine: Int
  var parent: Int?
  var children: [Int] = []
  /// Blocks between this heading and the next heading of any level.
  var ownBlocks: Range<Int>
  /// Last line before the next heading of any level.
  var ownLastLine: Int
  /// Last line before the next heading of the same or a higher rank.
  var fullLastLine: Int
}

struct RecipeParser {
  let file: String
  let source: SourceText
  let blocks: [MarkdownNode]
  let tooDeepAtLine: Int?
  var diagnostics: [Diagnostic] = []

  init(text: String, file: String) {
    self.file = file
    self.source = SourceText(text)
    let parsed = MarkdownNode.parse(text)
    self.blocks = parsed.document.children
    self.tooDeepAtLine = parsed.tooDeepAtLine
  }

  mutating func report(_ severity: Diagnostic.Severity, _ line: Int, _ message: String) {
    diagnostics.append(Diagnostic(severity: severity, file: file, line: line, message: message))
  }

  mutating func parse() -> Recipe {
    var recipe = Recipe(file: file)
    if let line = tooDeepAtLine {
      report(
        .error, line,
        "Markdown nested more than \(MarkdownNode.maximumDepth) levels deep (block quotes, lists or emphasis); "
          + "what lies deeper is ignored")
    }
    let sections = buildSections()
    let firstHeadingBlock = blocks.firstIndex { $0.kind == .heading } ?? blocks.count
    readMetadata(into: &recipe, before: firstHeadingBlock)
    checkFences()
    checkHeadingLookalikes()

    let roots = sections.indices.filter { sections[$0].parent == nil }
    let titles = roots.filter { sections[$0].level == 1 }
    var stepSections: [Int]
    if let first = titles.first {
      let h1 = sections[first]
      recipe.title = h1.title
      recipe.titleLine = h1.line
      recipe.description = source.text(from: h1.headingEndLine + 1, through: h1.ownLastLine)
      if h1.title.isEmpty { report(.error, h1.line, "the title heading is empty") }
      for extra in titles.dropFirst() {
        report(
          .error, sections[extra].line,
          "more than one H1 heading: '\(sections[extra].title)' (the title is '\(h1.title)' from line \(h1.line)); "
            + "its sub-headings are kept as steps")
      }
      for stray in roots where sections[stray].level > 1 && sections[stray].line < h1.line {
        report(.warning, sections[stray].line, "heading '\(sections[stray].title)' before the title is not a step")
      }
      stepSections = titles.flatMap { sections[$0].children }
    } else {
      report(.error, 1, "missing title: the recipe needs one '# Title' heading (H1)")
      stepSections = roots
    }

    if let last = stepSections.last, sections[last].title == "Finish" {
      let finish = sections[last]
      recipe.finishText = source.text(from: finish.headingEndLine + 1, through: finish.fullLastLine)
      stepSections.removeLast()
    }
    for (index, sectionIndex) in stepSections.enumerated() {
      recipe.steps.append(readStep(index: index, section: sectionIndex, in: sections))
    }
    if recipe.steps.isEmpty, !recipe.title.isEmpty {
      report(.warning, recipe.titleLine, "the recipe has no steps (no '## Step' headings under the title)")
    }
    checkReferences(recipe.steps)
    recipe.diagnostics = diagnostics.enumerated().sorted {
      ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
    }.map(\.element)
    return recipe
  }

  /// Top-level headings nested by rank; headings inside code, lists and quotes are not headings.
  private func buildSections() -> [Section] {
    let headingBlocks = blocks.indices.filter { blocks[$0].kind == .heading }
    var sections: [Section] = []
    var stack: [Int] = []
    for (n, blockIndex) in headingBlocks.enumerated() {
      let heading = blocks[blockIndex]
      let nextBlock = n + 1 < headingBlocks.count ? headingBlocks[n + 1] : blocks.count
      let ownLastLine = nextBlock < blocks.count ? blocks[nextBlock].startLine - 1 : source.lineCount
      let laterPeer = headingBlocks[(n + 1)...].first { blocks[$0].headingLevel <= heading.headingLevel }
      let fullLastLine = laterPeer.map { blocks[$0].startLine - 1 } ?? source.lineCount
      while let top = stack.last, sections[top].level >= heading.headingLevel { stack.removeLast() }
      let section = Section(
        level: heading.headingLevel, title: heading.plainText.trimmingWhitespace, line: heading.startLine,
        headingEndLine: heading.endLine, parent: stack.last, ownBlocks: (blockIndex + 1)..<nextBlock,
        ownLastLine: ownLastLine, fullLastLine: fullLastLine)
      sections.append(section)
      if let parent = stack.last { sections[parent].children.append(sections.count - 1) }
      stack.append(sections.count - 1)
    }
    return sections
  }
}

extension StringProtocol {
  var trimmingWhitespace: String {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
    let last = lastIndex { !$0.isWhitespace }!
    return String(self[first...last])
  }
}
