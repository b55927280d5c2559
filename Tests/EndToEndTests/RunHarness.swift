import Foundation
import JSONValue
import Walkthrough

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built `recipe-console` and a scratch directory for one test. Children get an environment
/// without KALTURA_* variables and with their own data directory.
struct RunHarness {
  static let adminSecret = "e2e-admin-secret-4f1c9a7d2b"
  let directory: String
  /// Set on top of the child's environment.
  var extraEnvironment: [String: String] = [:]

  init() throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("recipe-console-e2e-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }

  static var repositoryRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }

  static var uploadRecipe: String { repositoryRoot + "/recipes/upload.md" }

  /// A KS v2 as it would leak: `djJ8` ("v2|") followed by a long base64 body. Masked ones are short.
  static func containsUnmaskedKS(_ text: String) -> Bool {
    text.contains(/djJ8[A-Za-z0-9+\/=_-]{40,}/)
  }

  /// A saved session as one document, its exchanges inline (they live in `FILE.log`).
  static func sessionDocument(_ path: String) throws -> JSONValue { try SessionFile.document(path: path) }

  /// Every byte a saved session put on disk (state file and exchange log), for secret checks.
  static func sessionText(_ path: String) throws -> String {
    [path, path + ".log"].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
  }

  /// `RECIPE_CONSOLE_BINARY`, else `recipe-console` beside the test bundle, else `.build/debug`.
  static func binary() throws -> String {
    if let given = ProcessInfo.processInfo.environment["RECIPE_CONSOLE_BINARY"] { return given }
    var candidates: [String] = []
    if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
      candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().path + "/recipe-console")
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(argument0.path + "/recipe-console")
    candidates.append(argument0.deletingLastPathComponent().path + "/recipe-console")
    candidates.append(repositoryRoot + "/.build/debug/recipe-console")
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw ProxyError("recipe-console is not built (looked in \(candidates)); run swift build first")
    }
    return found
  }

  var childEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KALTURA_") }
    environment["XDG_DATA_HOME"] = directory + "/xdg"
    environment.merge(extraEnvironment) { _, new in new }
    return environment
  }

  /// Starts `recipe-console ARGS` with stdout and stderr going to files in the scratch directory.
  func start(_ arguments: [String], name: String) throws -> RunChild {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try Self.binary())
    process.arguments = arguments
    process.environment = childEnvironment
    process.currentDirectoryURL = URL(fileURLWithPath: Self.repositoryRoot)
    let out = directory + "/\(name).out"
    let err = directory + "/\(name).err"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return RunChild(process: process, stdoutPath: out, stderrPath: err)
  }

  /// Runs `recipe-console ARGS` to the end.
  func run(_ arguments: [String], name: String) async throws -> RunResult {
    let child = try start(arguments, name: name)
    return await child.finish()
  }

  /// A file of pseudo-random bytes in the scratch directory.
  func makeFile(name: String, size: Int, seed: UInt64) throws -> (path: String, bytes: [UInt8]) {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: size)
    for index in stride(from: 0, to: size, by: 8) {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      for offset in 0..<min(8, size - index) { bytes[index + offset] = UInt8(truncatingIfNeeded: z >> (offset * 8)) }
    }
    let path = directory + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return (path, bytes)
  }
}

/// A running `recipe-console`.
struct RunChild: @unchecked Sendable {
  let process: Process
  let stdoutPath: String
  let stderrPath: String

  var isRunning: Bool { process.isRunning }

  func kill(_ signal: Int32) { _ = Foundation.kill(process.processIdentifier, signal) }

  /// Waits for the exit by polling `isRunning` with `Task.sleep`, never `waitUntilExit`, which can
  /// park a cooperative thread for good on Linux. A child still running after `seconds` is
  /// SIGKILLed, and its result says so in stderr, so a hung child fails its test, not the run.
  func finish(within seconds: Double = 600) async -> RunResult {
    let overran = await !exited(within: seconds)
    if overran {
      kill(SIGKILL)
      _ = await exited(within: 10)
    }
    return result(overran: overran ? seconds : nil)
  }

