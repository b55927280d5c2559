import Foundation
import JSONValue
import JSONViewer
import Recipes
import TerminalUI
import Walkthrough

// The JSON viewer at 50 MB: first screen of `recipe-console view` against `jq .`, a key, a
// search, peak memory, and a console frame with the reply on screen.

let viewerChildMode = "viewer-child"

/// `recipe-console-bench viewer-child FILE`: loads FILE as `recipe-console view` does, draws
/// the first screen, and prints the seconds it took and the peak RSS, in a fresh process.
func runViewerChildIfRequested() -> Bool {
  let arguments = CommandLine.arguments
  guard arguments.count == 3, arguments[1] == viewerChildMode else { return false }
  let start = ContinuousClock.now
  // As `recipe-console view` reads it: mapped, parsed in place.
  let content = { () -> LoadedDocument.Content in
    let data = (try? Data(contentsOf: URL(fileURLWithPath: arguments[2]), options: .alwaysMapped)) ?? Data()
    return data.withUnsafeBytes { LoadedDocument.Content(utf8: $0.bindMemory(to: UInt8.self)) }
  }()
  let document = LoadedDocument(content)
  let loaded = seconds(since: start)
  let screen = ViewerScreen(index: document.index, title: "big.json", width: 120, height: 40)
  let canvas = view(screen)
  let seconds = seconds(since: start)
  precondition(canvas.renderText().contains("\"objects\": ["), "the first screen is wrong")
  FileHandle.standardError.write(Data("viewer-child: loaded in \(loaded) s\n".utf8))
  print("\(seconds) \(peakResidentMegabytes())")
  return true
}

func runViewerBenchmarks() throws {
  let (text, count, lateID) = mediaListDocument(megabytes: 50)
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-console-bench-big.json").path
  try Data(text.utf8).write(to: URL(fileURLWithPath: file))
  defer { try? FileManager.default.removeItem(atPath: file) }
  let fileMegabytes = Double(text.utf8.count) / 1_048_576
  print("viewer: \(String(format1: fileMegabytes, decimals: 1)) MiB media.list, \(count) entries")

  // First screen in a fresh process (as `recipe-console view` starts), best of three.
  var firstScreen = Double.infinity
  var peak = 0.0
  for _ in 0..<3 {
    let output = try runCapturing(CommandLine.arguments[0], [viewerChildMode, file])
    let figures = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard figures.count == 2 else { throw BenchError("viewer child printed \(output)") }
    firstScreen = min(firstScreen, figures[0])
    peak = max(peak, figures[1])
  }
  print("  view first screen: \(formatMilliseconds(firstScreen)) · goal < 1 s: \(firstScreen < 1 ? "met" : "MISSED")")
  if let jq = which("jq") {
    let jqSeconds = try bestTime(repeats: 2) { _ = try runCapturing(jq, [".", file], discardOutput: true) }
    let ratio = firstScreen / jqSeconds
    print(
      "  jq . same file: \(formatMilliseconds(jqSeconds)) · ratio \(String(format1: ratio, decimals: 2)) · "
        + "goal ≤ 0.3× jq: \(ratio <= 0.3 ? "met" : "MISSED")")
  } else {
    print("  jq . : SKIPPED (jq not installed; apt-get install jq) · goal ≤ 0.3× jq: not measured")
  }
  let peakRatio = peak / fileMegabytes
  print(
    "  peak RSS: \(String(format1: peak, decimals: 0)) MiB = \(String(format1: peakRatio, decimals: 2))× the file · "
      + "goal < 4×: \(peakRatio < 4 ? "met" : "MISSED")")

  // Keys on the standalone viewer: the worst of each over repeated presses.
  let document = LoadedDocument(bytes: Array(text.utf8))
  var screen = ViewerScreen(index: document.index, title: "big.json", width: 120, height: 40)
  var worstKey = 0.0
  for (name, key) in [("↓", Key.down), ("PgDn", .pageDown), ("fold", .character(" ")), ("G", .character("G"))] {
    var worst = 0.0
    for _ in 0..<5 {
      let start = ContinuousClock.now
      _ = update(&screen, .key(key))
      _ = view(screen)
      worst = max(worst, seconds(since: start))
    }
    print("  key \(name) (update + view): \(formatMilliseconds(worst))")
    worstKey = max(worstKey, worst)
  }
  let foldLevel = bestTime(repeats: 1) {
    _ = update(&screen, .key(.character("2")))
    _ = view(screen)
  }
  print("  fold to level 2 (every entry): \(formatMilliseconds(foldLevel))")
  print("  goal: a key < 16 ms: \(worstKey < 0.016 ? "met" : "MISSED") (worst \(formatMilliseconds(worstKey)))")

  let index = document.index
  var found: [Int32] = []
  let searchSeconds = try bestTime { found = try index.rows(matching: lateID) ?? [] }
  guard !found.isEmpty else { throw BenchError("the late id \(lateID) was not found") }
  print(
    "  search of a late id (\(lateID), \(found.count) rows): \(formatMilliseconds(searchSeconds)) · goal < 500 ms: "
      + "\(searchSeconds < 0.5 ? "met" : "MISSED")")
  let filterSeconds = try bestTime(repeats: 1) { _ = index.rows(matching: try PathExpression("objects.*.id")) }
  print("  filter objects.*.id: \(formatMilliseconds(filterSeconds))")

  try consoleFrameBenchmark(reply: document.index.root)
}

