import Foundation
import JSONValue
import Testing
import Walkthrough

/// Issue 6's upload step in tmux: a multi-chunk upload shows its progress bar and can be
/// cancelled with Esc and resumed. The console sends to `recipe-console serve` through a
/// counting proxy that holds the upload halfway until the test has seen the progress bar (or
/// pressed Esc), so nothing depends on the upload taking long enough; the bytes it counts show
/// that a resume sends only what is missing.
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiUploadTests {
  /// 1 MiB + 1000 bytes: seventeen 64 KiB chunks, the last one short.
  static let fileSize = (1 << 20) + 1000
  static let chunkSize = 64 << 10
  static let parallel = 2
  /// What a resume may send besides the file bytes still missing: the chunks that were held in
  /// flight when the upload stopped (their bytes reach the sandbox once released, and are sent
  /// again) and the requests' lines, headers and multipart fields.
  static let resumeAllowance = parallel * chunkSize + (64 << 10)

  private func start() async throws -> TuiUploadWalk {
    try await TuiUploadWalk.start(fileSize: Self.fileSize, chunkSize: "64KiB", parallel: Self.parallel)
  }

  @Test func aChunkedUploadShowsItsProgressAndStoresTheWholeFile() async throws {
    let walk = try await start()
    defer { walk.stop() }
    let before = walk.proxy.bytesSentUpstream
    try walk.sendHolding(at: 0.5)
    let during = try await walk.waitForProgress(total: "1.0 MiB")
    #expect(during.contains("Sending step 2…"))
    let chunks = try #require(during.line(containing: " in flight"))
    #expect(chunks.contains("1 chunk in flight") || chunks.contains("2 chunks in flight"), "--parallel 2")
    #expect(!during.contains("Step 2 done"), "held by the proxy")

    walk.proxy.release()
    let done = try await walk.console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(Self.fileSize)"))
    #expect(!done.contains(" in flight"))
    #expect(walk.storedBytes == walk.fileBytes)
    #expect(walk.proxy.bytesSentUpstream - before <= Self.fileSize + (64 << 10), "each byte sent once")
    let exchanges = try await walk.quitAndReadUploadExchanges()
    #expect(exchanges.count == 1)
    #expect(exchanges.first?["ok"]?.boolValue == true)
    #expect(exchanges.first?["reply"]?["uploadedFileSize"]?.intValue == Self.fileSize)
  }

  /// Issue 13: the bar read "0 B · 0 chunks in flight" while the first chunks were sent. Held
  /// before any byte reaches the server, it counts the chunks handed to the connections.
  @Test func theBarCountsTheChunksOnTheirWayBeforeAnyIsAcknowledged() async throws {
    let walk = try await start()
    defer { walk.stop() }
    try walk.sendHolding(at: 0)
    let held = try await walk.console.waitFor("bytes on their way") { screen in
      guard let figures = screen.line(containing: " / 1.0 MiB"),
        let match = figures.firstMatch(of: /([0-9.]+) (B|KiB|MiB) \/ 1\.0 MiB/), let value = Double(match.1)
      else { return false }
      return value > 0 && figures.contains(" in flight")
    }
    // The first chunk goes alone (the token is checked by it); the report of it, right after
    // the upload's first, is not dropped by a throttle.
    #expect(held.line(containing: " in flight")?.contains("1 chunk in flight") == true)
    #expect((walk.storedBytes?.count ?? 0) == 0, "held by the proxy: the server has none of them")
    walk.proxy.release()
    let done = try await walk.console.waitFor(text: "Step 2 done")
    #expect(done.contains("\"uploadedFileSize\": \(Self.fileSize)"))
  }

  @Test func escapeCancelsARunningUploadAndSendingAgainResumesIt() async throws {
    let walk = try await start()
    defer { walk.stop() }
    try walk.sendHolding(at: 0.5)
    try await walk.waitForProgress(total: "1.0 MiB")
    try walk.console.press("Escape")
    let cancelled = try await walk.console.waitFor("the cancelled upload") {
      $0.contains("Step 2 cancelled · r resumes the upload") && $0.contains("✗ Upload cancelled at")
    }
    #expect(!cancelled.contains("Sending step 2…"))
    #expect(cancelled.line(containing: "Upload cancelled at")?.contains("/ 1.0 MiB) · r resumes it") == true)
    let acknowledged = try await walk.waitForSavedCheckpoint(atLeast: 1)

    // Still responsive: other steps open and the cancelled one says so when we come back.
    try walk.console.press("3")
    try await walk.console.waitFor("step 3") { $0.contains("step 3/5") && $0.contains("mediaType") }
    try walk.console.press("2")
    try await walk.console.waitFor("step 2 again") { $0.contains("step 2/5") && $0.contains("Upload cancelled at") }

    // The held bytes of the cancelled chunks flow now and count against the resume: stricter.
    let before = walk.proxy.bytesSentUpstream
    walk.proxy.release()
    let done = try await walk.resumeAndCheckOnlyTheRestWent(
      acknowledged: acknowledged, since: before, allowance: Self.resumeAllowance,
      oneExchange: "a cancelled request records no exchange")
    #expect(!done.contains("cancelled at"))
  }

  @Test func aCancelledUploadResumesAfterTheSessionIsOpenedAgain() async throws {
    let walk = try await start()
    defer { walk.stop() }
    try walk.sendHolding(at: 0.5)
    try await walk.waitForProgress(total: "1.0 MiB")
    try walk.console.press("Escape")
    try await walk.console.waitFor("the cancel saved") {
      $0.contains("Step 2 cancelled") && $0.line(containing: "upload.session.json")?.hasSuffix(" saved") == true
    }
    #expect(try await walk.quitAndReadUploadExchanges().isEmpty)
    let saved = try SessionFile.document(path: walk.session)
    #expect(saved["steps"]?[1]?["upload"]?["uploadTokenId"]?.stringValue == walk.token)
    let acknowledged = try #require(walk.savedCheckpointBytes)
    #expect(acknowledged > 0 && acknowledged < Self.fileSize)
    try await walk.served.releaseAndDrain()
    let before = walk.proxy.bytesSentUpstream

    try walk.console.run("clear; " + walk.command + "; echo console-exit=$?")
    try await walk.console.waitFor("the session on step 2") {
      $0.contains("step 2/5") && $0.line(containing: "fileData")?.contains("big.mp4") == true
    }
    // Reopening fetches the spec too; its request is a few hundred bytes, within the allowance.
    try await walk.resumeAndCheckOnlyTheRestWent(
      acknowledged: acknowledged, since: before, allowance: Self.resumeAllowance)
  }
}
