import Foundation
import JSONValue
import KalturaWire
import Testing

private func expectNoSecret(_ texts: [String], _ label: String) {
  for text in texts {
    #expect(!text.contains(RunHarness.adminSecret), "\(label) shows the admin secret")
    #expect(!RunHarness.containsUnmaskedKS(text), "\(label) shows an unmasked KS")
  }
}

@Suite("recipe-console run: exit codes, --json, no secrets", .serialized)
struct RunCommandEndToEndTests {
  @Test("success: exit 0, every --json line parses with the documented members, no secret anywhere")
  func successJSONAndSecrets() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    do {
      let file = try harness.makeFile(name: "small.mp4", size: 70_000, seed: 1)
      let session = harness.directory + "/small.session.json"
      let result = try await harness.run(
        [
          "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
          "--admin-secret", RunHarness.adminSecret, "--file", file.path, "--set", "3.entry.mediaType=1", "--set",
          "3.entry.name=Small", "--save", session, "--json",
        ], name: "ok")
      #expect(result.status == 0, "stderr: \(result.stderr)")
      let lines = try result.jsonLines()
      #expect(lines.map { $0["step"]?.intValue } == [1, 2, 3, 4, 5])
      for line in lines {
        for key in ["step", "title", "request", "ok", "status", "reply", "error", "ms"] {
          #expect(line[key] != nil, "member \(key) missing in \(line.compactText)")
        }
        #expect(line["request"]?["method"]?.stringValue == "POST")
      }
      // One chunk or less: sent in one request as the recipe says, not through the uploader.
      #expect(lines[1]["upload"] == nil)
      #expect(lines[1]["reply"]?["uploadedFileSize"]?.intValue == 70_000)
      let saved = try RunHarness.sessionText(session)
      expectNoSecret([result.stdout, result.stderr, saved], "run --json")
      #expect(try RunHarness.sessionDocument(session)["steps"]?.arrayValue?.count == 5)

      let text = try await harness.run(
        [
          "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
          "--admin-secret", RunHarness.adminSecret, "--file", file.path, "--set", "3.entry.mediaType=1", "--steps",
          "1-2", "--progress=always", "--chunk-size", "16KiB", "--parallel", "2-3",
        ], name: "text")
      #expect(text.status == 0, "stderr: \(text.stderr)")
      #expect(text.stdout.contains("== Step 2: "))
      #expect(text.stdout.contains("set by the uploader"))
      #expect(text.stderr.contains("100%"))
      expectNoSecret([text.stdout, text.stderr], "run (text)")
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  @Test("issue 4's check: run --file --save on the embedded sandbox, no other flags: five exchanges, no secret")
  func embeddedSandboxWithNoOtherFlags() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    // The embedded sandbox keeps the secret its data directory holds: seed that directory with
    // the known secret, so the output below can be searched for it.
    let seeded = try await RunSandbox.start(
      harness, dataDirectory: harness.directory + "/xdg/recipe-console/sandbox/embedded")
    await seeded.stop()
    let file = try harness.makeFile(name: "some.mp4", size: 30_000, seed: 4)
    let session = harness.directory + "/s.json"
    let result = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--file", file.path, "--save", session], name: "plain")
    #expect(result.status == 0, "stdout: \(result.stdout) stderr: \(result.stderr)")
    for step in 1...5 { #expect(result.stdout.contains("== Step \(step): ")) }
    let saved = try RunHarness.sessionDocument(session)
    let steps = try #require(saved["steps"]?.arrayValue)
    #expect(steps.map { $0["exchanges"]?.arrayValue?.count } == [1, 1, 1, 1, 1])
    let entry = try #require(steps[2]["exchanges"]?[0]?["reply"])
    #expect(entry["objectType"] == "KalturaMediaEntry")
    #expect(steps[4]["exchanges"]?[0]?["reply"]?["id"] == entry["id"])
    #expect(steps[4]["exchanges"]?[0]?["reply"]?["status"] != nil)
    expectNoSecret([result.stdout, result.stderr, saved.prettyText()], "run on the embedded sandbox")

    // The search above could fail: the embedded sandbox signs with the seeded secret (the KS a
    // session keeps when asked to verifies with it).
    let withSecrets = harness.directory + "/secrets.json"
    let asked = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--steps", "1", "--include-secrets", "--save", withSecrets], name: "secrets")
    #expect(asked.status == 0)
    let kept = try RunHarness.sessionDocument(withSecrets)
    let ks = try #require(kept["secrets"]?["ks"]?.stringValue)
    #expect(try KalturaKS.parse(ks, secret: RunHarness.adminSecret).partnerID == 100)
  }

  @Test("a failed step: exit 1, the remaining steps are not run, the secret is not shown")
  func failedStep() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    do {
      let wrongSecret = "not-the-secret-0123456789"
      let result = try await harness.run(
        [
          "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
          "--admin-secret", wrongSecret, "--file", RunHarness.uploadRecipe, "--json",
        ], name: "failed")
      #expect(result.status == 1, "stdout: \(result.stdout) stderr: \(result.stderr)")
      let lines = try result.jsonLines()
      #expect(lines.count == 1)
      #expect(lines.first?["ok"]?.boolValue == false)
      #expect(lines.first?["error"]?.stringValue?.isEmpty == false)
      #expect(!result.stdout.contains(wrongSecret) && !result.stderr.contains(wrongSecret))
      expectNoSecret([result.stdout, result.stderr], "failed run")
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  @Test("--json: a link to a step that has not run is still a warning on stderr, stdout stays JSON")
  func jsonModeKeepsWarnings() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["run", RunHarness.uploadRecipe, "--steps", "3-4", "--json"], name: "warn")
    #expect(result.status == 1, "step 4 cannot attach a token that was never made")
    #expect(result.stderr.contains("warning: step 4: body.resource.token: run step 1 first"), "\(result.stderr)")
    #expect(try result.jsonLines().map { $0["step"] } == [3, 4])
  }

