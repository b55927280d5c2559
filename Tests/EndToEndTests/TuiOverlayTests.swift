import Foundation
import Testing

/// The overlays in the real console: a click picks from an open enum picker, and the help
/// scrolls to its last binding on the smallest screen.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiOverlayTests {
  /// The 0-based cell where `text` starts on the screen.
  static func cell(of text: String, in screen: String) -> (x: Int, y: Int)? {
    for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
    }
    return nil
  }

  @Test func clickingAChoiceInAnOpenPickerPicksIt() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    try console.run(console.consoleCommand("recipes/upload.md") + "; echo console-exit=$?")
    try await console.waitForTypedWalk()
    try console.press("3")
    try await console.waitFor("step 3") { $0.contains("step 3/5") && $0.contains("mediaType") }
    try console.press("j", "j", "Enter")
    let open = try await console.waitFor("the picker") { $0.contains("filter: ") && $0.contains("IMAGE") }
    let image = try #require(Self.cell(of: "IMAGE", in: open))
    try console.click(x: image.x + 1, y: image.y)
    let picked = try await console.waitFor("IMAGE picked") {
      $0.line(containing: "mediaType")?.contains("IMAGE") == true && !$0.contains("filter: ")
    }
    #expect(picked.line(containing: "mediaType")?.contains("VIDEO") == false)
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  @Test func theHelpScrollsToItsLastBindingAt60x16() async throws {
    let console = try TmuxConsole(width: 60, height: 16)
    defer { console.stop() }
    try console.run(console.consoleCommand("recipes/upload.md") + "; echo console-exit=$?")
    try await console.waitForTypedWalk()
    try console.press("?")
    let first = try await console.waitFor(text: "Keys 1-12/40")
    #expect(!first.contains("Code tab: lang/list/copy"))
    try console.press("End")
    try await console.waitFor("the last binding") {
      $0.contains("Keys 29-40/40") && $0.contains("Code tab: lang/list/copy")
    }
    try console.press("Escape")
    try await console.waitFor("the help closed") { !$0.contains("Keys ") && $0.contains("step 1/5") }
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }
}
