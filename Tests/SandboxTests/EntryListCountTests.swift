import Foundation
import JSONValue
import Testing

/// `media.list` counts a filter once and reuses the count while it holds (`EntryMatchCache`):
/// each of these fails if a stale count is answered.
@Suite struct EntryListCountTests {
  /// A video with content attached now: PENDING, then PRECONVERT, then READY as time passes.
  private func convertingVideo(_ h: Harness, ks: String, tags: String) async throws -> String {
    let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
    _ = try await h.upload(token: tokenId, data: [1, 2, 3], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
    let entryId = try #require(try await h.mediaEntry(ks: ks, [("tags", tags)])["id"]?.stringValue)
    _ = try await h.call(
      "media", "addContent",
      [("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", tokenId)],
      ks: ks)
    return entryId
  }

  private func total(_ h: Harness, ks: String, _ filter: [(String, String)]) async throws -> Int? {
    try await h.call("media", "list", filter + [("pager:pageSize", "1")], ks: ks)["totalCount"]?.intValue
  }

  /// The ids of a listing's first page.
  private func listed(_ h: Harness, ks: String, _ filter: [(String, String)]) async throws -> [String] {
    let reply = try await h.call("media", "list", filter, ks: ks)
    return (reply["objects"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
  }

  @Test func statusThatTimeChangesIsCountedAnew() async throws {
    // 30 s, not less: under a loaded full suite the first counts came more than 6 s after the
    // content, when the entry was already READY.
    try await Harness.with(conversionDelay: 30) { h in
      let ks = try await h.adminKS()
      let entryId = try await convertingVideo(h, ks: ks, tags: "clock")
      let ready = [("filter:tagsMultiLikeOr", "clock")]
      let converting = ready + [("filter:statusIn", "4,1")]
      // Asked while converting (PENDING, then PRECONVERT): READY lists none.
      #expect(try await total(h, ks: ks, ready) == 0)
      #expect(try await listed(h, ks: ks, ready) == [])
      #expect(try await total(h, ks: ks, converting) == 1)
      #expect(try await listed(h, ks: ks, converting) == [entryId])
      _ = try await h.waitUntilReady(entryId, ks: ks, seconds: 90)
      // The same filters after the conversion delay, no entry written in between: the counts
      // and the pages both follow the status.
      #expect(try await total(h, ks: ks, ready) == 1)
      #expect(try await listed(h, ks: ks, ready) == [entryId])
      #expect(try await total(h, ks: ks, converting) == 0)
      #expect(try await listed(h, ks: ks, converting) == [])
    }
  }

  @Test func writtenEntriesAreCountedAnew() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      let all = [("filter:statusIn", "7"), ("filter:tagsMultiLikeOr", "count")]
      #expect(try await total(h, ks: ks, all) == 0)
      let first = try #require(try await h.mediaEntry(ks: ks, [("tags", "count")])["id"]?.stringValue)
      #expect(try await total(h, ks: ks, all) == 1)
      _ = try await h.mediaEntry(ks: ks, [("tags", "count,more")])
      #expect(try await total(h, ks: ks, all) == 2)
      _ = try await h.call("media", "update", [("entryId", first), ("mediaEntry:tags", "other")], ks: ks)
      #expect(try await total(h, ks: ks, all) == 1)
      _ = try await h.call("media", "delete", [("entryId", first)], ks: ks)
      #expect(try await total(h, ks: ks, [("filter:statusIn", "7")]) == 1)
    }
  }

  @Test func deepPagesFollowTheCountedOrder() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      var ids: [String] = []
      for i in 0..<7 {
        ids.append(
          try #require(try await h.mediaEntry(ks: ks, [("name", "n\(i)"), ("tags", "deep")])["id"]?.stringValue))
      }
      var seen: [String] = []
      for page in 1...4 {
        let reply = try await h.call(
          "media", "list",
          [
            ("filter:statusIn", "7"), ("filter:tagsMultiLikeOr", "deep"), ("filter:mediaTypeEqual", "1"),
            ("pager:pageSize", "2"), ("pager:pageIndex", String(page)),
          ], ks: ks)
        #expect(reply["totalCount"]?.intValue == 7)
        seen += (reply["objects"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
      }
      // Newest first, entries of one second in the order they were added.
      #expect(seen == ids.reversed())
    }
  }
}