  @Test(
    "usage errors: exit 2 with a message naming the problem",
    arguments: [
      (["--steps", "9"], "--steps 9"), (["--chunk-size", "lots"], "--chunk-size"),
      (["--parallel", "0"], "--parallel must be at least 1"), (["--resume"], "--resume needs the session file"),
      (["--set", "2.nonsense=1"], "step 2 has no field `nonsense`"), (["--bogus"], "Unknown option '--bogus'"),
      (["--file", "/nonexistent/movie.mp4"], "--file /nonexistent/movie.mp4: no such file"),
      (["--set", "2.fileData=@/tmp"], "--set 2.fileData=@/tmp: is a directory, expected a file"),
      (
        ["--steps", "1"],
        "error: step 1 (/service/uploadtoken/action/add) needs a session: give --ks, or --admin-secret"
      ),
      (["--spec", "/nonexistent/spec.json"], "--spec /nonexistent/spec.json: cannot read the file"),
    ])
  func usageErrors(extra: [String], message: String) async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--service-url", "http://127.0.0.1:9", "--partner-id", "1"] + extra,
      name: "usage")
    #expect(result.status == 2, "stdout: \(result.stdout) stderr: \(result.stderr)")
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }

  @Test(
    "a bad embedded-sandbox delay is a usage error (exit 2), from the option or the environment",
    arguments: [
      (["--sandbox-delay=-1"], [:], "--sandbox-delay must be >= 0"),
      ([], ["RECIPE_CONSOLE_SANDBOX_DELAY": "soon"], "RECIPE_CONSOLE_SANDBOX_DELAY must be a number of seconds"),
    ])
  func badSandboxDelay(extra: [String], environment: [String: String], message: String) async throws {
    var harness = try RunHarness()
    harness.extraEnvironment = environment
    defer { harness.remove() }
    let result = try await harness.run(["run", RunHarness.uploadRecipe, "--steps", "1"] + extra, name: "delay")
    #expect(result.status == 2, "stdout: \(result.stdout) stderr: \(result.stderr)")
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }

  @Test("an unreadable recipe is a usage error (exit 2)")
  func missingRecipe() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let result = try await harness.run(["run", harness.directory + "/absent.md"], name: "absent")
    #expect(result.status == 2)
    #expect(result.stderr.contains("absent.md"))
  }
}
