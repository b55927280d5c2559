import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 6's "first full frame in under 100 ms": the release `recipe-console` (beside this
/// executable) opens recipes/upload.md on the embedded sandbox inside a private tmux server;
/// the time runs from starting the window to the first capture showing the walk's header.
/// Includes starting the sandbox (its spec loads behind the first frame); the poll adds a few ms.
///
/// Issue 12's "the full spec adds < 100 ms": the same first frame with the sandbox's whole OVP
/// spec (fetched from its `/api_v3/openapi.json`, as the console does) and without it (`--spec`
/// of an empty document, so the forms are the recipe's own); the difference is the spec's cost.
/// The time until the forms are typed (the header's "loading spec…" gone) is reported beside it.
func runConsoleBenchmarks() async throws {
  let console = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/recipe-console"
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  guard FileManager.default.isExecutableFile(atPath: console),
    let tmux = path.split(separator: ":").map({ "\($0)/tmux" }).first(where: {
      FileManager.default.isExecutableFile(atPath: $0)
    })
  else {
    print("console: skipped (needs tmux and the release recipe-console beside the bench)")
    return
  }
  let scratch = NSTemporaryDirectory() + "recipe-console-console-bench-\(getpid())"
  defer { try? FileManager.default.removeItem(atPath: scratch) }
  try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
  let emptySpec = scratch + "/empty.openapi.json"
  try Data(#"{"swagger":"2.0","info":{"title":"none","version":"0"},"paths":{},"definitions":{}}"#.utf8)
    .write(to: URL(fileURLWithPath: emptySpec))
  guard let full = firstFrames(console: console, tmux: tmux, scratch: scratch, label: "full") else {
    print("console: the first frame never appeared")
    return
  }
  print(
    "console: first full frame of recipes/upload.md (embedded sandbox, full OVP spec, 120x40): best "
      + "\(formatMilliseconds(full.best)), median \(formatMilliseconds(full.median)) (goal < 100 ms)")
  if let typed = firstFrames(console: console, tmux: tmux, scratch: scratch, label: "typed", typed: true) {
    print(
      "console: the same until its forms are typed (the spec arrived): best \(formatMilliseconds(typed.best)), "
        + "median \(formatMilliseconds(typed.median)) (no goal: the walk answers keys meanwhile)")
  }
  guard
    let bare = firstFrames(
      console: console, tmux: tmux, scratch: scratch, label: "bare", arguments: ["--spec", emptySpec])
  else {
    print("console: the first frame without the spec never appeared")
    return
  }
  print(
    "console: the same without the spec (--spec of an empty document): best \(formatMilliseconds(bare.best)), "
      + "median \(formatMilliseconds(bare.median)); the full spec adds "
      + "\(formatMilliseconds(full.median - bare.median)) (median; goal < 100 ms)")
}

/// Best and median time to the first frame (`typed`: the first with the spec's forms) over 5
/// runs; nil when it never appeared.
private func firstFrames(
  console: String, tmux: String, scratch: String, label: String, arguments: [String] = [], typed: Bool = false
) -> (best: Double, median: Double)? {
  var times: [Double] = []
  for run in 0..<5 {
    let socket = "recipe-console-bench-\(getpid())-\(label)-\(run)"
    let command =
      "env XDG_DATA_HOME=\(scratch)/data XDG_STATE_HOME=\(scratch)/state \(console) "
      + (arguments + ["recipes/upload.md"]).joined(separator: " ")
    let start = ContinuousClock.now
    _ = benchSpawn(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command])
    var seen = false
    while !seen && ContinuousClock.now - start < .seconds(10) {
      let screen = benchSpawn(tmux, ["-L", socket, "capture-pane", "-p"])
      seen = screen.contains("step 1/5") && !(typed && screen.contains("loading spec…"))
    }
    let elapsed = ContinuousClock.now - start
    // kill-server alone left the servers (and the consoles with their embedded sandboxes)
    // running after the bench: the server and pane are also killed by their pids.
    let pids = benchSpawn(tmux, ["-L", socket, "display-message", "-p", "#{pid} #{pane_pid}"])
      .split(whereSeparator: \.isWhitespace).compactMap { pid_t(String($0)) }
    _ = benchSpawn(tmux, ["-L", socket, "kill-server"])
    for pid in pids { kill(pid, SIGKILL) }
    try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    if seen { times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) }
  }
  guard let best = times.min() else { return nil }
  return (best, times.sorted()[times.count / 2])
}

/// Runs a program and returns its output. posix_spawn, not `Process`: the tmux server that
/// `new-session` leaves running inherits the descriptors `Process` waits on.
private func benchSpawn(_ path: String, _ arguments: [String]) -> String {
  let output = NSTemporaryDirectory() + "recipe-console-bench-\(getpid()).out"
  defer { unlink(output) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv = ([path] + arguments).map { strdup($0) }
  defer { argv.forEach { free($0) } }
  var pid = pid_t()
  guard posix_spawn(&pid, path, &actions, nil, argv + [nil], environ) == 0 else { return "" }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
  return String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
}
