import Foundation
import Recipes
import Testing

/// Inputs built to exhaust the stack or memory end in a diagnostic at file:line, never a crash.
@Suite struct HostileRecipeTests {
  @Test(arguments: ["deep-quote.md", "deep-list.md"])
  func deepNestingIsAnErrorAtItsLine(fixture: String) throws {
    let recipe = try TestPaths.loadFixture(fixture)
    let error = try #require(recipe.errors.first { $0.message.hasPrefix("Markdown nested more than") })
    #expect(error.line == 6)
    #expect(error.file.hasSuffix(fixture))
    #expect(recipe.steps.map(\.title) == ["Step"])
  }

  @Test func deepEmphasisParsesWithinTheDepthLimit() throws {
    let recipe = try TestPaths.loadFixture("deep-emphasis.md")
    #expect(recipe.title == "Deep Emphasis")
    #expect(recipe.steps.count == 1)
  }

  @Test func prosePastTheDepthLimitIsCutNotFatal() {
    let blocks = parseMarkdown(String(repeating: "> ", count: 20_000) + "x\n")
    var depth = 0
    var level = blocks
    while case .blockQuote(let inner)? = level.first {
      depth += 1
      level = inner
    }
    #expect(depth > 10)
    #expect(depth < 100)
  }

  @Test func anOversizedFileIsRefusedBeforeParsing() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("brackets-\(UUID()).md").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = "# Brackets\n\n" + String(repeating: "[", count: 10 << 20) + "\n"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let recipe = try Recipe.load(path: path)
    #expect(recipe.errors.map(\.line) == [1])
    #expect(recipe.errors.first?.message == "the file is larger than 1 MiB: too big for a recipe")
  }

  @Test func aFileAtTheLimitIsStillParsed() {
    let filler = String(repeating: "word ", count: (Recipe.maximumFileSize - 100) / 5)
    let recipe = Recipe.parse(text: "# Big\n\n" + filler + "\n", file: "big.md")
    #expect(recipe.title == "Big")
    #expect(!recipe.errors.contains { $0.message.contains("too big") })
  }
}
