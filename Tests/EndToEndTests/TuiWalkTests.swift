import Foundation
import JSONValue
import Testing
import Walkthrough

/// Issue 6's full walk of the upload recipe in tmux, keys only, against `recipe-console serve`
/// through a counting proxy that holds step 2's upload halfway until its progress bar is seen.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiWalkTests {
  @Test(arguments: [(120, 40), (80, 24)])
  func walkingTheUploadRecipeRecordsFiveExchanges(width: Int, height: Int) async throws {
    let served = try await TuiServedSandbox.start()
    defer { served.stop() }
    let console = try TmuxConsole(width: width, height: height)
    defer { console.stop() }
    let clip = console.scratch + "/c.mp4"
    let session = console.scratch + "/walk.session.json"
    try Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: clip))
    // Small chunks, so the upload of step 2 takes several requests and shows its progress bar.
    let command = console.consoleCommand(
      "recipes/upload.md --session \(session) --chunk-size 64KiB --parallel 2 \(served.consoleOptions)")
    try console.run(command + "; echo console-exit=$?")
    try await console.waitForTypedWalk()

    // 1: create the token.
    try console.press("r")
    let token = try #require(
      try await console.waitFor("the token") { !$0.uploadTokenIDs.isEmpty }.uploadTokenIDs.first)

    // 2: type the file's path into fileData (the row under the linked token) and send it.
    try console.press("n")
    try await console.waitFor("step 2") { $0.contains("step 2/5") && $0.contains("fileData") }
    try console.press("j", "Enter")
    try console.type(String(clip.dropLast(4)))
    try console.press("Tab")  // path completion finishes the name
    try await console.waitFor("the completed path") { $0.contains("c.mp4") }
    try console.press("Enter")
    if width >= 120 {  // narrower forms cut the path before its size
      try await console.waitFor("the file's size") { $0.line(containing: "fileData")?.contains("293.0 KiB") == true }
    }
    served.proxy.hold(afterAnother: 150_000)
    try console.press("r")
    try await console.waitFor("the upload's progress") { screen in
      screen.line(containing: "▕")?.contains("%") == true && screen.contains(" / 293.0 KiB")
        && screen.contains(" in flight")
    }
    served.proxy.release()
    try await console.waitFor(text: "Step 2 done")

    // The smallest layout mid-walk, then back: the walk goes on where it was.
    try console.resize(width: 60, height: 16)
    try await console.waitFor("the 60x16 layout") { screen in
      screen.contains("step 2/5") && !screen.contains("too small")
        && screen.split(separator: "\n").contains { $0.hasPrefix("───") && $0.count == 60 }
    }
    try console.resize(width: width, height: height)
    try await console.waitFor("the original layout") { screen in
      screen.contains("step 2/5") && screen.split(separator: "\n").contains { $0.hasPrefix("───") && $0.count == width }
    }

    // 3: pick VIDEO (the first choice), name the entry, send.
    try console.press("n")
    try await console.waitFor("step 3") { $0.contains("step 3/5") && $0.contains("mediaType") }
    try console.press("j", "j", "Enter")
    try await console.waitFor(text: "VIDEO")
    try console.press("Enter")
    try await console.waitFor("VIDEO picked") { $0.line(containing: "mediaType")?.contains("VIDEO") == true }
    try console.press("j", "Enter")
    try console.type("E2E clip")
    try console.press("Enter")
    try await console.waitFor("the name") { $0.line(containing: " name ")?.contains("E2E clip") == true }
    try console.press("r")
    let created = try await console.waitFor(text: "Step 3 done")
    let entryID = try #require(created.entryIDs.first)

    // 4: attach the upload to the entry (both fields are links).
    try console.press("n")
    // Waited for, not read off the first screen that names step 4: tmux can be caught mid-frame.
    try await console.waitFor("step 4 linked to the entry and the token") { screen in
      screen.contains("step 4/5") && screen.contains(entryID)
        && screen.line(containing: "token")?.contains(token.prefix(12)) == true
    }
    try console.press("r")
    try await console.waitFor("step 4 done") { $0.contains("Step 4 done") && $0.contains("\"id\": \"\(entryID)\"") }

    // 5: load the players (dynamic enum), pick the first, get the entry.
    try console.press("n")
    try await console.waitFor("step 5") { $0.contains("step 5/5") && $0.contains("uiConf") }
    try console.press("Enter")
    try await console.waitFor(text: "Sandbox Player")
    try console.press("Enter")
    try await console.waitFor("a player picked") { $0.line(containing: "uiConf")?.contains("Sandbox Player") == true }
    try console.press("r")
    let final = try await console.waitFor("the entry") {
      $0.contains("Step 5 done") && $0.contains("\"id\": \"\(entryID)\"")
    }
    #expect(final.contains("HTTP 200"))
    if height >= 40 { #expect(final.contains("\"status\":")) }

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
    let saved = try SessionFile.document(path: session)
    let steps = try #require(saved["steps"]?.arrayValue)
    #expect(steps.map { $0["exchanges"]?.arrayValue?.count ?? 0 } == [1, 1, 1, 1, 1])
    #expect(steps.allSatisfy { $0["exchanges"]?.arrayValue?.first?["ok"]?.boolValue == true })
    func reply(_ step: Int) -> JSONValue? { steps[step]["exchanges"]?.arrayValue?.first?["reply"] }
    #expect(reply(1)?["uploadedFileSize"]?.intValue == 300_000)
    #expect(reply(2)?["name"]?.stringValue == "E2E clip")
    #expect(reply(2)?["mediaType"]?.intValue == 1)
    #expect(reply(4)?["id"]?.stringValue == entryID)
  }
}

extension String {
  /// Media entry ids in reply JSON (`"id": "0_abcd1234"`).
  var entryIDs: [String] {
    let pattern = try! NSRegularExpression(pattern: "\"id\": \"(0_[0-9a-z]{8})\"")
    let range = NSRange(startIndex..., in: self)
    return pattern.matches(in: self, range: range).compactMap {
      Range($0.range(at: 1), in: self).map { String(self[$0]) }
    }
  }
}
