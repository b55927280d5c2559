import Recipes
import Testing

@Suite struct MarkdownBlockTests {
  @Test func paragraphsWithInlineSpans() {
    let blocks = parseMarkdown("Use *the* **uploadToken** `add` [docs](https://x.y/z)\nnext line.<br>after")
    #expect(
      blocks == [
        .paragraph([
          .text("Use "), .emphasis([.text("the")]), .text(" "), .strong([.text("uploadToken")]), .text(" "),
          .code("add"), .text(" "), .link([.text("docs")], url: "https://x.y/z"), .text(" next line."), .lineBreak,
          .text("after"),
        ])
      ])
  }

  @Test func blockKinds() {
    let text = """
      ## Head
      - one
      - two

      3. three
      4. four

      ```php
      echo 1;
      ```

      > quoted

      ---

      <div>raw</div>
      """
    let blocks = parseMarkdown(text)
    #expect(
      blocks == [
        .heading(level: 2, [.text("Head")]),
        .bulletList([[.paragraph([.text("one")])], [.paragraph([.text("two")])]]),
        .orderedList(start: 3, [[.paragraph([.text("three")])], [.paragraph([.text("four")])]]),
        .codeBlock(language: "php", text: "echo 1;"),
        .blockQuote([.paragraph([.text("quoted")])]),
        .thematicBreak,
        .html("<div>raw</div>"),
      ])
  }

  @Test func hardBreakImageAndPlainText() {
    let blocks = parseMarkdown("a  \nb ![logo](l.png)")
    #expect(blocks == [.paragraph([.text("a"), .lineBreak, .text("b "), .image(alt: "logo", url: "l.png")])])
    if case .paragraph(let spans) = blocks.first {
      #expect(spans.plainText == "a\nb logo")
    }
    #expect(parseMarkdown("") == [])
  }

  @Test func uploadRecipeDescriptionRenders() throws {
    let recipe = try Recipe.load(path: TestPaths.uploadRecipe)
    let blocks = parseMarkdown(recipe.steps[1].description)
    #expect(blocks.contains { if case .bulletList(let items) = $0 { items.count == 2 } else { false } })
  }
}
