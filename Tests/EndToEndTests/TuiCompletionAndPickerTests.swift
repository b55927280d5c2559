import Foundation
import Testing

/// Issue 13's tmux checks: the path completion list behaves like a shell's menu, and a broken
/// recipe chosen from the recipe picker shows its diagnostics and returns to the picker.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiCompletionAndPickerTests {
  @Test func theCompletionListMovesPicksAndClosesWithTheKeys() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let clips = console.scratch + "/clips"
    try FileManager.default.createDirectory(atPath: clips, withIntermediateDirectories: true)
    for number in 1...12 {
      let name = clips + "/clip" + (number < 10 ? "0" : "") + "\(number).mp4"
      _ = FileManager.default.createFile(atPath: name, contents: Data("clip \(number)".utf8))
    }
    try console.run(console.consoleCommand("recipes/upload.md") + "; echo console-exit=$?")
    try await console.waitForTypedWalk()
    try console.press("2")
    try await console.waitFor("step 2") { $0.contains("step 2/5") && $0.contains("fileData") }
    try await console.waitFor("the form focused") { $0.line(containing: " uploadTokenId*")?.contains("▸") == true }
    try console.press("j")
    try await console.waitFor("fileData focused") { $0.line(containing: " fileData*")?.contains("▸") == true }
    try console.press("Enter")
    try console.type(clips + "/clip")
    try await console.waitFor("the typed path") { $0.contains("/clips/clip") }
    try console.press("Tab")
    let offered = try await console.waitFor("the list") { $0.contains("1 of 12") }
    #expect(offered.contains("clip01.mp4"))

    for _ in 0..<7 { try console.press("Down") }
    let moved = try await console.waitFor("the eighth") { $0.contains("8 of 12") }
    #expect(moved.line(containing: "clip08.mp4") != nil)
    try console.press("Up")
    try await console.waitFor(text: "7 of 12")
    try console.press("Enter")
    let picked = try await console.waitFor("the picked path") { !$0.contains(" of 12") && $0.contains("clip07.mp4") }
    #expect(!picked.contains("clip08.mp4"), "the list closed")

    // Back to the shared prefix: the list again, and Esc closes only it.
    for _ in 0..<6 { try console.press("BSpace") }
    try await console.waitFor("the prefix") { !$0.contains("clip07") }
    try console.press("Tab")
    try await console.waitFor(text: "1 of 12")
    try console.press("Escape")
    let closed = try await console.waitFor("the list closed") { !$0.contains("1 of 12") }
    #expect(closed.contains("step 2/5"), "Esc closed the list, not the console or the step")
    try console.type("08.mp4")
    try console.press("Enter")
    try await console.waitFor("the stored path") { $0.line(containing: " fileData")?.contains("clip08.mp4") == true }
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  @Test func aBrokenRecipeChosenFromThePickerShowsWhyAndReturnsToIt() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let recipes = console.scratch + "/recipes"
    try FileManager.default.createDirectory(atPath: recipes, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: TuiTools.repositoryRoot + "/recipes/upload.md", toPath: recipes + "/upload.md")
    let broken = """
      # A Broken Recipe

      ## Get an entry

      ### API Call
      ```json
      {"method": "post", "path": "/service/media/action/get", "parameters": [
      ```
      """
    try Data(broken.utf8).write(to: URL(fileURLWithPath: recipes + "/broken.md"))
    try console.run("cd \(console.scratch) && " + console.consoleCommand("") + "; echo console-exit=$?")
    let picker = try await console.waitFor("the picker") { $0.contains("A Broken Recipe") && $0.contains("Upload") }
    #expect(picker.line(containing: "A Broken Recipe")?.contains("✗ cannot open") == true)

    try await console.press("Down", until: "the broken recipe chosen") {
      $0.line(containing: "A Broken Recipe")?.contains("▸") == true
    }
    try console.press("Enter")
    let shown = try await console.waitFor("its diagnostics") { $0.contains("broken.md cannot be opened") }
    #expect(shown.contains("recipes/broken.md:"), "the diagnostics say file:line")
    try console.press("x")
    let back = try await console.waitFor("the picker again") {
      !$0.contains("cannot be opened") && $0.contains("A Broken Recipe")
    }
    #expect(!back.contains("console-exit"), "the console did not exit")

    try await console.press("Up", until: "the upload recipe chosen") {
      $0.line(containing: "A Broken Recipe")?.contains("▸") == false && $0.contains("▸ ")
    }
    try console.press("Enter")
    try await console.waitForTypedWalk()
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }
}
