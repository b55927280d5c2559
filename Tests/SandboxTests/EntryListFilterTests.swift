import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// media.list and baseEntry.list apply every filter property of the spec's entry filters in
/// SQL, or refuse it: none answers "every entry" any more.
@Suite struct EntryListFilterTests {
  @Test func filtersOnceIgnoredNowFilterOrAreRefused() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      var ids: [String] = []
      for (name, tags) in [("alpha", "news,sport"), ("beta", "sport"), ("gamma", "music")] {
        let entry = try await h.call("media", "add", [("entry:name", name), ("entry:tags", tags)], ks: ks)
        ids.append(try #require(entry["id"]?.stringValue))
      }
      func names(_ filters: [(String, String)]) async throws -> [String] {
        let reply = try await h.call(
          "media", "list", [("filter:statusIn", "7"), ("filter:orderBy", "+name")] + filters, ks: ks)
        return reply["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? ["error \(reply)"]
      }
      #expect(try await names([("filter:tagsMultiLikeOr", "news,music")]) == ["alpha", "gamma"])
      #expect(try await names([("filter:tagsMultiLikeAnd", "news,sport")]) == ["alpha"])
      #expect(try await names([("filter:idNotIn", ids[0])]) == ["beta", "gamma"])
      #expect(try await names([("filter:totalRankGreaterThanOrEqual", "1")]) == [])
      #expect(try await names([("filter:totalRankGreaterThanOrEqual", "0")]) == ["alpha", "beta", "gamma"])
      #expect(try await names([("filter:nameEqual", "beta")]) == ["beta"])
      // `tagsName…` spans two fields: outside the grammar, so refused rather than ignored.
      let combined = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("filter:tagsNameMultiLikeOr", "x")], ks: ks)
      #expect(errorCode(combined) == "SANDBOX_FILTER_NOT_SUPPORTED")
      let refused = try await h.call(
        "media", "list", [("filter:statusIn", "7"), ("filter:categoriesIdsNotContains", "5")], ks: ks)
      #expect(errorCode(refused) == "SANDBOX_FILTER_NOT_SUPPORTED")
      #expect(refused["message"]?.stringValue?.contains("categoriesIdsNotContains") == true)
      let base = try await h.call(
        "baseEntry", "list", [("filter:statusIn", "7"), ("filter:searchTextMatchOr", "alpha")], ks: ks)
      #expect(errorCode(base) == "SANDBOX_FILTER_NOT_SUPPORTED")
    }
  }

  /// A substring filter is a literal, ASCII-case-folded test as Kaltura's `LIKE '%x%'` is:
  /// `%`, `_` and `\` are the characters themselves, and other letters keep their case.
  @Test func substringFiltersFoldAsciiCaseAndTakeWildcardsLiterally() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      for name in ["Cake%Half", "Cake_Half", "CakeXHalf", "back\\Slash", "ÄPFEL", "äpfel"] {
        _ = try await h.call("media", "add", [("entry:name", name)], ks: ks)
      }
      func names(_ filter: (String, String)) async throws -> [String] {
        let reply = try await h.call(
          "media", "list", [("filter:statusIn", "7"), ("filter:orderBy", "+name"), filter], ks: ks)
        return reply["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? ["error \(reply)"]
      }
      #expect(try await names(("filter:nameLike", "e%h")) == ["Cake%Half"])
      #expect(try await names(("filter:nameLike", "E_H")) == ["Cake_Half"])
      #expect(try await names(("filter:nameLike", "cAKe")) == ["Cake%Half", "CakeXHalf", "Cake_Half"])
      #expect(try await names(("filter:nameMultiLikeOr", "K\\s,zzz")) == ["back\\Slash"])
      #expect(try await names(("filter:nameMultiLikeAnd", "cake,%")) == ["Cake%Half"])
      #expect(try await names(("filter:nameLike", "äpf")) == ["äpfel"])
    }
  }
}
