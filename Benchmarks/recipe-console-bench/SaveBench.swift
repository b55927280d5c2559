import Dispatch
import Foundation
import JSONValue
import Recipes
import Walkthrough

/// Issue 10 item 3: saving one new exchange into a session that already holds 200 exchanges
/// with 1 MiB replies costs what changed (a `SessionStore` log append: the record and its commit,
/// one fsync; the state file is left alone),
/// and handing a save over, as the console's key path does, never waits for the write.
func runSaveBenchmarks() throws {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-save-\(getpid())")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let path = directory.appendingPathComponent("big.session.json").path

  let recipe = Recipe.parse(
    text: """
      # Gets
      ## Get an entry
      ### API Call
      ```json
      {"method": "post", "path": "/service/media/action/get", "parameters": []}
      ```
      """, file: "gets.md")
  let identity = RecipeIdentity(path: "gets.md", title: "Gets", text: "gets")
  let credentials = ServiceCredentials(serviceURL: "http://127.0.0.1:1", partnerID: 100, ks: nil, adminSecret: nil)
  var engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: credentials)
  let blob = String(repeating: "x", count: 1 << 20)
  func exchange(_ index: Int) -> Exchange {
    Exchange(
      method: "POST", url: "http://127.0.0.1:1/api_v3/service/media/action/get?format=1", status: 200,
      reply: ["id": .string("0_\(index)"), "blob": .string(blob)], replyIsJSON: true, ok: true, milliseconds: 1,
      startedAt: 1_700_000_000 + Double(index))
  }
  for index in 0..<200 { engine.record(exchange(index), step: 0) }

  let store = SessionStore(path: path, recipe: identity)
  let first = try bestTime(repeats: 1) { try store.save(engine) }
  print("save: first save of 200 exchanges × 1 MiB (log written afresh): \(formatMilliseconds(first))")

  // Each run adds one exchange, as a reply arriving in the console or `run` does.
  var next = 200
  let append = try bestTime(repeats: 5) {
    engine.record(exchange(next), step: 0)
    next += 1
    try store.save(engine)
  }
  guard store.lastSave == .appended(records: 1) else { throw BenchError("the save was not incremental") }
  print(
    "  one new exchange (log append of the record and its commit, one fsync): \(formatMilliseconds(append)) · goal < 20 ms: "
      + "\(append < 0.02 ? "met" : "MISSED")")

  // The console's key path (SessionSaveQueue.save, mirrored by `BenchSaver`): the snapshot goes
  // into the schedule under a lock and the writer queue is woken; the write runs there. Timed
  // while the writer is busy with a save, so a hand-over that waited for it would show its time.
  let saver = BenchSaver(store: store, path: path)
  engine.record(exchange(next), step: 0)
  saver.save(engine)
  let handOver = bestTime(repeats: 5) { saver.save(engine) }
  let writes = saver.finish()
  print(
    "  hand-over on the key path while a save runs: \(formatMilliseconds(handOver)) · goal < 1 ms: "
      + "\(handOver < 0.001 ? "met" : "MISSED") (\(writes) writes for 6 saves: the latest wins)")
}

/// The console's saver in small: the schedule behind a lock, the store touched only on `queue`.
private final class BenchSaver: @unchecked Sendable {
  private let lock = NSLock()
  private var schedule = SaveSchedule<WalkthroughEngine>()
  private let queue = DispatchQueue(label: "bench.session-saver")
  private let store: SessionStore
  private let path: String
  private var writes = 0

  init(store: SessionStore, path: String) {
    self.store = store
    self.path = path
  }

  func save(_ engine: WalkthroughEngine) {
    lock.withLock { schedule.change(engine, path: path) }
    queue.async { self.drain() }
  }

  /// Waits for the writer; returns how many saves it wrote.
  func finish() -> Int {
    queue.sync { writes }
  }

  private func drain() {
    guard case .write(let pending) = lock.withLock({ schedule.next(now: 0) }) else { return }
    try? store.save(pending.snapshot)
    writes += 1
  }
}
