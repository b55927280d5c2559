import ChildProcess
import Foundation
import Testing

/// A program on PATH, or nil.
func executableOnPath(_ name: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Issue 14's check in a real browser: the upload recipe walked headless on a sandbox with a
/// real MP4, its demo written by `demo`, and headless Chromium loading the page: the stand-in
/// player's `<video>` reaches `readyState >= 2` (it writes `data-ready-state` once `loadeddata`
/// fires). A screenshot is kept as an artefact (its path is printed).
@Suite("demo page in headless Chromium", .serialized)
struct DemoBrowserTests {
  static let chromium = executableOnPath("chromium")
  static let ffmpeg = executableOnPath("ffmpeg")

  @Test(
    "the upload demo plays the uploaded clip offline", .enabled(if: chromium != nil, "needs chromium on PATH"),
    .enabled(if: ffmpeg != nil, "needs ffmpeg on PATH"), .timeLimit(.minutes(3)))
  func uploadDemoPlaysInChromium() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let artefacts = FileManager.default.temporaryDirectory.appendingPathComponent(
      "recipe-console-demo-browser-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: artefacts, withIntermediateDirectories: true)
    let clip = harness.directory + "/clip.mp4"
    let made = try await Self.runTool(
      try #require(Self.ffmpeg),
      [
        "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=320x240:rate=25",
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", clip,
      ], seconds: 60)
    #expect(made.status == 0, "ffmpeg: \(made.output)")

    let sandbox = try await RunSandbox.start(harness)
    do {
      let walk = try await DemoWalk.upload(harness, sandbox: sandbox, file: clip)
      let page = try await harness.run(["demo", walk.session, "-o", artefacts + "/demo.html"], name: "demo")
      #expect(page.status == 0, "stderr: \(page.stderr)")
      let chromium = try #require(Self.chromium)
      let common = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
        "--autoplay-policy=no-user-gesture-required", "--user-data-dir=\(harness.directory)/chromium-profile",
        "--virtual-time-budget=8000",
      ]
      let url = URL(fileURLWithPath: artefacts + "/demo.html").absoluteString
      let dom = try await Self.runTool(chromium, common + ["--dump-dom", url], seconds: 90)
      let state = dom.output.firstMatch(of: /data-ready-state="(\d)"/).flatMap { Int($0.1) }
      #expect((state ?? 0) >= 2, "readyState \(state.map(String.init) ?? "never set"); DOM: \(dom.output.suffix(1500))")
      #expect(dom.output.contains("data-entry-id=\"\(walk.entryId)\""))
      #expect(!dom.output.contains("data-player-error"))

      let screenshot = artefacts + "/demo.png"
      _ = try await Self.runTool(
        chromium, common + ["--window-size=640,480", "--screenshot=\(screenshot)", url], seconds: 90)
      let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? NSNumber)?.intValue ?? 0
      #expect(size > 1000, "no screenshot at \(screenshot)")
      print("demo page screenshot: \(screenshot)")
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  /// Runs a program to the end (killed after `seconds`), its stdout and stderr together.
  static func runTool(_ program: String, _ arguments: [String], seconds: Double) async throws -> (
    status: Int32, output: String
  ) {
    let ran = try await ChildProcess.run(program, arguments, timeout: .seconds(seconds))
    return (ran.status, ran.output)
  }
}
