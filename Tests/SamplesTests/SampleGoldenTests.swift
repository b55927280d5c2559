import APISchema
import Foundation
import JSONValue
import Recipes
import Samples
import Testing
import Walkthrough

/// Every language's generated code for real recipe steps, compared with the files under
/// `Goldens/` (RECORD_GOLDENS=1 rewrites them; review the diff before committing).
struct SampleGoldenTests {
  static let repository = StepSamplesTests.repository
  static let goldens = repository.appendingPathComponent("Tests/SamplesTests/Goldens")
  static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
  static var sharedPresent: Bool { FileManager.default.fileExists(atPath: StepSamplesTests.sharedSpecPath) }

  static func engine(recipe path: String) throws -> WalkthroughEngine {
    let data = try #require(FileManager.default.contents(atPath: path))
    let spec = try #require(FileManager.default.contents(atPath: StepSamplesTests.sharedSpecPath))
    return WalkthroughEngine(
      recipe: Recipe.parse(bytes: [UInt8](data), file: path), document: try APIDocument(bytes: [UInt8](spec)),
      credentials: StepSamplesTests.credentials)
  }

  /// Renders `step` in every language and checks each against `Goldens/NAME.LANG.golden`.
  static func check(_ engine: WalkthroughEngine, step: Int, name: String) throws {
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    #expect(SampleCodeGenerator.languages.count >= 13)
    for language in SampleCodeGenerator.languages {
      let sample = StepSamples.generated(id: language, engine: engine, step: step)
      let code = try #require(sample.code, "\(name) \(language): \(sample.error ?? "")")
      let file = goldens.appendingPathComponent("\(name).\(language).golden")
      if record {
        try FileManager.default.createDirectory(at: goldens, withIntermediateDirectories: true)
        try (code + "\n").write(to: file, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try #require(
        try? String(contentsOf: file, encoding: .utf8), "no golden \(file.lastPathComponent)")
      #expect(code + "\n" == expected, "\(file.lastPathComponent) differs")
    }
  }

  @Test(.enabled(if: sharedPresent, "needs ../shared/data for the spec"))
  func uploadRecipeStepsInEveryLanguage() throws {
    var engine = try Self.engine(recipe: Self.repository.appendingPathComponent("recipes/upload.md").path)
    engine.setValue("0_tok123", step: 1, path: "uploadTokenId")
    engine.setValue("/home/me/clips/holiday.mp4", step: 1, path: "fileData")
    try engine.setInput("Holiday \"clip\"", step: 2, path: "body.entry.name")
    try engine.setInput("1", step: 2, path: "body.entry.mediaType")
    engine.setValue("0_entry1", step: 3, path: "entryId")
    for step in 0..<5 { try Self.check(engine, step: step, name: "upload-step\(step)") }
  }

  @Test(.enabled(if: sharedPresent, "needs ../shared/data for the recipes"))
  func sharedRecipeStepsInEveryLanguage() throws {
    // Nested objects, enums and a chosen subclass (search), a plugin service (metadata),
    // a file upload into a plugin's asset (captions).
    let recipes = Self.shared.appendingPathComponent("recipes")
    let search = try Self.engine(recipe: recipes.appendingPathComponent("ovp-video_search.md").path)
    try Self.check(search, step: 1, name: "video_search-step1")
    try Self.check(search, step: 2, name: "video_search-step2")
    let metadata = try Self.engine(recipe: recipes.appendingPathComponent("ovp-metadata.md").path)
    try Self.check(metadata, step: 0, name: "metadata-step0")
    var captions = try Self.engine(recipe: recipes.appendingPathComponent("ovp-captions.md").path)
    captions.setValue("/tmp/subs.srt", step: 2, path: "fileData")
    try Self.check(captions, step: 2, name: "captions-step2")
    try Self.check(captions, step: 3, name: "captions-step3")
  }

  @Test func secretsAreShownOnlyWhenAsked() throws {
    let engine = WalkthroughEngine(
      recipe: try StepSamplesTests.uploadRecipe(), document: nil, credentials: StepSamplesTests.credentials)
    let hidden = try #require(StepSamples.generated(id: "python", engine: engine, step: 0).code)
    #expect(!hidden.contains("top-secret-admin"))
    #expect(hidden.contains("YOUR_KALTURA_SECRET"))
    let shown = try #require(StepSamples.generated(id: "python", engine: engine, step: 0, showSecrets: true).code)
    #expect(shown.contains("\"top-secret-admin\""))
  }

  @Test func setupPartIsOptional() throws {
    let engine = WalkthroughEngine(
      recipe: try StepSamplesTests.uploadRecipe(), document: nil, credentials: StepSamplesTests.credentials)
    for language in SampleCodeGenerator.languages {
      let full = try #require(StepSamples.generated(id: language, engine: engine, step: 0).code)
      let bare = try #require(StepSamples.generated(id: language, engine: engine, step: 0, includeSetup: false).code)
      #expect(!bare.contains("YOUR_KALTURA_SECRET"), "\(language) without setup still starts a session")
      #expect(full.count > bare.count, "\(language)")
    }
  }
}
