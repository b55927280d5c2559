import Foundation
import JSONValue
import KalturaWire
import Recipes
import Testing
import Walkthrough

@Suite struct SessionFileTests {
  let ks = KalturaKS.generateV2(adminSecret: "partner-secret", partnerID: 42, type: .admin)

  func sampleEngine() -> WalkthroughEngine {
    let start =
      #"{"method": "post", "path": "/service/session/action/start", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"secret": {"fromSecrets": true}, "userId": {}}}}]}"#
    let get =
      #"{"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"entryId": {}}}}]}"#
    var credentials = testCredentials
    credentials.ks = ks
    var engine = WalkthroughEngine(
      recipe: recipe([("Start", start), ("Get", get)]), document: nil, credentials: credentials)
    engine.setValue("partner-secret", step: 0, path: "body.secret")
    engine.setValue("bob", step: 0, path: "body.userId")
    engine.record(
      Exchange(
        method: "POST", url: "http://h/api_v3/service/session/action/start?format=1",
        requestBody: ["secret": "********"],
        status: 200, reply: .string(ks), replyIsJSON: true, ok: true, milliseconds: 12.34, startedAt: 1_700_000_000),
      step: 0)
    engine.setValue("0_abc", step: 1, path: "body.entryId")
    engine.record(
      Exchange(
        method: "POST", url: "http://h/api_v3/service/media/action/get?ks=\(KalturaKS.mask(ks))&format=1", status: 200,
        reply: ["code": "ENTRY_ID_NOT_FOUND", "message": "nope", "objectType": "KalturaAPIException"],
        replyIsJSON: true,
        ok: false, error: "ENTRY_ID_NOT_FOUND: nope", errorCode: "ENTRY_ID_NOT_FOUND", milliseconds: 3,
        startedAt: 1_700_000_001),
      step: 1)
    return engine
  }

  func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walkthrough-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }

  @Test func savedSessionsHoldNoSecretsAndLoadBack() throws {
    let engine = sampleEngine()
    let identity = RecipeIdentity(path: "test.md", title: "Test recipe", text: "recipe text")
    let path = temporaryPath("s.session.json")
    try SessionFile.save(engine, recipe: identity, to: path)
    let state = try String(contentsOfFile: path, encoding: .utf8)
    let text = state + (try String(contentsOfFile: path + ".log", encoding: .utf8))
    #expect(!text.contains(ks))
    #expect(!text.contains("partner-secret"))
    #expect(!text.contains("s3cr3t-admin"))
    #expect(state.contains("\"formatVersion\": 3"))

    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.recipe == identity)
    #expect(loaded.serviceURL == testCredentials.serviceURL)
    #expect(loaded.partnerID == 42)
    #expect(loaded.ks == nil)
    #expect(loaded.session.steps.count == 2)
    #expect(loaded.session[0].edits["body.userId"] == "bob")
    #expect(loaded.session[0].edits["body.secret"] == nil, "a masked secret is never restored as an answer")
    #expect(loaded.session[1].edits["body.entryId"] == "0_abc")
    let exchange = try #require(loaded.session[1].exchanges.first)
    #expect(!exchange.ok)
    #expect(exchange.status == 200)
    #expect(exchange.errorCode == "ENTRY_ID_NOT_FOUND")
    #expect(exchange.milliseconds == 3)
    #expect(loaded.session[0].exchanges.first?.ok == true)
  }

  @Test func secretsAreSavedOnlyWhenAsked() throws {
    let identity = RecipeIdentity(path: "test.md", title: "T", sha256: "x")
    let path = temporaryPath("secret.session.json")
    try SessionFile.save(sampleEngine(), recipe: identity, to: path, includeSecrets: true)
    let loaded = try SessionFile.load(path: path)
    #expect(loaded.ks == ks)
    #expect(loaded.adminSecret == "s3cr3t-admin")
    #expect(loaded.session[0].edits["body.secret"] == "partner-secret")
    #expect(loaded.session[0].exchanges.first?.reply == .string(ks))
  }

  @Test func aChangedRecipeLoadsWithAWarning() throws {
    let path = temporaryPath("changed.session.json")
    try SessionFile.save(sampleEngine(), recipe: RecipeIdentity(path: "r.md", title: "T", text: "v1"), to: path)
    let loaded = try SessionFile.load(path: path, currentRecipe: RecipeIdentity(path: "r.md", title: "T", text: "v2"))
    #expect(loaded.warnings.count == 1)
    #expect(loaded.warnings[0].contains("changed"))
    #expect(loaded.session[1].edits["body.entryId"] == "0_abc")
  }

  @Test func aCrashDuringSaveLeavesTheOldFileWhole() throws {
    let path = temporaryPath("atomic.session.json")
    try AtomicFile.write(Array("old contents".utf8), to: path)
    struct Crash: Error {}
    #expect(throws: Crash.self) {
      try AtomicFile.write(Array("new contents".utf8), to: path) { throw Crash() }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
    let directory = (path as NSString).deletingLastPathComponent
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
    try AtomicFile.write(Array("new contents".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new contents")
  }

  @Test func badFilesAreRejectedClearly() throws {
    let path = temporaryPath("bad.json")
    try AtomicFile.write(Array("{\"steps\": []}".utf8), to: path)
    #expect(throws: SessionFileError.self) { try SessionFile.load(path: path) }
    #expect(throws: SessionFileError.self) { try SessionFile.load(path: path + ".missing") }
  }
}
