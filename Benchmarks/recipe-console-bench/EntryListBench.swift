import Foundation
import GRDB
import JSONValue
import KalturaWire
import Sandbox

/// `media.list` over 100 000 READY entries with a filter (`mediaTypeEqual` + `tagsMultiLikeOr`),
/// paged 30 at a time, through the sandbox's HTTP API; goal: < 20 ms a page. The entries are
/// written straight into the sandbox's `entry` table (adding them through the API would take
/// the benchmark's whole budget).
func runEntryListBenchmarks() async throws {
  let count = 100_000
  let work = NSTemporaryDirectory() + "entry-list-bench-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: work) }
  let server = try await SandboxServer.start(SandboxConfiguration(dataDirectory: work, conversionDelay: 0))
  do {
    try await measureEntryList(server, count: count, work: work)
  } catch {
    await server.stop()
    throw error
  }
  await server.stop()
}

private func measureEntryList(_ server: SandboxServer, count: Int, work: String) async throws {

  let now = Int(Date().timeIntervalSince1970)
  let database = try DatabaseQueue(path: work + "/sandbox.sqlite")
  let seeding = ContinuousClock.now
  try await database.write { db in
    let insert = try db.makeStatement(
      sql: """
        INSERT INTO entry (id, partnerId, userId, name, description, tags, referenceId, mediaType, deleted,
          contentPath, contentFileName, contentSize, contentAddedAt, createdAt, updatedAt, version, importTokenId,
          entryType, extraFields) VALUES (?,?,?,?,?,?,NULL,?,0,?,?,1,?,?,?,1,NULL,1,'{}')
        """)
    for i in 0..<count {
      let id = "0_" + String(i, radix: 36).leftPadded(to: 8)
      try insert.execute(arguments: [
        id, server.partnerID, "admin", "entry \(i)", "benchmark entry", "tag\(i % 10),bench", [1, 2, 5][i % 3],
        "entries/\(id)", "clip.mp4", Double(now - 100_000), now - count + i, now - count + i,
      ])
    }
  }
  print("entries: \(count) seeded in \(formatMilliseconds(seconds(since: seeding)))")

  let client = BenchClient(baseURL: server.baseURL)
  let ks =
    try await client.call(
      "session", "start", [("secret", server.adminSecret), ("partnerId", String(server.partnerID)), ("type", "2")]
    ).stringValue ?? ""
  let filter = [
    ("ks", ks), ("filter:objectType", "KalturaMediaEntryFilter"), ("filter:mediaTypeEqual", "1"),
    ("filter:tagsMultiLikeOr", "tag3,tag7"), ("filter:orderBy", "-createdAt"), ("pager:pageSize", "30"),
  ]
  var times: [Double] = []
  var firstVisits: [String] = []
  var total = 0
  for pageIndex in [1, 2, 3, 10, 50, 100, 150, 200, 222] {
    for visit in 0..<3 {
      let started = ContinuousClock.now
      let reply = try await client.call("media", "list", filter + [("pager:pageIndex", String(pageIndex))])
      times.append(seconds(since: started))
      if visit == 0 { firstVisits.append("\(pageIndex): \(formatMilliseconds(times.last ?? 0))") }
      total = reply["totalCount"]?.intValue ?? -1
      guard reply["objects"]?.arrayValue?.count == 30 else {
        throw TransportError("page \(pageIndex): \(reply.compactText.prefix(300))")
      }
    }
  }
  // The first page of a filter also counts its matches; later pages reuse that count.
  let first = times.removeFirst()
  times.sort()
  print(
    "media.list 100k entries, filter mediaTypeEqual+tagsMultiLikeOr (\(total) matches), 30 a page, "
      + "pages 1…222: first \(formatMilliseconds(first)), then median \(formatMilliseconds(times[times.count / 2])), "
      + "max \(formatMilliseconds(times.last ?? 0)) a page (goal < 20 ms)")
  // A deep page's first visit is the one an OFFSET would pay for.
  print("media.list first visit of each page: " + firstVisits.joined(separator: ", "))
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
