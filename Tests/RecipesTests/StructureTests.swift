import Foundation
import JSONValue
import Recipes
import Testing

/// Step kinds, blocks and overlays of Fixtures/structure.md (recipe-format.md §1.1, §2.2).
@Suite struct StructureTests {
  let recipe: Recipe

  init() throws { recipe = try TestPaths.loadFixture("structure.md") }

  @Test func everyChildHeadingIsAStepExceptFinish() {
    #expect(
      recipe.steps.map(\.title) == ["Prose Only", "Full List", "No Inputs", "Params Only", "Duplicates", "Code Only"])
    #expect(recipe.errors == [])
    #expect(recipe.description == "Intro with **bold** text.")
  }

  @Test func proseOnlyStepKeepsTextBeforeItsFirstSubsection() {
    let prose = recipe.steps[0]
    #expect(prose.description == "Just words, no blocks.")
    #expect(prose.apiCall == nil)
    #expect(prose.parameters == nil)
    #expect(prose.sampleCode.isEmpty)
  }

  @Test func absentAndEmptyParametersDiffer() {
    #expect(recipe.steps[1].apiCall?.path == "/service/media/action/list")
    #expect(recipe.steps[1].parameters == nil)
    #expect(recipe.steps[2].parameters == [])
  }

  @Test func paramsOnlyStepHasNoCallAndFoldedAliases() throws {
    let step = recipe.steps[3]
    #expect(step.apiCall == nil)
    #expect(step.apiBlockLine == 39)
    let token = try #require(step.parameter(named: "appTokenValue"))
    #expect(token.type == "string")
    #expect(token.consoleDefault == "abc")
    #expect(token.inputType == "textarea")
    #expect(token.hidden)
    #expect(token.raw["consoleDefault"] == nil)
    #expect(token.raw["x-consoleDefault"] == "abc")
  }

  @Test func duplicateBlocksLastWinsWithWarnings() throws {
    let step = recipe.steps[4]
    #expect(step.apiCall?.path == "/service/second/action/two")
    #expect(step.sampleCode.map(\.id) == ["php", "python"])
    #expect(step.sampleCode(id: "php")?.code == "second")
    #expect(step.sampleCode(id: "python")?.isAuto == true)
    #expect(step.demo?.html == "<p>two</p>")
    let duplicates = recipe.warnings.filter { $0.message.contains("the last one wins") }
    #expect(duplicates.map(\.line) == [62, 89, 101])
  }

  @Test func schemaLeafAliasesAndNullDynamicValue() throws {
    let schema = try #require(recipe.steps[4].parameter(named: "body")?.schema)
    let entryId = try #require(schema.property("entryId"))
    #expect(entryId.enumValues == ["1"])
    #expect(entryId.enumLabels == ["One"])
    #expect(entryId.dynamicValue == DynamicValue(fromStep: 3, source: .answer("appTokenValue"), line: 75))
    let filter = try #require(schema.property("filter"))
    #expect(filter.dynamicValue == nil)
    #expect(filter.raw["dynamicValue"] == .null)
  }

  @Test func codeOnlyStepAndFinish() {
    #expect(recipe.steps[5].apiCall == nil)
    #expect(recipe.steps[5].sampleCode.first?.code == "console.log(1)")
    #expect(recipe.finishText == "All done.\n\n### Summary\nRead more.")
  }
}

/// Small recipes written inline, for rules that need no file.
@Suite struct InlineRecipeTests {
  static func recipe(_ body: String) -> Recipe {
    Recipe.parse(text: "<!--METADATA\n{\"summary\": \"s\"}\n-->\n# T\n" + body, file: "inline.md")
  }

  @Test func headingsInsideFencesAreNotSteps() {
    let recipe = Self.recipe("## A\n```bash\n## not a heading\n```\n## B\n")
    #expect(recipe.steps.map(\.title) == ["A", "B"])
  }

  @Test func finishOnlyWhenLast() {
    let recipe = Self.recipe("## Finish\nx\n## Later\n")
    #expect(recipe.steps.map(\.title) == ["Finish", "Later"])
    #expect(recipe.finishText == nil)
  }

  @Test func unknownKeysAreWarningsOnTheirLine() {
    let recipe = Self.recipe(
      "## S\n### API Call\n```json\n{\n  \"method\": \"post\",\n  \"path\": \"/p\",\n  \"verb\": 1\n}\n```\n")
    #expect(recipe.errors == [])
    #expect(recipe.warnings.map(\.line) == [11])
    #expect(recipe.warnings.first?.message == "unknown key 'verb' in the API Call block")
  }

  @Test func wrongTypesAreErrors() {
    let json =
      "{\"method\": \"post\", \"path\": \"/p\", \"parameters\": [{\"name\": 5}, {\"name\": \"ok\", \"hidden\": 3}]}"
    let recipe = Self.recipe("## S\n### API Call\n```json\n\(json)\n```\n")
    #expect(
      recipe.errors.map(\.message) == [
        "parameter 1 needs a 'name' string (found a number)",
        "'hidden' in parameter 'ok' must be true or false, found number",
      ])
    #expect(recipe.steps[0].parameters?.map(\.name) == ["ok"])
  }

  @Test func methodWithoutPathIsAnError() {
    let recipe = Self.recipe("## S\n### API Call\n```json\n{\"method\": \"post\"}\n```\n")
    #expect(recipe.errors.map(\.message) == ["the API Call block has a 'method' but no 'path'"])
    #expect(recipe.errors.map(\.line) == [8])
  }
}

@Suite struct LineEndingAndLookalikeTests {
  @Test func crlfRecipeParsesLikeLF() throws {
    let lf = try Recipe.load(path: TestPaths.uploadRecipe)
    let text = try String(contentsOfFile: TestPaths.uploadRecipe, encoding: .utf8)
    let crlf = Recipe.parse(text: text.replacingOccurrences(of: "\n", with: "\r\n"), file: lf.file)
    #expect(crlf == lf)
  }

  @Test func headingWithoutSpaceIsFlagged() {
    let recipe = InlineRecipeTests.recipe("##Not A Step\n## Real\n")
    #expect(recipe.steps.map(\.title) == ["Real"])
    #expect(recipe.warnings.map(\.line) == [5])
    #expect(recipe.warnings.first?.message.hasPrefix("'##Not A Step' is not a heading") == true)
  }

  @Test func propertyBesidePropertiesIsFlagged() {
    let json = """
      {"method": "post", "path": "/p", "parameters": [{"name": "body", "schema": {"properties": {"user": {
        "properties": {"name": {}},
        "password": {}
      }}}}]}
      """
    let recipe = InlineRecipeTests.recipe("## S\n### API Call\n```json\n\(json)\n```\n")
    #expect(recipe.warnings.map(\.line) == [10])
    #expect(
      recipe.warnings.first?.message
        == "unknown key 'password' in body property 'user' (properties belong inside 'properties'; this one is ignored)"
    )
    #expect(recipe.steps[0].parameter(named: "body")?.schema?.node(atPath: "user.name") != nil)
  }

  @Test func stepKinds() throws {
    let recipe = try TestPaths.loadFixture("structure.md")
    #expect(recipe.steps.map(\.kind) == [.proseOnly, .apiCall, .apiCall, .parametersOnly, .apiCall, .codeOnly])
  }
}
