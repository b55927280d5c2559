import Foundation
import Testing

/// The Code tab in the real console: every language through the picker, `y` copying the
/// sample to the clipboard file (and OSC 52).
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiCodeTabTests {
  @Test func thePickerShowsALanguageAndYCopiesItsSample() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    try console.run(console.consoleCommand("recipes/upload.md") + "; echo console-exit=$?")
    try await console.waitFor("the upload recipe") { $0.contains("Upload a Video") && $0.contains("step 1/5") }
    try await console.press("Tab", until: "the reply area focused") { $0.contains("←→ tab · ↑↓ scroll") }
    try await console.press("Right", until: "the Code tab") { $0.contains("Enter: all languages") }
    try console.press("Enter")
    try await console.waitFor(text: "language: ▏")
    try console.type("pyth")
    try console.press("Enter")
    try await console.waitFor(text: "from KalturaClient import *")
    try console.press("y")
    try await console.waitFor(text: "Copied the python sample of step 1")
    let copied = TuiViewerTests.clipboard(console) ?? ""
    #expect(copied.contains("result = client.uploadToken.add()"), "\(copied)")
    #expect(copied.contains("YOUR_KALTURA_SECRET"), "the secret stays a placeholder")
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }
}
