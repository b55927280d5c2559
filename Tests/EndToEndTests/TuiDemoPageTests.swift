import Foundation
import Testing

/// Issue 14's console check: on a walked upload session, the last step says it has a demo page,
/// `D` writes it beside the session and opens it with `$BROWSER`, and the footer gives the path.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiDemoPageTests {
  @Test func dWritesTheDemoBesideTheSessionAndOpensItWithBrowser() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    let console = try TmuxConsole(width: 160, height: 40)
    defer { console.stop() }
    do {
      let walk = try await DemoWalk.upload(
        harness, sandbox: sandbox, file: try harness.makeFile(name: "clip.mp4", size: 20_000, seed: 3).path)
      // A stand-in browser that records what it was asked to open.
      let opened = harness.directory + "/opened.txt"
      let browser = harness.directory + "/fake-browser"
      try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \(opened)\n".write(toFile: browser, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)

      try console.run(
        "clear; "
          + console.consoleCommand(
            "--session \(walk.session) --service-url \(sandbox.baseURL) --partner-id \(sandbox.partnerID)"
              + " --admin-secret \(RunHarness.adminSecret)", environment: "BROWSER=\(browser)")
          + "; echo console-exit=$?")
      try await console.waitFor(text: "Viewing your Video")
      try console.press("5")
      try await console.waitFor(text: "· D demo page")
      try console.press("D")
      let page = harness.directory + "/walk.demo.html"
      let screen = try await console.waitFor(text: "opened with fake-browser")
      #expect(screen.contains("Demo page of step 5: \(page) · opened with fake-browser"), "\(screen)")

      let html = try String(contentsOfFile: page, encoding: .utf8)
      #expect(html.contains("\"entry_id\": \"\(walk.entryId)\""))
      #expect(html.contains("http://127.0.0.1:\(sandbox.port)/p/\(sandbox.partnerID)/sp/"))
      #expect(!html.contains(RunHarness.adminSecret))
      var asked = ""
      for _ in 0..<100 where asked.isEmpty {
        asked = (try? String(contentsOfFile: opened, encoding: .utf8)) ?? ""
        if asked.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
      }
      #expect(asked == page + "\n")

      try console.press("q")
      try await console.waitFor(text: "console-exit=0")
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }
}
