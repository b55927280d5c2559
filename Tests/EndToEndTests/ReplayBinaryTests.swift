import ChildProcess
import Foundation
import JSONValue
import Testing
import Walkthrough

/// `recipe-console run` then `recipe-console replay` as built binaries, each against its own
/// embedded sandbox (data under its own XDG_DATA_HOME, the replay as partner 200). Skipped when
/// the binary has not been built.
@Suite(.serialized, .enabled(if: TuiTools.binary != nil, "needs a built recipe-console"))
struct ReplayBinaryTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var binary: String? { TuiTools.binary }

  @Test func recordedRunReplaysAgainstAnotherSandbox() async throws {
    let binary = try #require(Self.binary)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    try Data((0..<50_000).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: path("movie.mp4")))
    let recipe = Self.repository.appendingPathComponent("recipes/upload.md").path

    let record = try await ReplayProcess.run(
      binary,
      [
        "run", recipe, "--file", path("movie.mp4"), "--set", "3.entry.name=Demo", "--set", "3.entry.mediaType=1",
        "--save", path("s.json"),
      ],
      environment: ["XDG_DATA_HOME": path("a")])
    try #require(record.status == 0, "run failed: \(record.stderr)")

    let replay = try await ReplayProcess.run(
      binary,
      [
        "replay", path("s.json"), "--partner-id", "200", "--json", "--save", path("new.json"), "--report", "junit",
        path("r.xml"), "--report", "tap", path("r.tap"),
      ], environment: ["XDG_DATA_HOME": path("b")])
    #expect(replay.status == 0, "\(replay.stdout)\n\(replay.stderr)")
    let lines = replay.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines.allSatisfy { $0.contains("\"result\":\"ok\"") })
    #expect(!ReplayProcess.containsUnmaskedKS(replay.stdout + replay.stderr))
    let saved = try String(contentsOfFile: path("new.json"), encoding: .utf8)
    #expect(saved.contains("\"partnerId\": 200"))
    #expect(!ReplayProcess.containsUnmaskedKS(saved))
    #expect(
      try String(contentsOfFile: path("r.tap"), encoding: .utf8).hasPrefix("TAP version 13\n1..5\nok 1 - step 1: "))
    #expect(try String(contentsOfFile: path("r.xml"), encoding: .utf8).contains("failures=\"0\""))

    // Another service without a KS or a secret: a usage error before anything is sent.
    let noSession = try await ReplayProcess.run(
      binary, ["replay", path("s.json"), "--service-url", "http://127.0.0.1:9", "--partner-id", "1"])
    #expect(noSession.status == 2, "\(noSession.stdout)\n\(noSession.stderr)")
    #expect(noSession.stderr.contains("error: step 1 needs a session: give --ks, or --admin-secret"))
    #expect(!noSession.stdout.contains("replaying"))

    // A recorded reply edited by hand is a difference: exit 1, named by path.
    var session = try SessionFile.document(path: path("s.json"))
    #expect(session.value(atPath: "steps.2.exchanges.0.reply.mediaType") == 1)
    session.setValue(99, atPath: "steps.2.exchanges.0.reply.mediaType")
    try Data(session.prettyText().utf8).write(to: URL(fileURLWithPath: path("s.json")))
    let different = try await ReplayProcess.run(
      binary, ["replay", path("s.json"), "--partner-id", "200"], environment: ["XDG_DATA_HOME": path("b")])
    #expect(different.status == 1, "\(different.stderr)")
    #expect(different.stdout.contains("mediaType: 99 → 1"), "\(different.stdout)")
    #expect(different.stdout.contains("DIFFERENT"))
  }

  @Test func aChangedChunkedUploadFileIsCaughtByItsFingerprint() async throws {
    let binary = try #require(Self.binary)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    var movie = Data((0..<(3 << 20)).map { UInt8($0 % 253) })
    try movie.write(to: URL(fileURLWithPath: path("movie.mp4")))
    let record = try await ReplayProcess.run(
      binary,
      [
        "run", Self.repository.appendingPathComponent("recipes/upload.md").path, "--file", path("movie.mp4"),
        "--chunk-size", "1MiB", "--set", "3.entry.name=Demo", "--set", "3.entry.mediaType=1", "--save", path("s.json"),
      ], environment: ["XDG_DATA_HOME": path("a")])
    try #require(record.status == 0, "run failed: \(record.stderr)")
    let session = try SessionFile.document(path: path("s.json"))
    try #require(session.value(atPath: "steps.1.upload.file.headTailHash") != nil, "the run kept no fingerprint")

    // Same size, one byte changed near the start: only the fingerprint can tell.
    movie[10] ^= 0xFF
    try movie.write(to: URL(fileURLWithPath: path("movie.mp4")))
    let replay = try await ReplayProcess.run(
      binary, ["replay", path("s.json"), "--partner-id", "200"], environment: ["XDG_DATA_HOME": path("b")])
    #expect(replay.status == 2)
    #expect(replay.stderr.contains("step 2 ("), "\(replay.stderr)")
    #expect(replay.stderr.contains("\(path("movie.mp4")) (field fileData) changed since the session was recorded"))
    #expect(replay.stderr.contains("first or last MiB differs"))
    #expect(replay.stdout.isEmpty, "nothing is sent before the files are checked: \(replay.stdout)")
  }

  @Test func usageErrorsExitTwo() async throws {
    let binary = try #require(Self.binary)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.json").path
    try Data("{\"formatVersion\": 1,\n  \"recipe\": }".utf8).write(to: URL(fileURLWithPath: bad))
    let result = try await ReplayProcess.run(binary, ["replay", bad], environment: ["XDG_DATA_HOME": folder.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("\(bad): not valid JSON: line 2"), "\(result.stderr)")
    let missing = try await ReplayProcess.run(binary, ["replay", folder.appendingPathComponent("none.json").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot read the session file"))
    let report = try await ReplayProcess.run(binary, ["replay", bad, "--report", "xml", "r.xml"])
    #expect(report.status == 2)
    #expect(report.stderr.contains("--report xml: expected junit or tap"), "\(report.stderr)")
    let steps = try await ReplayProcess.run(binary, ["replay", bad, "--steps", "3-1"])
    #expect(steps.status == 2)
    #expect(steps.stderr.contains("--steps: expected A-B or A"), "\(steps.stderr)")
  }
}

/// Runs the binary with output captured in files (no pipe can fill up), killing it after
/// `timeout` seconds so a hung replay fails the test instead of the whole run.
enum ReplayProcess {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(
    _ binary: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 180
  ) async throws -> Result {
    var env = ProcessInfo.processInfo.environment
    for name in ["KALTURA_SERVICE_URL", "KALTURA_PARTNER_ID", "KALTURA_ADMIN_SECRET", "KALTURA_KS", "KALTURA_USER_ID"] {
      env[name] = nil
    }
    // Entries READY at once in both sandboxes: a slow machine must not turn a "converting"
    // status in the recorded walk into a difference on replay.
    env["RECIPE_CONSOLE_SANDBOX_DELAY"] = "0"
    env.merge(environment) { _, new in new }
    let ran = try await ChildProcess.run(
      binary, arguments, environment: env, mergingErrors: false, timeout: .seconds(timeout))
    return Result(status: ran.status, stdout: ran.output, stderr: ran.errors)
  }

  /// A v2 KS (base64 of "v2|", so "djJ8") long enough to be usable, not masked as "djJ8NDJ8…[n]".
  static func containsUnmaskedKS(_ text: String) -> Bool {
    text.contains(/djJ8[A-Za-z0-9+\/=_-]{30,}/)
  }
}
