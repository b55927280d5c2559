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

/// A recipe that cannot be opened is marked in the list; choosing it shows why and stays.
@Suite struct BrokenRecipePickerTests {
  static let entries = [
    RecipeEntry(path: "recipes/upload.md", title: "Upload a Video", summary: "Learn how to upload a video"),
    RecipeEntry(
      path: "recipes/broken.md", title: "Broken", summary: "",
      problems: ["recipes/broken.md:11:3: error: invalid JSON in the API Call block of step 1"]),
  ]

  @Test func choosingABrokenRecipeShowsItsDiagnosticsAndReturnsToTheList() {
    var model = RecipePickerModel(entries: Self.entries, colorMode: .none, width: 100, height: 24)
    #expect(view(model).renderText().contains("invalid JSON"), "the list marks it with its first error")
    _ = update(&model, .key(.down))
    #expect(update(&model, .key(.enter)) == [], "nothing is opened")
    let shown = view(model).renderText()
    #expect(shown.contains("broken.md cannot be opened"))
    #expect(shown.contains("recipes/broken.md:11:3: error: invalid JSON"))
    #expect(update(&model, .key(.character("x"))) == [])
    #expect(!view(model).renderText().contains("cannot be opened"))
    _ = update(&model, .key(.up))
    #expect(update(&model, .key(.enter)) == [.open(path: "recipes/upload.md")])
  }
}
