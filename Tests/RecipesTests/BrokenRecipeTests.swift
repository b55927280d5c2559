import Recipes
import Testing

/// Broken recipes give a precise line and message, and never hide the healthy steps.
@Suite struct BrokenRecipeTests {
  @Test func badJSONPointsInsideTheBlockAndKeepsOtherSteps() throws {
    let recipe = try TestPaths.loadFixture("bad-json.md")
    let error = try #require(recipe.errors.first)
    #expect(recipe.errors.count == 1)
    #expect(error.line == 11)
    #expect(error.column == 3)
    #expect(error.message.hasPrefix("invalid JSON in the API Call block of step 1:"))
    #expect(error.file.hasSuffix("bad-json.md"))
    #expect(recipe.steps.count == 2)
    #expect(recipe.steps[0].apiCall == nil)
    #expect(recipe.steps[1].apiCall?.path == "/service/media/action/get")
    #expect(recipe.warnings.map(\.line) == [21])
    #expect(recipe.warnings.first?.message == "unknown key 'hiden' in parameter 'entryId' (did you mean 'hidden'?)")
  }

  @Test func missingTitle() throws {
    let recipe = try TestPaths.loadFixture("no-title.md")
    #expect(recipe.errors.map(\.message) == ["missing title: the recipe needs one '# Title' heading (H1)"])
    #expect(recipe.title == "")
    #expect(recipe.steps.map(\.title) == ["Lonely Step"])
  }

  @Test func secondTitleIsAnErrorButItsStepsRemain() throws {
    let recipe = try TestPaths.loadFixture("two-titles.md")
    #expect(recipe.title == "First Title")
    #expect(recipe.errors.map(\.line) == [6])
    #expect(recipe.errors.first?.message.hasPrefix("more than one H1 heading: 'Second Title'") == true)
    #expect(recipe.steps.map(\.title) == ["Step A", "Step B"])
  }

  @Test func missingAndBrokenMetadata() throws {
    let missing = try TestPaths.loadFixture("no-metadata.md")
    #expect(missing.errors.map(\.line) == [1])
    #expect(missing.errors.first?.message.hasPrefix("missing METADATA") == true)
    #expect(missing.steps.count == 1)
    let broken = try TestPaths.loadFixture("bad-metadata.md")
    #expect(broken.errors.map(\.line) == [5])
    #expect(broken.errors.first?.message == "invalid JSON in METADATA: unexpected '}', expected a value")
    #expect(broken.metadata == nil)
    #expect(broken.title == "Bad Metadata")
  }

  @Test func danglingFromStepWarnings() throws {
    let recipe = try TestPaths.loadFixture("dangling-fromstep.md")
    #expect(recipe.errors == [])
    #expect(recipe.warnings.map(\.line) == [16, 20, 24, 42])
    let messages = recipe.warnings.map(\.message)
    #expect(messages[0].contains("fromStep 9 points at a missing step (the recipe has 3 steps"))
    #expect(messages[1].contains("fromStep 2 (step 3, 'Two') is a later step"))
    #expect(messages[2].contains("fromStep 0 (step 1, 'Zero Prose') has no API call"))
    #expect(messages[3].contains("fromStep 1 (step 2, 'One') has no input 'nope'"))
  }

  @Test func unterminatedFence() throws {
    let recipe = try TestPaths.loadFixture("unterminated-fence.md")
    #expect(recipe.errors == [])
    #expect(recipe.warnings.map(\.line) == [15])
    #expect(recipe.warnings.first?.message.hasPrefix("code fence opened here is never closed: lines 16-19") == true)
    #expect(recipe.steps.map(\.title) == ["First", "Second"])
    #expect(recipe.steps[1].sampleCode.first?.code.contains("## Swallowed") == true)
  }

  @Test func fenceWithoutLanguage() throws {
    let recipe = try TestPaths.loadFixture("no-language.md")
    #expect(recipe.errors.map(\.line) == [7])
    #expect(recipe.errors.first?.message == "code fence without a language in 'API Call': write ```json")
    #expect(recipe.steps.first?.apiCall?.path == "/service/a/action/b")
  }

