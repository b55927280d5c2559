import Foundation
import JSONValue
import Testing
import Walkthrough

/// Issue 7's interactive replay in tmux: a session recorded headless opens with its answers in
/// the forms; sending step 1 again gives a new token and the link into step 2 follows it.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiReplayTests {
  @Test func reopenedSessionShowsRecordedValuesAndResendingStepOneRelinksStepTwo() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let clip = console.scratch + "/clip.mp4"
    let session = console.scratch + "/upload.session.json"
    try Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: clip))

    // Record steps 1-2 headless (in the tmux shell, so it gets the same scratch environment).
    try console.run(
      console.consoleCommand("run recipes/upload.md --file \(clip) --steps 1-2 --save \(session) > /dev/null")
        + "; echo recorded-exit=$?")
    try await console.waitFor(text: "recorded-exit=0", seconds: 60)
    let recordedToken = try Self.lastReplyID(session, step: 0)
    #expect(try Self.lastReplyID(session, step: 1) == recordedToken)

    try console.run("clear; " + console.consoleCommand("--session \(session)") + "; echo console-exit=$?")
    try await console.waitFor("the session resumed after its last recorded step") {
      $0.contains("step 3/5") && $0.contains("upload.session.json saved")
    }

    try console.press("2")
    let recordedForm = try await console.waitFor("step 2's recorded answers") {
      $0.contains("step 2/5") && $0.line(containing: "fileData")?.contains("/clip.mp4") == true
    }
    // The reopened walk knows the file's size, as when the path was typed.
    try await console.waitFor("the recorded file's size") {
      $0.line(containing: "fileData")?.contains("97.7 KiB") == true
    }
    #expect(recordedForm.line(containing: "uploadTokenId")?.contains(recordedToken) == true)

    try console.press("1")
    let recordedReply = try await console.waitFor("step 1's recorded reply") {
      $0.contains("step 1/5") && $0.uploadTokenIDs.contains(recordedToken)
    }
    #expect(recordedReply.contains("recorded"))

    try console.press("r")
    try await console.waitFor(text: "New")
    try console.press("2")
    let relinked = try await console.waitFor("step 2 linked to a new token") { screen in
      guard screen.contains("step 2/5"), let row = screen.line(containing: "uploadTokenId") else { return false }
      return !row.uploadTokenIDs.isEmpty && !row.contains(recordedToken)
    }
    let newToken = try #require(relinked.line(containing: "uploadTokenId")?.uploadTokenIDs.first)
    #expect(newToken != recordedToken)

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
    // The re-sent exchange was autosaved into the same session file.
    #expect(try Self.lastReplyID(session, step: 0) == newToken)
  }

  private static func lastReplyID(_ path: String, step: Int) throws -> String {
    let json = try SessionFile.document(path: path)
    let exchanges = try #require(json["steps"]?.arrayValue?[step]["exchanges"]?.arrayValue)
    return try #require(exchanges.last?["reply"]?["id"]?.stringValue)
  }
}
