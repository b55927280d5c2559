import TerminalUI
import Testing

@Suite struct RecipePickerTests {
  static let entries = [
    RecipeEntry(path: "recipes/upload.md", title: "Upload a Video", summary: "Learn how to upload a video"),
    RecipeEntry(path: "recipes/captions.md", title: "Captions", summary: "Add captions to an entry"),
    RecipeEntry(path: "recipes/player.md", title: "Embed a Player", summary: "Show a video on a page"),
  ]

  @Test func listsTitlesAndSummaries() {
    let model = RecipePickerModel(entries: Self.entries, colorMode: .none, width: 80, height: 24)
    let text = view(model).renderText()
    #expect(text.contains("▸ Upload a Video"))
    #expect(text.contains("    Learn how to upload a video"))
    #expect(text.contains("  Embed a Player"))
  }

  @Test func typingFiltersAndEnterOpens() {
    var model = RecipePickerModel(entries: Self.entries, width: 80, height: 24)
    for character in "capt" { _ = update(&model, .key(.character(character))) }
    #expect(model.visibleEntries.map(\.title) == ["Captions"])
    #expect(update(&model, .key(.enter)) == [.open(path: "recipes/captions.md")])
  }

  @Test func arrowsMoveEscapeClearsThenQuits() {
    var model = RecipePickerModel(entries: Self.entries, width: 80, height: 24)
    _ = update(&model, .key(.down))
    _ = update(&model, .key(.down))
    _ = update(&model, .key(.down))
    #expect(update(&model, .key(.enter)) == [.open(path: "recipes/player.md")])
    _ = update(&model, .key(.character("x")))
    #expect(update(&model, .key(.escape)) == [])
    #expect(model.filter.isEmpty)
    #expect(update(&model, .key(.escape)) == [.quit])
  }

  @Test func emptyListSaysWhy() {
    let model = RecipePickerModel(entries: [], colorMode: .none, width: 80, height: 24)
    #expect(view(model).renderText().contains("No recipes in ./recipes"))
  }
}
