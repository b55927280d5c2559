import Foundation
import JSONValue
import Testing
import Walkthrough

/// Issue 6's upload step in tmux: a multi-chunk upload shows its progress bar and can be
/// cancelled with Esc and resumed. Small chunks and a sandbox that holds every upload request
/// a while (RECIPE_CONSOLE_SANDBOX_UPLOAD_DELAY) keep the upload on screen long enough to watch.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiUploadTests {
  /// 1 MiB + 1000 bytes: seventeen 64 KiB chunks, the last one short.
  static let fileSize = (1 << 20) + 1000

  /// A console on step 2 of the upload recipe with step 1 sent and the file's path typed in.
  private struct UploadWalk {
    let console: TmuxConsole
    let clip: String
    let session: String
    let token: String
    /// The console's command line, to open the session again.
    let command: String

    /// `delay`: seconds the sandbox holds each upload request (cancel tests leave more time to
    /// press Esc before the last chunk).
    static func start(delay: Double = 0.4) async throws -> UploadWalk {
      let console = try TmuxConsole()
      let clip = console.scratch + "/big.mp4"
      let session = console.scratch + "/upload.session.json"
      let bytes = (0..<TuiUploadTests.fileSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
      try Data(bytes).write(to: URL(fileURLWithPath: clip))
      let command = console.consoleCommand(
        "recipes/upload.md --session \(session) --chunk-size 64KiB --parallel 2",
        environment: "RECIPE_CONSOLE_SANDBOX_UPLOAD_DELAY=\(delay)")
      try console.run(command + "; echo console-exit=$?")
      try await console.waitFor(text: "step 1/5")
      try console.press("r")
      let token = try #require(
        try await console.waitFor("the token") { !$0.uploadTokenIDs.isEmpty }.uploadTokenIDs.first)
      try console.press("n")
      try await console.waitFor("step 2") { $0.contains("step 2/5") && $0.contains("fileData") }
      try console.press("j", "Enter")
      try console.type(clip)
      try console.press("Enter")
      // The file is larger than one chunk: the resume fields become the uploader's.
      try await console.waitFor("the chunked upload plan") { $0.contains("managed by the uploader") }
      return UploadWalk(console: console, clip: clip, session: session, token: token, command: command)
    }

    /// Waits for the progress bar with every figure: bytes, rate, ETA and chunks in flight.
    @discardableResult
    func waitForProgress() async throws -> String {
      try await console.waitFor("the progress bar with all its figures") { screen in
        guard let bar = screen.line(containing: "▕"), bar.contains("%"),
          let figures = screen.line(containing: " / 1.0 MiB")
        else { return false }
        return figures.contains("/s") && figures.contains("ETA ") && figures.contains(" in flight")
      }
    }

    /// The bytes the sandbox holds for the token (its data directory lives in the scratch one).
    var storedBytes: Data? {
      FileManager.default.contents(
        atPath: console.scratch + "/data/recipe-console/sandbox/embedded/uploads/tokens/\(token).data")
    }

    /// Quits and returns step 2's exchanges from the session file.
    func quitAndReadUploadExchanges() async throws -> [JSONValue] {
      try console.press("q")
      try await console.waitFor(text: "console-exit=0")
      let saved = try SessionFile.document(path: session)
      let steps = try #require(saved["steps"]?.arrayValue)
      return steps[1]["exchanges"]?.arrayValue ?? []
    }
  }

  @Test func aChunkedUploadShowsItsProgressAndStoresTheWholeFile() async throws {
    // A second per request keeps the bar with all its figures on screen for several seconds,
    // long enough to be captured while the rest of the suite loads the machine.
    let walk = try await UploadWalk.start(delay: 1)
    defer { walk.console.stop() }
    try walk.console.press("r")
    let during = try await walk.waitForProgress()
    #expect(during.contains("Sending step 2…"))
    let chunks = try #require(during.line(containing: " in flight"))
    #expect(chunks.contains("1 chunk in flight") || chunks.contains("2 chunks in flight"), "--parallel 2")

    let done = try await walk.console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(Self.fileSize)"))
    #expect(!done.contains(" in flight"))
    #expect(walk.storedBytes == FileManager.default.contents(atPath: walk.clip))
    let exchanges = try await walk.quitAndReadUploadExchanges()
    #expect(exchanges.count == 1)
    #expect(exchanges.first?["ok"]?.boolValue == true)
    #expect(exchanges.first?["reply"]?["uploadedFileSize"]?.intValue == Self.fileSize)
  }

  @Test func escapeCancelsARunningUploadAndSendingAgainResumesIt() async throws {
    let walk = try await UploadWalk.start(delay: 0.6)
    defer { walk.console.stop() }
    try walk.console.press("r")
    try await walk.waitForProgress()
    try walk.console.press("Escape")
    let cancelled = try await walk.console.waitFor("the cancelled upload") {
      $0.contains("Step 2 cancelled · r resumes the upload") && $0.contains("✗ Upload cancelled at")
    }
    #expect(!cancelled.contains("Sending step 2…"))
    #expect(cancelled.line(containing: "Upload cancelled at")?.contains("/ 1.0 MiB) · r resumes it") == true)

    // Still responsive: other steps open and the cancelled one says so when we come back.
    try walk.console.press("3")
    try await walk.console.waitFor("step 3") { $0.contains("step 3/5") && $0.contains("mediaType") }
    try walk.console.press("2")
    try await walk.console.waitFor("step 2 again") { $0.contains("step 2/5") && $0.contains("Upload cancelled at") }

    try walk.console.press("r")
    let done = try await walk.console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(Self.fileSize)"))
    #expect(!done.contains("cancelled at"))
    #expect(walk.storedBytes == FileManager.default.contents(atPath: walk.clip))
    let exchanges = try await walk.quitAndReadUploadExchanges()
    #expect(exchanges.count == 1, "a cancelled request records no exchange")
    #expect(exchanges.first?["reply"]?["uploadedFileSize"]?.intValue == Self.fileSize)
  }

  @Test func aCancelledUploadResumesAfterTheSessionIsOpenedAgain() async throws {
    let walk = try await UploadWalk.start(delay: 0.6)
    defer { walk.console.stop() }
    try walk.console.press("r")
    try await walk.waitForProgress()
    try walk.console.press("Escape")
    try await walk.console.waitFor("the cancel saved") {
      $0.contains("Step 2 cancelled") && $0.line(containing: "upload.session.json")?.hasSuffix(" saved") == true
    }
    #expect(try await walk.quitAndReadUploadExchanges().isEmpty)
    let saved = try SessionFile.document(path: walk.session)
    #expect(saved["steps"]?[1]?["upload"]?["uploadTokenId"]?.stringValue == walk.token)

    try walk.console.run("clear; " + walk.command + "; echo console-exit=$?")
    try await walk.console.waitFor("the session on step 2") {
      $0.contains("step 2/5") && $0.line(containing: "fileData")?.contains("big.mp4") == true
    }
    try walk.console.press("r")
    let done = try await walk.console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(Self.fileSize)"))
    #expect(walk.storedBytes == FileManager.default.contents(atPath: walk.clip))
    let exchanges = try await walk.quitAndReadUploadExchanges()
    #expect(exchanges.count == 1)
    #expect(exchanges.first?["reply"]?["uploadedFileSize"]?.intValue == Self.fileSize)
  }
}
