import Foundation
import JSONValue
import Testing
import Walkthrough

@testable import Samples

/// The language-neutral model of `recipe-console export` and what each template makes of it.
struct WorkflowScriptTests {
  static func engine() throws -> WalkthroughEngine {
    WalkthroughEngine(
      recipe: try StepSamplesTests.uploadRecipe(), document: nil, credentials: StepSamplesTests.credentials)
  }

  @Test func linkedFieldsReadEarlierRepliesAndTheUploadIsChunked() throws {
    let script = WorkflowScript(engine: try Self.engine())
    #expect(script.steps.map(\.index) == [0, 1, 2, 3, 4])
    #expect(script.steps.map(\.isChunkedUpload) == [false, true, false, false, false])
    let upload = script.steps[1]
    #expect(upload.file?.key == "fileData")
    #expect(upload.file?.path == nil)
    let keys = upload.fields.map(\.key)
    #expect(!keys.contains("resume") && !keys.contains("finalChunk") && !keys.contains("resumeAt"), "\(keys)")
    #expect(upload.fields.first { $0.key == "uploadTokenId" }?.value == .link(fromStep: 0, path: "id"))
    let attach = script.steps[3]
    #expect(attach.fields.first { $0.key == "resource[token]" }?.value == .link(fromStep: 0, path: "id"))
    #expect(attach.fields.first { $0.key == "entryId" }?.value == .link(fromStep: 2, path: "id"))
    #expect(
      attach.fields.first { $0.key == "resource[objectType]" }?.value == .literal("KalturaUploadedFileTokenResource"))
  }

  @Test func theWalksValuesAreWrittenInButAUsersOwnValueWinsOverTheLink() throws {
    var engine = try Self.engine()
    engine.setValue("/home/me/clips/holiday.mp4", step: 1, path: "fileData")
    try engine.setInput("Holiday", step: 2, path: "body.entry.name")
    engine.setValue("0_mine", step: 4, path: "body.entryId")
    let script = WorkflowScript(engine: engine)
    #expect(script.steps[1].file?.path == "/home/me/clips/holiday.mp4")
    #expect(script.steps[2].fields.first { $0.key == "entry[name]" }?.value == .literal("Holiday"))
    // Step 3 has not run, so the link has nothing to differ from: the typed id is the user's.
    #expect(script.steps[4].fields.first { $0.key == "entryId" }?.value == .literal("0_mine"))
  }

  @Test func everyLanguageNamesTheCredentialsVariablesAndNoSecret() throws {
    let script = WorkflowScript(engine: try Self.engine())
    for language in WorkflowScript.languages {
      let text = try #require(script.render(language: language), "\(language)")
      for variable in ["KALTURA_SERVICE_URL", "KALTURA_PARTNER_ID", "KALTURA_ADMIN_SECRET", "KALTURA_KS", "CHUNK_SIZE"]
      {
        #expect(text.contains(variable), "\(language) reads \(variable)")
      }
      #expect(!text.contains("top-secret-admin"), "\(language) carries the admin secret")
      #expect(!text.contains("SECRETKS"), "\(language) carries the KS")
      #expect(text.contains("/path/to/your/fileData"), "\(language) names the file placeholder")
      #expect(text.contains("== Step 5: "), "\(language)")
    }
    #expect(script.render(language: "php") == nil)
  }

  @Test func fieldsWithoutAValueAreNamedNotSent() throws {
    let script = WorkflowScript(engine: try Self.engine())
    let add = script.steps[2]
    #expect(add.unanswered == ["entry[mediaType]", "entry[name]", "entry[description]"])
    #expect(add.fields.allSatisfy { !$0.key.hasPrefix("entry[") || $0.key == "entry[objectType]" })
    let curl = try #require(script.render(language: "curl"))
    let note = "# Not sent, the walk has no value for them: entry[mediaType], entry[name], entry[description]"
    #expect(curl.contains(note))
    #expect(script.steps[0].unanswered.isEmpty)
  }

  @Test(.enabled(if: SampleGoldenTests.sharedPresent, "needs ../shared/data for the recipes"))
  func credentialFieldsReadTheEnvironmentAndNoSecretIsWrittenIn() throws {
    let path = SampleGoldenTests.shared.appendingPathComponent("recipes/ovp-authentication.md").path
    var engine = try SampleGoldenTests.engine(recipe: path)
    engine.credentials = StepSamplesTests.credentials
    let start = try #require(WorkflowScript(engine: engine).steps.first)
    #expect(start.service == "session" && start.action == "start")
    func value(_ key: String) -> WorkflowValue? { start.fields.first { $0.key == key }?.value }
    #expect(value("secret") == .environment(variable: "KALTURA_ADMIN_SECRET", fallback: ""))
    #expect(value("partnerId") == .environment(variable: "KALTURA_PARTNER_ID", fallback: "4242"))
    #expect(value("userId") == .environment(variable: "KALTURA_USER_ID", fallback: "user@example.com"))
    let script = WorkflowScript(engine: engine)
    for language in WorkflowScript.languages {
      let text = try #require(script.render(language: language), "\(language)")
      #expect(!text.contains("top-secret-admin") && !text.contains("YOUR_SECRET"), "\(language)")
    }
    #expect(
      script.render(language: "curl")?.contains(#"--form-string 'secret='"$(env_or KALTURA_ADMIN_SECRET '')""#) == true)
    #expect(
      script.render(language: "python")?.contains(#""partnerId": os.environ.get("KALTURA_PARTNER_ID") or "4242""#)
        == true)
    #expect(
      script.render(language: "node")?.contains(#""userId": process.env["KALTURA_USER_ID"] || "user@example.com""#)
        == true)
  }

  @Test(.enabled(if: SampleGoldenTests.sharedPresent, "needs ../shared/data for the recipes"))
  func aPasswordIsReadFromTheEnvironmentNeverWrittenIn() throws {
    let path = SampleGoldenTests.shared.appendingPathComponent("recipes/ovp-authentication.md").path
    var engine = try SampleGoldenTests.engine(recipe: path)
    engine.credentials = StepSamplesTests.credentials
    let login = try #require(engine.forms.firstIndex { $0.title.contains("Login ID") })
    try engine.setInput("hunter2-typed", step: login, path: "body.password")
    let script = WorkflowScript(engine: engine)
    let step = try #require(script.steps.first { $0.action == "loginByLoginId" })
    #expect(
      step.fields.first { $0.key == "password" }?.value == .environment(variable: "KALTURA_PASSWORD", fallback: ""))
    #expect(script.secretVariables == ["KALTURA_PASSWORD"])
    for language in WorkflowScript.languages {
      let text = try #require(script.render(language: language), "\(language)")
      #expect(!text.contains("hunter2-typed"), "\(language) carries the typed password")
      #expect(text.contains("Secrets the steps send are read from KALTURA_PASSWORD"), "\(language) names it")
    }
    #expect(
      script.render(language: "curl")?.contains(#"'password='"$(env_or KALTURA_PASSWORD '')""#) == true)
    #expect(WorkflowScript.secretVariable("user[password]") == "KALTURA_USER_PASSWORD")
  }

  @Test func linkPathsIndexArraysAndQuoteNames() {
    let described = WorkflowScript.describe(.link(fromStep: 1, path: "objects.0.id"))
    #expect(described["subscripts"] as? String == #"["objects"][0]["id"]"#)
    #expect(described["jqPathShell"] as? String == #"'.["objects"][0]["id"]'"#)
    #expect(described["fromVariable"] as? String == "step2")
  }
}
