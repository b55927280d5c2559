import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where the tmux tests find their tools; they are skipped when either is missing.
enum TuiTools {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static let tmux: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// `RECIPE_CONSOLE_BINARY`, else `recipe-console` beside the test bundle (the build
  /// directory), else `.build/debug`.
  static let binary: String? = {
    if let given = ProcessInfo.processInfo.environment["RECIPE_CONSOLE_BINARY"] { return given }
    var candidates: [String] = []
    if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
      candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().path + "/recipe-console")
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(argument0.path + "/recipe-console")
    candidates.append(argument0.deletingLastPathComponent().path + "/recipe-console")
    candidates.append(repositoryRoot + "/.build/debug/recipe-console")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  static var available: Bool { tmux != nil && binary != nil }
}

struct TuiTimeout: Error, CustomStringConvertible {
  var description: String
}

/// A private tmux server (its own `-L` socket) with one window running /bin/sh in the
/// repository, a scratch directory for the console's data and sessions, and helpers to type,
/// read the screen and wait for text. `stop()` kills the server and everything in it.
final class TmuxConsole {
  let socket: String
  let scratch: String
  let prompt = "tui-e2e$ "

  init(width: Int = 120, height: Int = 40) throws {
    let id = UUID().uuidString.prefix(8).lowercased()
    socket = "recipe-console-e2e-\(getpid())-\(id)"
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rc-tui-\(id)").path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let shell = "env PS1='\(prompt)' /bin/sh"
    try tmux([
      "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", "-c", TuiTools.repositoryRoot, shell,
    ])
  }

  /// The console's command line with an environment of its own: no KALTURA_* settings, data
  /// and sessions in the scratch directory.
  func consoleCommand(_ arguments: String, environment: String = "") -> String {
    let unset = ProcessInfo.processInfo.environment.keys.filter { $0.hasPrefix("KALTURA_") }.map { "-u \($0) " }
      .joined()
    return
      "env \(unset)\(environment) XDG_DATA_HOME=\(scratch)/data XDG_STATE_HOME=\(scratch)/state \(TuiTools.binary!) \(arguments)"
  }

  /// Types a command line and Enter.
  func run(_ line: String) throws {
    try tmux(["send-keys", "-t", "main", "-l", line])
    try tmux(["send-keys", "-t", "main", "Enter"])
  }

  /// Types text literally (no key names).
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", "main", "-l", text])
  }

  /// A left click at a 0-based cell, as the terminal reports it (X10 mouse encoding, which
  /// tmux's default `screen` terminal announces): press, then release.
  func click(x: Int, y: Int) throws {
    func report(_ button: Int) -> String {
      "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
        + String(UnicodeScalar(UInt8(33 + y)))
    }
    try type(report(0) + report(3))
  }

  /// Sends tmux key names (`Enter`, `Escape`, `C-c`) or literal characters.
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "main"] + keys)
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
  }

  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", "main"])
  }

  /// The screen with its colours and attributes as SGR escape sequences.
  func styledScreen() throws -> String {
    try tmux(["capture-pane", "-p", "-e", "-t", "main"])
  }

  /// Polls the screen until `condition` holds; throws with the last screen after `seconds`
  /// (generous: a loaded machine may take many seconds to start the console or draw a frame).
  @discardableResult
  func waitFor(
    _ what: String, seconds: Double = 60, _ condition: (String) -> Bool
  ) async throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if condition(last) { return last }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw TuiTimeout(description: "waited \(Int(seconds)) s for \(what); the screen was:\n\(last)")
  }

  @discardableResult
  func waitFor(text: String, seconds: Double = 60) async throws -> String {
    try await waitFor("\"\(text)\"", seconds: seconds) { $0.contains(text) }
  }

  /// The walk on screen with its spec's forms: the spec loads behind the first frame, and keys
  /// meant for a typed field (a picker, a file field) must not reach the recipe's own form.
  @discardableResult
  func waitForTypedWalk(steps: Int = 5) async throws -> String {
    try await waitFor("step 1/\(steps) with the spec's forms") {
      $0.contains("step 1/\(steps)") && !$0.contains("loading spec")
    }
  }

  /// Presses `key` until `condition` holds, one press at a time: each waits until the screen has
  /// changed (the key was handled), so a slow console never gets keys queued past the goal.
  @discardableResult
  func press(
    _ key: String, until what: String, atMost presses: Int = 30, _ condition: (String) -> Bool
  ) async throws -> String {
    var current = try screen()
    for _ in 0..<presses where !condition(current) {
      let before = current
      try press(key)
      current = try await waitFor("the screen to change after \(key), on the way to \(what)") { $0 != before }
    }
    guard condition(current) else {
      throw TuiTimeout(description: "\(presses) × \(key) did not reach \(what); the screen was:\n\(current)")
    }
    return current
  }

  /// The process id of the program the shell is running (the console), if any.
  func consoleProcessID() throws -> pid_t? {
    let shell = try tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let children = try Self.execute("/usr/bin/pgrep", ["-P", shell]).output
    return children.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }.first
  }

  func stop() {
    _ = try? tmux(["kill-server"])
    // tmux leaves the socket file of a killed server behind.
    let socketDirectory = (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())"
    try? FileManager.default.removeItem(atPath: socketDirectory + "/" + socket)
    try? FileManager.default.removeItem(atPath: scratch)
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let result = try Self.execute(TuiTools.tmux!, ["-L", socket, "-f", "/dev/null"] + arguments)
    guard result.status == 0 else {
      throw TuiTimeout(description: "tmux \(arguments.joined(separator: " ")) failed: \(result.output)")
    }
    return result.output
  }

  /// Runs a program to the end; its stdout and stderr together. posix_spawn rather than
  /// Foundation's `Process`: `tmux new-session` leaves a server running that inherits the
  /// descriptors `Process` watches for the child's exit, so `waitUntilExit` never returns.
  static func execute(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The tmux server must die of the signals a test sends, whatever this process blocks.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([path] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], environ)
    guard spawned == 0 else { throw TuiTimeout(description: "cannot start \(path): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = FileManager.default.contents(atPath: outputPath) ?? Data()
    // WEXITSTATUS, which Swift does not import: the exit code sits in bits 8-15.
    return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
  }
}

extension String {
  /// Kaltura ids on a screen (`0_` and 32 hex digits for upload tokens).
  var uploadTokenIDs: [String] {
    let pattern = try! NSRegularExpression(pattern: "0_[0-9a-f]{32}")
    let range = NSRange(startIndex..., in: self)
    return pattern.matches(in: self, range: range).compactMap { Range($0.range, in: self).map { String(self[$0]) } }
  }

  /// The screen line that contains `text`.
  func line(containing text: String) -> String? {
    split(separator: "\n").first { $0.contains(text) }.map(String.init)
  }
}
