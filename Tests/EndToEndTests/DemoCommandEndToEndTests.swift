import Foundation
import JSONValue
import Testing

/// `recipe-console demo SESSION`: the upload recipe walked against a sandbox gives a page that
/// loads the sandbox's stand-in player with the walk's entry; problems are told specifically.
@Suite("recipe-console demo: the page of a walked session", .serialized)
struct DemoCommandEndToEndTests {
  @Test("a walked upload session gives a page pointing at the sandbox's player with the walk's entry")
  func demoOfAWalkedSession() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    do {
      let walk = try await DemoWalk.upload(
        harness, sandbox: sandbox,
        file: try harness.makeFile(
          name: "clip.mp4", size: 40_000, seed: 9
        ).path)
      let page = try await harness.run(["demo", walk.session], name: "demo")
      #expect(page.status == 0, "stderr: \(page.stderr)")
      let written = harness.directory + "/walk.demo.html"
      #expect(page.stdout == written + "\n")
      let html = try String(contentsOfFile: written, encoding: .utf8)
      let origin = "http://127.0.0.1:\(sandbox.port)"
      let partner = sandbox.partnerID
      let player = DemoWalk.player(partner)
      #expect(
        html.contains(
          "<script src=\"\(origin)/p/\(partner)/sp/\(partner)00/embedIframeJs/uiconf_id/\(player)/partner_id/\(partner)\""
        ))
      #expect(html.contains("\"uiconf_id\": \(player),"))
      #expect(html.contains("\"entry_id\": \"\(walk.entryId)\""))
      #expect(html.contains("\"wid\": \"_\(partner)\""))
      #expect(!html.contains("cdnapisec.kaltura.com"))
      #expect(!html.contains(RunHarness.adminSecret))
      #expect(page.stderr.contains("loads the player from \(origin)"))
      // The script the page loads is served by the sandbox.
      let src = try #require(html.firstMatch(of: /<script src="([^"]+)"/).map { String($0.1) })
      let script = try RunHTTP.get(src)
      #expect(script.status == 200)
      #expect(String(decoding: script.body, as: UTF8.self).contains("window.kWidget.embed = embed"))

      let chosen = try await harness.run(
        ["demo", walk.session, "--step", "5", "-o", harness.directory + "/out/page.html"], name: "out")
      #expect(chosen.status == 1, "the folder does not exist: \(chosen.stderr)")
      #expect(chosen.stderr.contains("cannot write \(harness.directory)/out/page.html"), "\(chosen.stderr)")
      try FileManager.default.createDirectory(atPath: harness.directory + "/out", withIntermediateDirectories: true)
      let named = try await harness.run(
        ["demo", walk.session, "--step", "5", "-o", harness.directory + "/out/page.html"], name: "out2")
      #expect(named.status == 0, "stderr: \(named.stderr)")
      #expect(try String(contentsOfFile: harness.directory + "/out/page.html", encoding: .utf8) == html)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  @Test("errors: no such session, a step without a demo, a broken template with its recipe line")
  func specificErrors() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let missing = try await harness.run(["demo", harness.directory + "/none.session.json"], name: "missing")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("none.session.json: cannot read the session file"), "\(missing.stderr)")

    let sandbox = try await RunSandbox.start(harness)
    do {
      let walk = try await DemoWalk.upload(
        harness, sandbox: sandbox,
        file: try harness.makeFile(
          name: "c.mp4", size: 1000, seed: 2
        ).path)
      let noDemo = try await harness.run(["demo", walk.session, "--step", "2"], name: "nodemo")
      #expect(noDemo.status == 2)
      #expect(noDemo.stderr.contains("--step 2: that step has no ### Demo (steps with one: 5)"), "\(noDemo.stderr)")
      let outside = try await harness.run(["demo", walk.session, "--step", "9"], name: "outside")
      #expect(outside.status == 2)
      #expect(outside.stderr.contains("--step 9: the recipe has steps 1-5"), "\(outside.stderr)")

      // The same recipe with a demo that reads a step that does not exist.
      let recipeText = try String(contentsOfFile: RunHarness.uploadRecipe, encoding: .utf8)
      let broken = recipeText.replacingOccurrences(
        of: "\"entry_id\": \"<%- answers.entryId %>\"", with: "\"entry_id\": \"<%- results[7].id %>\"")
      #expect(broken != recipeText)
      let brokenPath = harness.directory + "/broken.md"
      try broken.write(toFile: brokenPath, atomically: true, encoding: .utf8)
      let lines = broken.split(separator: "\n", omittingEmptySubsequences: false)
      let expectedLine = try #require(lines.firstIndex { $0.contains("results[7].id") }) + 1
      let failed = try await harness.run(["demo", walk.session, "--recipe", brokenPath], name: "broken")
      #expect(failed.status == 1)
      #expect(
        failed.stderr.contains(
          "\(brokenPath):\(expectedLine): the demo of step 5: line "), "\(failed.stderr)")
      #expect(failed.stderr.contains("TypeError: cannot read property 'id' of undefined"), "\(failed.stderr)")
      #expect(!FileManager.default.fileExists(atPath: harness.directory + "/walk.demo.html"))
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }
}

/// The upload recipe walked headless with `run --save` against a sandbox.
struct DemoWalk {
  var session: String
  var entryId: String

  /// The sandbox's seeded default player of a partner (`SeedPlayers`).
  static func player(_ partnerID: Int) -> Int { 40_000_000 + partnerID * 10 + 1 }

  static func upload(_ harness: RunHarness, sandbox: RunSandbox, file: String) async throws -> DemoWalk {
    let session = harness.directory + "/walk.session.json"
    let result = try await harness.run(
      [
        "run", RunHarness.uploadRecipe, "--service-url", sandbox.baseURL, "--partner-id", String(sandbox.partnerID),
        "--admin-secret", RunHarness.adminSecret, "--file", file, "--set", "3.entry.mediaType=1", "--set",
        "3.entry.name=Demo clip", "--set", "5.uiConf=\(player(sandbox.partnerID))", "--save", session,
      ], name: "walk")
    guard result.status == 0 else { throw ProxyError("run failed: \(result.stdout) \(result.stderr)") }
    let document = try RunHarness.sessionDocument(session)
    let steps = document["steps"]?.arrayValue ?? []
    guard steps.count == 5,
      let entryId = steps[2]["exchanges"]?.arrayValue?.last?["reply"]?["id"]?.stringValue
    else { throw ProxyError("no entry id in the session: \(document.compactText.prefix(400))") }
    return DemoWalk(session: session, entryId: entryId)
  }
}