/// The console with the 50 MB reply on its Reply tab: a frame is `view(model)`.
private func consoleFrameBenchmark(reply: JSONValue) throws {
  let recipe = Recipe.parse(
    text: """
      # Big list
      Lists everything.

      ## List entries
      The whole library, *at once*.

      ### API Call
      ```json
      {"method": "post", "path": "/service/media/action/list", "parameters": []}
      ```
      """, file: "big.md")
  let credentials = ServiceCredentials(serviceURL: "http://127.0.0.1:1", partnerID: 100, ks: nil, adminSecret: nil)
  let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: credentials)
  var model = Model(
    engine: engine, serviceLabel: "http://127.0.0.1:1", sessionPath: nil, isEmbeddedSandbox: false, width: 120,
    height: 40)
  let exchange = Exchange(
    method: "POST", url: "http://127.0.0.1:1/api_v3/service/media/action/list", status: 200, reply: reply,
    replyIsJSON: true, ok: true, milliseconds: 900)
  var commands: [Command] = []
  let arrival = bestTime(repeats: 1) { commands = update(&model, .stepReplied(step: 0, exchange)) }
  print("  console: reply arrives (on the loop): \(formatMilliseconds(arrival))")
  guard case .buildViewer(let job)? = commands.first(where: { if case .buildViewer = $0 { true } else { false } })
  else { throw BenchError("a big reply is laid out off the loop") }
  var built: Message?
  let layout = bestTime(repeats: 1) { built = job.run() }
  print("  console: reply laid out off the loop (redact + index, once): \(formatMilliseconds(layout))")
  if let built { _ = update(&model, built) }
  model.focus = .reply
  let frame = bestTime(repeats: 20) { _ = view(model) }
  var worstKey = 0.0
  for key in [Key.down, .pageDown, .character("G"), .character(" "), .character("g")] {
    let start = ContinuousClock.now
    _ = update(&model, .key(key))
    _ = view(model)
    worstKey = max(worstKey, seconds(since: start))
  }
  let screen = view(model).renderText()
  guard screen.contains("\"objectType\": \"KalturaMediaListResponse\"") else {
    throw BenchError("the reply is not on screen:\n\(screen)")
  }
  print(
    "  console view(model) with the reply on screen: \(formatMilliseconds(frame)) · goal < 5 ms: \(frame < 0.005 ? "met" : "MISSED")"
  )
  print("  console key (update + view), worst: \(formatMilliseconds(worstKey))")
}

/// A `media.list` reply of about `megabytes` MB; the id of an entry near the end.
func mediaListDocument(megabytes: Int) -> (text: String, count: Int, lateID: String) {
  let template = """
    {"objectType":"KalturaMediaEntry","id":"0_%ID%","name":"Entry %ID% — a title","description":"A longer \
    description with \\"quotes\\" and unicode 日本語","partnerId":100,"userId":"admin","tags":"a,b,c",\
    "categories":"","status":2,"moderationStatus":6,"type":1,"mediaType":1,"duration":123,"msDuration":123500,\
    "createdAt":1700000000,"updatedAt":1700000001,"plays":0,"views":12,"width":1920,"height":1080,\
    "dataUrl":"http://127.0.0.1/p/100/sp/10000/playManifest/entryId/0_%ID%/format/url/protocol/http",\
    "thumbnailUrl":"http://127.0.0.1/p/100/thumbnail/entry_id/0_%ID%","flavorParamsIds":"0,1,2,3",\
    "operationAttributes":[],"capabilities":""}
    """
  let parts = template.components(separatedBy: "%ID%")
  var text = "{\"objectType\":\"KalturaMediaListResponse\",\"objects\":["
  let target = megabytes << 20
  var count = 0
  while text.utf8.count < target {
    if count > 0 { text += "," }
    text += parts.joined(separator: String(format: "%08x", count))
    count += 1
  }
  text += "],\"totalCount\":\(count)}"
  return (text, count, "0_" + String(format: "%08x", count - 3))
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// VmHWM of this process, in MiB.
func peakResidentMegabytes() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return 0 }
  let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
  return kilobytes / 1024
}

private func which(_ program: String) -> String? {
  for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
    let path = "\(directory)/\(program)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

private func runCapturing(_ executable: String, _ arguments: [String], discardOutput: Bool = false) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  if discardOutput {
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
  } else {
    process.standardOutput = pipe
  }
  try process.run()
  let data = discardOutput ? Data() : pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw BenchError("\(executable) exited \(process.terminationStatus)") }
  return String(decoding: data, as: UTF8.self)
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
