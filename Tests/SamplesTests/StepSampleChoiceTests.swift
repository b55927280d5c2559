import Foundation
import Samples
import Testing
import Walkthrough

/// One sample by language id (the `code` command, the Code tab's picker) and the file field's
/// chosen path or placeholder.
struct StepSampleChoiceTests {
  static func engine() throws -> WalkthroughEngine {
    WalkthroughEngine(
      recipe: try StepSamplesTests.uploadRecipe(), document: nil, credentials: StepSamplesTests.credentials)
  }

  @Test func languageIDsAreThePanelsIDsWithoutRendering() throws {
    let engine = try Self.engine()
    for step in 0..<5 {
      #expect(
        StepSamples.languageIDs(engine: engine, step: step) == StepSamples.samples(engine: engine, step: step).map(\.id)
      )
    }
    #expect(StepSamples.languageIDs(engine: engine, step: 9).isEmpty)
  }

  @Test func sampleByIDMatchesThePanelAndRefusesUnofferedIDs() throws {
    let engine = try Self.engine()
    let panel = StepSamples.samples(engine: engine, step: 0)
    for entry in panel {
      #expect(StepSamples.sample(id: entry.id, engine: engine, step: 0) == entry, "\(entry.id)")
    }
    #expect(StepSamples.sample(id: "cobol", engine: engine, step: 0) == nil)
    #expect(StepSamples.sample(id: "html", engine: engine, step: 0) == nil)
  }

  @Test func setupAndSecretsOnlyWhenAsked() throws {
    let engine = try Self.engine()
    let bare = try #require(StepSamples.sample(id: "python", engine: engine, step: 0, includeSetup: false)?.code)
    #expect(!bare.contains("session.start"))
    let setup = try #require(StepSamples.sample(id: "python", engine: engine, step: 0)?.code)
    #expect(setup.contains("session.start"))
    #expect(setup.contains("YOUR_KALTURA_SECRET"))
    #expect(!setup.contains("top-secret-admin"))
    let shown = try #require(StepSamples.sample(id: "python", engine: engine, step: 0, showSecrets: true)?.code)
    #expect(shown.contains("top-secret-admin"))
  }

  @Test func theFileFieldShowsTheChosenPathElseAPlaceholderNamingIt() throws {
    var engine = try Self.engine()
    for id in ["curl", "python", "node", "php", "ruby"] {
      let code = try #require(StepSamples.sample(id: id, engine: engine, step: 1)?.code, "\(id)")
      #expect(code.contains("/path/to/your/fileData"), "\(id): \(code)")
    }
    engine.setValue("/home/me/clips/holiday.mp4", step: 1, path: "fileData")
    for id in ["curl", "python", "node", "php", "ruby"] {
      let code = try #require(StepSamples.sample(id: id, engine: engine, step: 1)?.code, "\(id)")
      #expect(code.contains("/home/me/clips/holiday.mp4"), "\(id): \(code)")
      #expect(!code.contains("/path/to/your"), "\(id)")
    }
  }
}