  private func exited(within seconds: Double) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
    return !process.isRunning
  }

  /// For a synchronous `defer`: sends `signal`, waits up to `seconds` (blocking, so keep it
  /// short), then SIGKILLs.
  func stopNow(_ signal: Int32 = SIGTERM, within seconds: Double = 10) {
    kill(signal)
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(SIGKILL) }
  }

  private func result(overran seconds: Double?) -> RunResult {
    let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    // `terminationStatus` traps while the process still counts as running.
    guard !process.isRunning else {
      return RunResult(
        status: -1, killed: true, stdout: stdout, stderr: stderr + "\n(the test's harness: no exit seen)")
    }
    let note = seconds.map { "\n(the test's harness: killed after \(Int($0)) s)" } ?? ""
    return RunResult(
      status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal, stdout: stdout,
      stderr: stderr + note)
  }
}

struct RunResult {
  var status: Int32
  var killed: Bool
  var stdout: String
  var stderr: String

  /// `--json` output: one object per non-empty line.
  func jsonLines() throws -> [JSONValue] {
    try stdout.split(separator: "\n").filter { !$0.isEmpty }.map { try JSONValue(parsing: String($0)) }
  }
}

/// `recipe-console serve` on 127.0.0.1:0 with its own data directory, as a child process.
struct RunSandbox {
  let child: RunChild
  /// `http://127.0.0.1:PORT/api_v3`
  let baseURL: String
  let port: Int
  let partnerID: Int

  static func start(_ harness: RunHarness, dataDirectory: String? = nil) async throws -> RunSandbox {
    let child = try harness.start(
      [
        "serve", "--port", "0", "--data", dataDirectory ?? harness.directory + "/sandbox", "--conversion-delay", "0",
        "--admin-secret", RunHarness.adminSecret,
      ], name: "serve")
    for _ in 0..<600 {
      let text = (try? String(contentsOfFile: child.stdoutPath, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("sandbox: ") }) {
        let words = line.split(separator: " ")
        guard words.count >= 4, let url = URL(string: String(words[1])), let port = url.port,
          let partner = Int(words[3])
        else { break }
        return RunSandbox(child: child, baseURL: String(words[1]), port: port, partnerID: partner)
      }
      if !child.isRunning { break }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
    child.kill(SIGKILL)
    let result = await child.finish()
    throw ProxyError("recipe-console serve did not start: \(result.stdout) \(result.stderr)")
  }

  func stop() async {
    child.kill(SIGTERM)
    _ = await child.finish()
  }
}

/// A plain HTTP/1.1 GET over a socket to 127.0.0.1 (the sandbox's download URLs, and API calls
/// with their parameters in the query).
enum RunHTTP {
  static func get(_ url: String) throws -> (status: Int, body: [UInt8]) {
    guard let parsed = URL(string: url), parsed.host == "127.0.0.1", let port = parsed.port else {
      throw ProxyError("not a loopback URL: \(url)")
    }
    let path = (parsed.path.isEmpty ? "/" : parsed.path) + (parsed.query.map { "?" + $0 } ?? "")
    let fd = socket(AF_INET, RunCountingProxy.streamType, 0)
    defer { close(fd) }
    var address = RunCountingProxy.loopback(port: port)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw ProxyError("connect \(url): \(String(cString: strerror(errno)))") }
    // A sandbox that stops answering fails the test within a minute instead of blocking it.
    var patience = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { break }
      response += buffer[0..<got]
    }
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    guard let end = response.indices.first(where: { response[$0...].starts(with: separator) }) else {
      throw ProxyError("no HTTP header in the reply from \(url)")
    }
    let head = String(decoding: response[..<end], as: UTF8.self)
    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    return (status, Array(response[(end + 4)...]))
  }
}
