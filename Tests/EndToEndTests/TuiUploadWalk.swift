import Foundation
import JSONValue
import Testing
import Walkthrough

/// A console in tmux on step 2 of the upload recipe, sending to `recipe-console serve` through
/// a counting proxy: step 1 sent, a file's path typed in, the chunked upload planned.
struct TuiUploadWalk {
  let console: TmuxConsole
  let served: TuiServedSandbox
  let clip: String
  let fileSize: Int
  let session: String
  let token: String
  /// The console's command line, to open the session again.
  let command: String

  var proxy: RunCountingProxy { served.proxy }

  /// `fileSize` random bytes in the scratch directory; `chunkSize` and `parallel` as the
  /// console's `--chunk-size` and `--parallel`.
  static func start(fileSize: Int, chunkSize: String, parallel: Int) async throws -> TuiUploadWalk {
    let served = try await TuiServedSandbox.start()
    let console: TmuxConsole
    do { console = try TmuxConsole() } catch {
      served.stop()
      throw error
    }
    do {
      let clip = console.scratch + "/big.mp4"
      let session = console.scratch + "/upload.session.json"
      let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
      try random.readData(ofLength: fileSize).write(to: URL(fileURLWithPath: clip))
      try random.close()
      let command = console.consoleCommand(
        "recipes/upload.md --session \(session) --chunk-size \(chunkSize) --parallel \(parallel) "
          + served.consoleOptions)
      try console.run(command + "; echo console-exit=$?")
      try await console.waitForTypedWalk()
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
      return TuiUploadWalk(
        console: console, served: served, clip: clip, fileSize: fileSize, session: session, token: token,
        command: command)
    } catch {
      console.stop()
      served.stop()
      throw error
    }
  }

  func stop() {
    console.stop()
    served.stop()
  }

  /// Presses `r` with the proxy set to hold every byte past `fraction` of the file (counted
  /// from now), so the upload stops there until `proxy.release()`.
  func sendHolding(at fraction: Double) throws {
    proxy.hold(afterAnother: Int(Double(fileSize) * fraction))
    try console.press("r")
  }

  /// Waits for the progress bar with every figure: bytes of `total`, rate, ETA and chunks in
  /// flight. Held by the proxy, the upload stays there however slow the machine is.
  @discardableResult
  func waitForProgress(total: String) async throws -> String {
    try await console.waitFor("the progress bar with all its figures") { screen in
      guard let bar = screen.line(containing: "▕"), bar.contains("%"),
        let figures = screen.line(containing: " / \(total)")
      else { return false }
      return figures.contains("/s") && figures.contains("ETA ") && figures.contains(" in flight")
    }
  }

  /// The bytes the sandbox holds for the token.
  var storedBytes: Data? { served.storedBytes(token: token) }

  var fileBytes: Data? { FileManager.default.contents(atPath: clip) }

  /// The acknowledged bytes of step 2's upload checkpoint in the session file, if it has one.
  var savedCheckpointBytes: Int? {
    let saved = try? SessionFile.document(path: session)
    return saved?["steps"]?[1]?["upload"]?["acknowledgedBytes"]?.intValue
  }

  /// Polls the session file until its checkpoint holds at least `bytes`; returns what it holds.
  @discardableResult
  func waitForSavedCheckpoint(atLeast bytes: Int, seconds: Double = 60) async throws -> Int {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let saved = savedCheckpointBytes, saved >= bytes { return saved }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw TuiTimeout(
      description: "waited \(Int(seconds)) s for a checkpoint of \(bytes) bytes in \(session); it holds "
        + "\(savedCheckpointBytes.map(String.init) ?? "none")")
  }

  /// Presses `r` on step 2 and checks the resumed upload: the file whole on the server, only
  /// what was missing sent again (bytes counted by the proxy since `before`, `allowance` for the
  /// chunks in flight), one exchange in the session. Returns the "Step 2 done" screen.
  @discardableResult
  func resumeAndCheckOnlyTheRestWent(
    acknowledged: Int, since before: Int, allowance: Int, oneExchange: Comment? = nil
  ) async throws -> String {
    try console.press("r")
    let done = try await console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(fileSize)"))
    #expect(storedBytes == fileBytes)
    let resent = proxy.bytesSentUpstream - before
    #expect(resent <= fileSize - acknowledged + allowance, "only what was missing")
    #expect(resent < fileSize, "not from byte 0")
    let exchanges = try await quitAndReadUploadExchanges()
    #expect(exchanges.count == 1, oneExchange)
    #expect(exchanges.first?["reply"]?["uploadedFileSize"]?.intValue == fileSize)
    return done
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