  @Test(arguments: ["empty.md", "blank.md"])
  func emptyFile(name: String) throws {
    let recipe = try TestPaths.loadFixture(name)
    #expect(recipe.diagnostics.map(\.message) == ["the file is empty"])
    #expect(recipe.diagnostics.map(\.line) == [1])
    #expect(recipe.steps.isEmpty)
  }

  @Test func binaryGarbage() throws {
    let recipe = try TestPaths.loadFixture("binary.md")
    #expect(recipe.errors.count == 1)
    #expect(recipe.errors.first?.line == 3)
    #expect(recipe.errors.first?.message.contains("this is not a Markdown text file") == true)
  }

  @Test func invalidUTF8IsReportedAndParsingContinues() throws {
    let recipe = try TestPaths.loadFixture("latin1.md")
    let encoding = try #require(recipe.errors.first)
    #expect(encoding.line == 4)
    #expect(encoding.column == 6)
    #expect(encoding.message == "invalid UTF-8 (byte 0xE9); replaced with U+FFFD")
    #expect(recipe.title == "Caf\u{FFFD} Recipe")
    #expect(recipe.steps.count == 1)
  }

  @Test func randomBytesNeverCrash() {
    var generator = SystemRandomNumberGenerator()
    for length in [1, 2, 3, 17, 256, 4096] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let recipe = Recipe.parse(bytes: bytes, file: "random")
      #expect(recipe.hasErrors)
    }
  }

  @Test func missingFileThrowsWithThePath() {
    #expect(throws: RecipeLoadError(path: "/nonexistent/x.md", reason: "no such file")) {
      try Recipe.load(path: "/nonexistent/x.md")
    }
  }

  @Test func diagnosticPrintsLikeACompiler() {
    let diagnostic = Diagnostic(severity: .error, file: "a.md", line: 3, column: 7, message: "bad")
    #expect(diagnostic.description == "a.md:3:7: error: bad")
    #expect(Diagnostic(severity: .warning, file: "a.md", line: 3, message: "hm").description == "a.md:3: warning: hm")
    #expect(Diagnostic(severity: .error, file: "a.md", line: 0, message: "gone").description == "a.md: error: gone")
  }
}

@Suite struct MetadataEdgeTests {
  @Test func unclosedMetadataComment() {
    let recipe = Recipe.parse(text: "<!--METADATA\n{\"summary\": \"s\"}\n# T\n## S\n", file: "m.md")
    #expect(
      recipe.errors.first?.message
        == "the METADATA comment is never closed (no '-->'), so the rest of the file is part of it")
    #expect(recipe.errors.map(\.line) == [1, 1])
    #expect(recipe.errors.last?.message.hasPrefix("missing title") == true)
  }

  @Test func metadataOnOneLineAndUnknownKey() {
    let recipe = Recipe.parse(text: "<!--METADATA {\"summary\": \"s\", \"icn\": \"x\"} -->\n# T\n## S\n", file: "m.md")
    #expect(recipe.summary == "s")
    #expect(recipe.errors == [])
    #expect(recipe.warnings.map(\.message) == ["unknown key 'icn' in METADATA (did you mean 'icon'?)"])
  }

  @Test func metadataErrorColumnOnFirstLine() {
    let recipe = Recipe.parse(text: "<!--METADATA {\"summary\" \"s\"} -->\n# T\n", file: "m.md")
    #expect(recipe.errors.first?.line == 1)
    #expect(recipe.errors.first?.column == 25)
  }

  @Test func metadataAfterTitle() {
    let recipe = Recipe.parse(text: "# T\n<!--METADATA\n{\"summary\": \"s\"}\n-->\n## S\n", file: "m.md")
    #expect(recipe.errors.map(\.message) == ["the METADATA comment must come before the first heading"])
    #expect(recipe.errors.map(\.line) == [2])
  }
}
