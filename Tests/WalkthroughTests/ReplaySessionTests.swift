import Foundation
import JSONValue
import Testing

@testable import Walkthrough

/// Opening sessions for replay and viewing: bad files, finding the recipe, which answers are sent.
@Suite struct ReplaySessionTests {
  func write(_ text: String, in workspace: ReplayWorkspace, name: String = "bad.json") throws -> String {
    let path = workspace.path(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func openError(_ text: String) throws -> SessionReplayError? {
    let workspace = try ReplayWorkspace()
    defer { workspace.remove() }
    let path = try write(text, in: workspace)
    do {
      _ = try SessionReplay.open(path: path)
      return nil
    } catch {
      #expect(error.path == path)
      return error
    }
  }

  @Test func badSessionFilesNameTheLineOrTheField() throws {
    #expect(
      try openError("{\n  \"formatVersion\": 1,\n  oops\n}")?.message.hasPrefix("not valid JSON: line 3, column 3")
        == true)
    #expect(try openError("[]")?.message == "field `(document)`: expected a JSON object")
    #expect(
      try openError(#"{"recipe": {"path": "x.md"}, "steps": []}"#)?.message
        == "field `formatVersion`: expected an integer")
    #expect(
      try openError(#"{"formatVersion": 1, "recipe": {"title": "x"}, "steps": []}"#)?.message
        == "field `recipe.path`: expected the recipe's file path (a non-empty string)")
    #expect(
      try openError(
        #"{"formatVersion": 1, "recipe": {"path": "x.md"}, "steps": [{"answers": {}, "#
          + #""exchanges": [{"request": {"method": "POST", "url": "u"}}]}]}"#
      )?.message == "field `steps.0.exchanges.0.ok`: expected true or false")
    #expect(
      try openError(#"{"formatVersion": 1, "recipe": {"path": "x.md"}, "steps": [{"answers": []}]}"#)?.message
        == "field `steps.0.answers`: expected an object of field path → value")
    #expect(
      try openError(#"{"formatVersion": 9, "recipe": {"path": "x.md"}, "steps": []}"#)?.message.contains("newer")
        == true)
  }

  @Test func aMissingRecipeNamesTheRecordedPath() throws {
    let error = try openError(#"{"formatVersion": 1, "recipe": {"path": "nowhere/upload.md"}, "steps": []}"#)
    let message = try #require(error?.message)
    #expect(message.contains("the recorded recipe nowhere/upload.md was not found"))
    #expect(message.contains("--recipe PATH"))
  }

  @Test func theRecipeIsFoundBesideTheSessionAndAChangeWarns() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let copy = recording.workspace.path("recipes/upload.md")
    try FileManager.default.createDirectory(
      atPath: recording.workspace.path("recipes"), withIntermediateDirectories: true)
    try (String(contentsOfFile: ReplayWorkspace.uploadRecipePath, encoding: .utf8) + "\nChanged.\n")
      .write(toFile: copy, atomically: true, encoding: .utf8)
    try recording.workspace.editSession("recipe.path", to: "recipes/upload.md")
    let replay = try SessionReplay.open(path: recording.sessionPath, workingDirectory: "/nonexistent")
    #expect(replay.recipe.file == copy)
    #expect(replay.warnings.count == 1)
    #expect(replay.warnings.first?.contains("changed since this session was saved") == true)
    #expect(replay.recipeIdentity.path == "recipes/upload.md")

    let overridden = try SessionReplay.open(path: recording.sessionPath, recipePath: ReplayWorkspace.uploadRecipePath)
    #expect(overridden.recipe.file == ReplayWorkspace.uploadRecipePath)
    #expect(overridden.warnings.isEmpty)
  }

  @Test func viewingShowsEveryRecordedExchangeOffline() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    let replay = try recording.open()
    #expect(replay.recordedSteps == [0, 1, 2, 3, 4])
    #expect(replay.recordedExchanges.map(\.count) == [1, 1, 1, 1, 1])
    let engine = replay.viewingEngine()
    #expect(engine.session[2].lastSuccessfulReply?["id"] == "a_entry")
    #expect(engine.values(2)["body.entry.name"]?.value == "Demo")
    #expect(engine.credentials.ks == nil)
  }

  @Test func linkEchoesAndMaskedSecretsAreNotReplayed() async throws {
    let recording = try await RecordedUpload.make()
    defer { recording.workspace.remove() }
    try recording.workspace.editSession("steps.1.answers.uploadTokenId", to: "a_tok")
    try recording.workspace.editSession("steps.4.answers.entryId", to: "0_typed")
    try recording.workspace.editSession("steps.0.answers.ks", to: .string(Redaction.maskKS(testCredentials.ks!)))
    let engine = try recording.open().replayEngine(document: nil, credentials: testCredentials)
    #expect(engine.session[1].edits["uploadTokenId"] == nil, "the recorded link value follows the new token")
    #expect(engine.session[1].edits["fileData"] == .string(recording.moviePath))
    #expect(engine.session[4].edits["entryId"] == "0_typed", "a value the user typed over the link stays")
    #expect(engine.session[0].edits["ks"] == nil)
    #expect(engine.session.steps.allSatisfy { $0.exchanges.isEmpty })
  }

  @Test func stepRangesParse() throws {
    #expect(try StepRangeText.parse("2-4") == 2...4)
    #expect(try StepRangeText.parse("3") == 3...3)
    for bad in ["0-2", "4-2", "a", "1-2-3", "", "-1"] {
      #expect(throws: SessionReplayError.self) { try StepRangeText.parse(bad) }
    }
  }

  @Test func sessionsCompareEqualWhateverTheKS() {
    let ks = testCredentials.ks!
    let recorded = Exchange(method: "POST", url: "u", reply: .string(Redaction.maskKS(ks)), ok: true)
    let new = Exchange(method: "POST", url: "u", reply: .string(ks + "AAAA"), ok: true)
    #expect(ReplyComparison.differences(recorded: recorded, new: new, ignoring: .standard()).isEmpty)
    let changed = Exchange(method: "POST", url: "u", reply: "plain", ok: true)
    #expect(ReplyComparison.differences(recorded: recorded, new: changed, ignoring: .standard()).count == 1)
  }

  @Test func renderingShowsVerdictAndDifferences() {
    let outcome = ReplayStepOutcome(
      number: 3, title: "Create", request: "POST /service/media/action/add", succeeded: true,
      differences: [ReplyDifference(path: "mediaType", recorded: 2, new: 1)], milliseconds: 12.4)
    let result = ReplayStepResult(
      outcome: outcome, step: 2, recorded: nil,
      new: Exchange(
        method: "POST", url: "http://h/api_v3/service/media/action/add?ks=\(testCredentials.ks!)", status: 200,
        reply: ["mediaType": 1, "ks": .string(testCredentials.ks!)], ok: true))
    #expect(
      ReplayRendering.text(result)
        == "DIFFERENT step 3: Create (POST /service/media/action/add, 12 ms)\n    mediaType: 2 → 1")
    let json = ReplayRendering.json(result)
    #expect(json["result"] == "different")
    #expect(json["matched"] == false)
    #expect(json["differences"] == [["path": "mediaType", "recorded": 2, "new": 1]])
    #expect(!json.compactText.contains(testCredentials.ks!))
    #expect(ReplayRendering.summary([outcome]) == "replayed 1 step: 0 ok, 1 different, 0 failed, 0 skipped")
  }
}
