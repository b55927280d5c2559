import JSONValue

private let metadataKeys: Set<String> = [
  "summary", "icon", "sortOrder", "tags", "keywords", "hidden", "relatedRecipes",
]

extension RecipeParser {
  /// Reads the `<!--METADATA {json} -->` comment before the first heading (§1.1 P3, §1.2).
  mutating func readMetadata(into recipe: inout Recipe, before firstHeadingBlock: Int) {
    let isMetadata: (MarkdownNode) -> Bool = {
      $0.kind == .htmlBlock && $0.literal.trimmingWhitespace.hasPrefix("<!--METADATA")
    }
    guard let block = blocks[..<firstHeadingBlock].first(where: isMetadata) else {
      if let late = blocks.first(where: isMetadata) {
        report(.error, late.startLine, "the METADATA comment must come before the first heading")
      } else {
        report(.error, 1, "missing METADATA: the recipe must start with '<!--METADATA {\"summary\": ...} -->'")
      }
      return
    }
    let literal = block.literal
    let opening = literal.firstRange(of: "<!--METADATA")!
    guard let closing = literal[opening.upperBound...].firstRange(of: "-->") else {
      report(
        .error, block.startLine,
        "the METADATA comment is never closed (no '-->'), so the rest of the file is part of it")
      return
    }
    // JSON line 1 is the comment's first line; blank the marker so columns stay true.
    let prefix = String(repeating: " ", count: literal[..<opening.upperBound].count)
    let jsonText = prefix + literal[opening.upperBound..<closing.lowerBound]
    guard !jsonText.allSatisfy(\.isWhitespace) else {
      report(.error, block.startLine, "the METADATA comment is empty; it must hold a JSON object")
      return
    }
    let value: JSONValue
    do {
      value = try JSONValue(parsing: jsonText)
    } catch {
      diagnostics.append(
        Diagnostic(
          severity: .error, file: file, line: block.startLine + error.line - 1, column: error.column,
          message: "invalid JSON in METADATA: \(error.message)"))
      return
    }
    var reader = JSONBlockReader(file: file, baseLine: block.startLine - 1, text: jsonText)
    guard let object = value.objectValue else {
      reader.error(at: [], "METADATA must be a JSON object, found \(value.typeName)")
      diagnostics += reader.diagnostics
      return
    }
    reader.checkKeys(object, known: metadataKeys, path: [], context: "METADATA")
    recipe.metadata = object
    recipe.summary = reader.string(object, "summary", path: [], context: "METADATA")
    if object["summary"] == nil { reader.warning(at: [], "METADATA has no 'summary' (the gallery text)") }
    _ = reader.string(object, "icon", path: [], context: "METADATA")
    if let order = object["sortOrder"], order.intValue == nil {
      reader.warning(at: ["sortOrder"], "'sortOrder' in METADATA should be an integer, found \(order.typeName)")
    }
    for key in ["tags", "keywords", "relatedRecipes"] {
      _ = reader.strings(object, key, path: [], context: "METADATA")
    }
    _ = reader.bool(object, "hidden", path: [], context: "METADATA")
    diagnostics += reader.diagnostics
  }
}
