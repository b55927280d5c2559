import Foundation
import JSONValue
import Testing

@Suite("recipe-console code: one step's sample from a recipe or a walked session", .serialized)
struct CodeCommandEndToEndTests {
  @Test("a walked session's sample carries its file and the ids of earlier replies; secrets only when asked")
  func sessionValues() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    let session = harness.directory + "/walk.session.json"
    let file = try harness.makeFile(name: "holiday clip.mp4", size: 20_000, seed: 7)
    let walked = try await harness.run(
      [
        "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
        "--admin-secret", RunHarness.adminSecret, "--file", file.path, "--set", "3.entry.mediaType=1", "--set",
        "3.entry.name=Holiday", "--save", session, "--json",
      ], name: "walk")
    await sandbox.stop()
    #expect(walked.status == 0, "stderr: \(walked.stderr)")
    let lines = try walked.jsonLines()
    let token = try #require(lines.first?["reply"]?["id"]?.stringValue)
    let entry = try #require(lines.dropFirst(2).first?["reply"]?["id"]?.stringValue)

    let curl = try await harness.run(["code", session, "--step", "2", "--lang", "curl"], name: "curl")
    #expect(curl.status == 0, "stderr: \(curl.stderr)")
    #expect(curl.stdout.contains("\"fileData=@\"'\(file.path)'"), "\(curl.stdout)")
    #expect(curl.stdout.contains("'uploadTokenId=\(token)'"), "\(curl.stdout)")
    #expect(curl.stdout.contains(sandbox.baseURL + "/service/uploadtoken/action/upload"))

    let python = try await harness.run(["code", session, "--step", "4", "--lang", "python"], name: "python")
    #expect(python.status == 0, "stderr: \(python.stderr)")
    #expect(python.stdout.contains("\"\(token)\""), "\(python.stdout)")
    #expect(python.stdout.contains("\"\(entry)\""), "\(python.stdout)")
    #expect(!python.stdout.contains("client.session.start"), "no --setup: no session part")

    var withSecret = harness
    withSecret.extraEnvironment["KALTURA_ADMIN_SECRET"] = RunHarness.adminSecret
    let masked = try await withSecret.run(
      ["code", session, "--step", "3", "--lang", "php", "--setup"], name: "masked")
    #expect(masked.status == 0, "stderr: \(masked.stderr)")
    #expect(masked.stdout.contains("YOUR_KALTURA_SECRET"))
    #expect(!masked.stdout.contains(RunHarness.adminSecret))
    #expect(masked.stdout.contains("Holiday"))
    let shown = try await withSecret.run(
      ["code", session, "--step", "3", "--lang", "php", "--setup", "--show-secrets"], name: "shown")
    #expect(shown.status == 0, "stderr: \(shown.stderr)")
    #expect(shown.stdout.contains(RunHarness.adminSecret))
  }

  @Test("a recipe alone: the file field names its placeholder; the recipe's own snippet is offered by its id")
  func recipeDefaults() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let node = try await harness.run(["code", RunHarness.uploadRecipe, "--step", "2", "--lang", "node"], name: "node")
    #expect(node.status == 0, "stderr: \(node.stderr)")
    #expect(node.stdout.contains("/path/to/your/fileData"), "\(node.stdout)")
    let ajax = try await harness.run(["code", RunHarness.uploadRecipe, "--step", "1", "--lang", "ajax"], name: "ajax")
    #expect(ajax.status == 0)
    #expect(ajax.stdout.contains("fileupload({"), "the recipe's hand-written ajax snippet")
  }

  @Test(
    "bad --step or --lang: exit 2 and a message listing what is valid",
    arguments: [
      (["--step", "9", "--lang", "curl"], "--step 9: the recipe has steps 1-5"),
      (["--step", "0", "--lang", "curl"], "--step 0: the recipe has steps 1-5"),
      (["--step", "2", "--lang", "cobol"], "--lang cobol: step 2 offers"),
    ])
  func usageErrors(extra: [String], message: String) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["code", RunHarness.uploadRecipe] + extra, name: "bad")
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    if extra.contains("cobol") {
      for language in ["curl", "php53", "python", "swift", "javascript"] {
        #expect(result.stderr.contains(language), "\(language) is listed")
      }
    }
  }

  @Test("a session file that does not exist: exit 2 naming it")
  func missingSession() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let absent = harness.directory + "/absent.session.json"
    let result = try await harness.run(["code", absent, "--step", "1", "--lang", "curl"], name: "absent")
    #expect(result.status == 2)
    #expect(result.stderr.contains(absent), "\(result.stderr)")
  }
}
