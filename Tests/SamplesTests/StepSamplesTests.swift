import APISchema
import Foundation
import JSONValue
import Recipes
import Samples
import Testing
import Walkthrough

/// Sample code for the steps of a walk, from the repository's upload recipe.
struct StepSamplesTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func uploadRecipe() throws -> Recipe {
    let path = repository.appendingPathComponent("recipes/upload.md").path
    let data = try #require(FileManager.default.contents(atPath: path))
    return Recipe.parse(bytes: [UInt8](data), file: path)
  }

  static let credentials = ServiceCredentials(
    serviceURL: "https://www.kaltura.com", partnerID: 4242, ks: "djJ8NDI0MnxTECRETKS", adminSecret: "top-secret-admin",
    userID: nil)

  @Test func uploadStepsOfferTheRecipeSnippetsInPanelOrder() throws {
    let engine = WalkthroughEngine(recipe: try Self.uploadRecipe(), document: nil, credentials: Self.credentials)
    let samples = StepSamples.samples(engine: engine, step: 0)
    let recipeIDs = engine.recipe.steps[0].sampleCode.map(\.id).filter { StepSamples.offeredIDs.contains($0) }
    #expect(Array(samples.map(\.id).prefix(recipeIDs.count)) == recipeIDs)
    // The languages the recipe has no snippet for follow, generated.
    #expect(Set(samples.map(\.id)) == Set(recipeIDs + SampleCodeGenerator.languages))
    let ajax = try #require(samples.first { $0.id == "ajax" })
    #expect(!ajax.isGenerated)
    #expect(ajax.code?.contains("fileupload") == true)
    let node = try #require(samples.first { $0.id == "node" })
    #expect(node.isGenerated)
    #expect(node.code?.lowercased().contains("services.uploadtoken.add(") == true)
  }

  @Test func generatedCodeCarriesTheCurrentValuesButNoSecret() throws {
    var engine = WalkthroughEngine(recipe: try Self.uploadRecipe(), document: nil, credentials: Self.credentials)
    try engine.setInput("Holiday clip", step: 2, path: "body.entry.name")
    let request = try #require(StepSamples.request(engine: engine, step: 2))
    #expect(request.service == "media")
    #expect(request.action == "add")
    #expect(request.partnerID == 4242)
    let entry = try #require(request.parameters.first { $0.name == "entry" })
    #expect(entry.value["name"] == "Holiday clip")
    for sample in StepSamples.samples(engine: engine, step: 2) {
      let code = sample.code ?? ""
      #expect(!code.contains("top-secret-admin"), "\(sample.id) leaks the admin secret")
      #expect(!code.contains("SECRETKS"), "\(sample.id) leaks the KS")
    }
    #expect(StepSamples.samples(engine: engine, step: 2).contains { $0.code?.contains("Holiday clip") == true })
  }

  @Test func templateContextFlattensBodyFieldsAndHidesSecretsUnlessAsked() throws {
    var engine = WalkthroughEngine(recipe: try Self.uploadRecipe(), document: nil, credentials: Self.credentials)
    engine.setValue("0_abc", step: 4, path: "body.entryId")
    let context = StepSamples.context(engine: engine, step: 4)
    #expect(context.answers["entryId"] == "0_abc")
    #expect(context.answers["partnerId"] == 4242)
    #expect(context.answers["ks"] == "YOUR_KS")
    let withSecrets = StepSamples.context(engine: engine, step: 4, includeSecrets: true)
    #expect(withSecrets.answers["ks"] == "djJ8NDI0MnxTECRETKS")
  }

  @Test func repliesOfEarlierStepsReachTemplatesAsResults() throws {
    var engine = WalkthroughEngine(recipe: try Self.uploadRecipe(), document: nil, credentials: Self.credentials)
    engine.record(Exchange(method: "POST", url: "u", reply: ["id": "0_tok"], replyIsJSON: true, ok: true), step: 0)
    let context = StepSamples.context(engine: engine, step: 1)
    #expect(context.results.first??["id"] == "0_tok")
    #expect(context.result == nil)
  }

  static var sharedSpecPath: String {
    repository.deletingLastPathComponent().appendingPathComponent("shared/data/ovp.openapi.json").path
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedSpecPath), "needs ../shared/data"))
  func bodyObjectsGetTheirKalturaClassFromTheSpec() throws {
    let data = try #require(FileManager.default.contents(atPath: Self.sharedSpecPath))
    let document = try APIDocument(bytes: [UInt8](data))
    var engine = WalkthroughEngine(recipe: try Self.uploadRecipe(), document: document, credentials: Self.credentials)
    try engine.setInput("1", step: 2, path: "body.entry.mediaType")
    let request = try #require(StepSamples.request(engine: engine, step: 2))
    #expect(request.parameters.first { $0.name == "entry" }?.className == "KalturaMediaEntry")
    let php = try #require(SampleCodeGenerator.generate(language: "php", request: request))
    #expect(php.contains("new KalturaMediaEntry()"))
  }

  @Test func stepsWithoutCallOrSnippetsHaveNoSamples() throws {
    let recipe = Recipe.parse(text: "# T\n\nIntro.\n\n## Read this\nJust prose.\n", file: "t.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: Self.credentials)
    #expect(StepSamples.samples(engine: engine, step: 0).isEmpty)
    #expect(StepSamples.request(engine: engine, step: 0) == nil)
  }
}
