import Foundation
import JSONValue
import Testing

/// `media.list` finds a filter's matches once, in listing order, and answers every page from them
/// while they hold (`EntryMatchCache`): each of these fails if a page is cut from stale or
/// another caller's matches, or in an order SQL would not give.
@Suite struct EntryMatchCacheTests {
  /// Every page of a listing, `pageSize` at a time, as the ids in the order answered.
  private func pagedIds(_ h: Harness, ks: String, _ filter: [(String, String)], pageSize: Int) async throws
    -> [String]
  {
    var ids: [String] = []
    for page in 1...50 {
      let reply = try await h.call(
        "media", "list", filter + [("pager:pageSize", String(pageSize)), ("pager:pageIndex", String(page))], ks: ks)
      let objects = try #require(reply["objects"]?.arrayValue, "\(reply.compactText.prefix(300))")
      ids += objects.compactMap { $0["id"]?.stringValue }
      if objects.count < pageSize { return ids }
    }
    Issue.record("more than 50 pages")
    return ids
  }

  @Test func deepPagesFollowWrites() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      let filter = [("filter:statusIn", "7"), ("filter:tagsMultiLikeOr", "written")]
      var ids: [String] = []
      for _ in 0..<5 {
        ids.append(try #require(try await h.mediaEntry(ks: ks, [("tags", "written")])["id"]?.stringValue))
      }
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 2) == ids.reversed())
      let added = try #require(try await h.mediaEntry(ks: ks, [("tags", "written")])["id"]?.stringValue)
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 2) == [added] + ids.reversed())
      _ = try await h.call("media", "update", [("entryId", ids[1]), ("mediaEntry:tags", "other")], ks: ks)
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 2) == [added, ids[4], ids[3], ids[2], ids[0]])
      _ = try await h.call("media", "delete", [("entryId", ids[3])], ks: ks)
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 2) == [added, ids[4], ids[2], ids[0]])
    }
  }

  @Test func aUserKSNeverSeesMatchesFoundForAnotherCaller() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let admin = try await h.adminKS()
      let alice = try await h.userKS("alice")
      let bob = try await h.userKS("bob")
      let aliceIds = try await [
        h.mediaEntry(ks: alice, [("tags", "scoped")]), h.mediaEntry(ks: alice, [("tags", "scoped")]),
      ]
      .compactMap { $0["id"]?.stringValue }
      let bobId = try #require(try await h.mediaEntry(ks: bob, [("tags", "scoped")])["id"]?.stringValue)
      let filter = [("filter:statusIn", "7"), ("filter:tagsMultiLikeOr", "scoped")]
      // The partner-wide matches first, then the same filter under each user's scope.
      #expect(try await pagedIds(h, ks: admin, filter, pageSize: 1) == [bobId] + aliceIds.reversed())
      #expect(try await pagedIds(h, ks: alice, filter, pageSize: 1) == aliceIds.reversed())
      #expect(try await pagedIds(h, ks: bob, filter, pageSize: 1) == [bobId])
      let bobCount = try await h.call("media", "list", filter, ks: bob)["totalCount"]?.intValue
      #expect(bobCount == 1)
    }
  }

  @Test(arguments: ["+name", "-name", "+createdAt", "-createdAt"])
  func deepPagesKeepTheOrderOfTheSort(orderBy: String) async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      // Repeated names, and entries added within one second, tie: rowid, newest first, breaks them.
      let names = ["m", "c", "x", "c", "a", "q", "m", "b", "c", "z", "a"]
      var added: [(id: String, name: String, createdAt: Int)] = []
      for name in names {
        let entry = try await h.mediaEntry(ks: ks, [("name", name), ("tags", "sorted")])
        added.append(
          (try #require(entry["id"]?.stringValue), name, try #require(entry["createdAt"]?.intValue)))
      }
      let ascending = orderBy.first == "+"
      // Same-width timestamps and lowercase ASCII names: text order is SQLite's order.
      let sortKey = { (i: Int) in orderBy.dropFirst() == "name" ? added[i].name : String(added[i].createdAt) }
      let expected = added.indices.sorted { i, j in
        let (a, b) = (sortKey(i), sortKey(j))
        if a != b { return ascending ? a < b : a > b }
        return i > j
      }.map { added[$0].id }
      let filter = [("filter:statusIn", "7"), ("filter:tagsMultiLikeOr", "sorted"), ("filter:orderBy", orderBy)]
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 3) == expected)
      // The one-page answer, from the same kept matches, agrees with the pages.
      #expect(try await pagedIds(h, ks: ks, filter, pageSize: 500) == expected)
    }
  }
}
