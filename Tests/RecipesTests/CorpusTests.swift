import Recipes
import Testing

/// The twelve reference recipes beside the repo (recipe-format.md §7); skipped without them.
@Suite(.enabled(if: TestPaths.hasSharedRecipes, "../shared/data/recipes is not present"))
struct CorpusTests {
  static let expected: [(file: String, steps: Int, apiCalls: Int, finish: Bool)] = [
    ("ott-authentication", 2, 2, true), ("ott-get_asset_data", 1, 1, false), ("ovp-analytics", 2, 2, false),
    ("ovp-app_tokens", 5, 4, false), ("ovp-authentication", 4, 4, false), ("ovp-captions", 6, 6, false),
    ("ovp-code_cue_points", 5, 5, false), ("ovp-dynamic_thumbnails", 2, 2, false),
    ("ovp-iterate_entries", 2, 2, false), ("ovp-metadata", 5, 5, false), ("ovp-player_uiconf", 2, 2, false),
    ("ovp-video_search", 4, 3, true),
  ]

  static func load(_ name: String) throws -> Recipe {
    try Recipe.load(path: "\(TestPaths.sharedRecipes)/\(name).md")
  }

  @Test(arguments: expected.map(\.file))
  func loadsWithoutErrorsAndRightCounts(file: String) throws {
    let recipe = try Self.load(file)
    let want = try #require(Self.expected.first { $0.file == file })
    #expect(recipe.errors == [])
    #expect(!recipe.title.isEmpty)
    #expect(recipe.summary != nil)
    #expect(recipe.steps.count == want.steps)
    #expect(recipe.apiCallCount == want.apiCalls)
    #expect((recipe.finishText != nil) == want.finish)
  }

  @Test func videoSearchProseStepAndStaleLinks() throws {
    let recipe = try Self.load("ovp-video_search")
    #expect(recipe.steps[0].title == "Search Operators in the media.list API:")
    #expect(recipe.steps[0].apiCall == nil)
    #expect(recipe.steps[0].apiBlockLine == nil)
    #expect(recipe.steps[0].parameters == nil)
    #expect(recipe.steps[3].sampleCode.map(\.id) == ["html"])
    // §1.4: fromStep 0 in step 3 points at the prose step; a warning, not an error.
    let stale = recipe.warnings.filter { $0.message.contains("fromStep 0") }
    #expect(stale.map(\.line) == [164, 171, 181, 229])
    #expect(stale.allSatisfy { $0.message.contains("has no input 'body.filter.") })
    #expect(recipe.finishText?.isEmpty == false)
  }

  @Test func appTokensAbsentParametersAndParamsOnlyStep() throws {
    let recipe = try Self.load("ovp-app_tokens")
    #expect(recipe.steps[0].parameters == nil)
    #expect(recipe.steps[0].apiCall?.ignoreParameters == ["format"])
    #expect(recipe.steps[1].parameters == nil)
    let paramsOnly = recipe.steps[3]
    #expect(paramsOnly.apiCall == nil)
    #expect(paramsOnly.apiBlockLine != nil)
    #expect(paramsOnly.parameters != nil)
    #expect(recipe.steps.contains { !$0.sampleCode.filter { $0.id == "node" }.isEmpty })
  }

  @Test func authenticationFromSecrets() throws {
    let recipe = try Self.load("ovp-authentication")
    let schema = try #require(recipe.steps[0].parameter(named: "body")?.schema)
    let secretFields = (schema.properties ?? []).filter(\.node.fromSecrets).map(\.name)
    #expect(secretFields.contains("secret"))
    #expect(secretFields.contains("partnerId"))
  }

  @Test func allDynamicValuesResolveToAStep() throws {
    var links = 0
    for entry in Self.expected {
      let recipe = try Self.load(entry.file)
      for step in recipe.steps {
        for parameter in step.parameters ?? [] {
          var nodes = parameter.schema.map { [$0] } ?? []
          if let link = parameter.dynamicValue {
            links += 1
            #expect(link.fromStep >= 0 && link.fromStep < step.index, "\(entry.file) step \(step.index)")
          }
          while let node = nodes.popLast() {
            nodes += (node.properties ?? []).map(\.node)
            if let link = node.dynamicValue {
              links += 1
              #expect(link.fromStep >= 0 && link.fromStep < step.index, "\(entry.file) step \(step.index)")
            }
          }
        }
      }
    }
    #expect(links > 20)
  }
}
