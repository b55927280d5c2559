import Foundation
import JSONValue
import KalturaWire
import Testing

/// Categories over HTTP: the tree derived on add, listed by the generic filter grammar, and
/// category entries checked on both ends and reflected on the entry and the category.
@Suite struct CategoryTests {
  @Test func aCategoryTreeIsDerivedAndListed() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let add: (String, String?) async throws -> JSONValue = { name, parent in
        try await h.call(
          "category", "add",
          [("category[objectType]", "KalturaCategory"), ("category[name]", name)]
            + (parent.map { [("category[parentId]", $0)] } ?? []), ks: ks)
      }
      let root = try await add("Sports", nil)
      let rootId = try #require(root["id"]?.displayText, "\(root)")
      #expect(root["fullName"] == "Sports" && root["depth"] == .int(0) && root["parentId"] == .int(0))
      let child = try await add("Tennis", rootId)
      let childId = try #require(child["id"]?.displayText)
      #expect(child["fullName"] == "Sports>Tennis", "\(child)")
      #expect(child["depth"] == .int(1) && child["parentId"]?.displayText == rootId)
      #expect(child["fullIds"]?.stringValue == "\(rootId)>\(childId)")
      _ = try await add("News", nil)
      let orphan = try await add("Lost", "999999")
      #expect(errorCode(orphan) == "CATEGORY_NOT_FOUND", "\(orphan)")
      let list: ([(String, String)]) async throws -> [String] = { filter in
        let reply = try await h.call("category", "list", filter.map { ("filter[\($0.0)]", $0.1) }, ks: ks)
        return reply["objects"]?.arrayValue?.compactMap { $0["fullName"]?.stringValue } ?? ["\(reply)"]
      }
      #expect(try await list([("fullNameStartsWith", "Sports")]) == ["Sports", "Sports>Tennis"])
      #expect(try await list([("parentIdEqual", rootId)]) == ["Sports>Tennis"])
      #expect(try await list([("depthEqual", "0"), ("orderBy", "-name")]) == ["Sports", "News"])
      let gone = try await h.call("category", "get", [("id", "999999")], ks: ks)
      #expect(errorCode(gone) == "CATEGORY_NOT_FOUND", "\(gone)")
    }
  }

  @Test func categoryEntriesAreCheckedAndReflected() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entryId = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      let root = try await h.call(
        "category", "add", [("category[objectType]", "KalturaCategory"), ("category[name]", "Sports")], ks: ks)
      let rootId = try #require(root["id"]?.displayText)
      let child = try await h.call(
        "category", "add",
        [("category[objectType]", "KalturaCategory"), ("category[name]", "Golf"), ("category[parentId]", rootId)],
        ks: ks)
      let childId = try #require(child["id"]?.displayText)
      let assign: (String, String) async throws -> JSONValue = { entry, category in
        try await h.call(
          "categoryentry", "add",
          [
            ("categoryEntry[objectType]", "KalturaCategoryEntry"), ("categoryEntry[entryId]", entry),
            ("categoryEntry[categoryId]", category),
          ], ks: ks)
      }
      #expect(errorCode(try await assign("0_nonexist", childId)) == "INVALID_ENTRY_ID")
      #expect(errorCode(try await assign(entryId, "999999")) == "CATEGORY_NOT_FOUND")
      let added = try await assign(entryId, childId)
      #expect(added["entryId"]?.stringValue == entryId && added["categoryId"]?.displayText == childId, "\(added)")
      #expect(errorCode(try await assign(entryId, childId)) == "CATEGORY_ENTRY_ALREADY_EXISTS")
      _ = try await assign(entryId, rootId)
      let entry = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
      #expect(entry["categories"] == "Sports>Golf,Sports", "\(entry)")
      #expect(entry["categoriesIds"]?.stringValue == "\(childId),\(rootId)")
      #expect(try await h.call("category", "get", [("id", childId)], ks: ks)["entriesCount"] == .int(1))
      // Lists find the entry by its categories (NO_CONTENT: asked for, as lists hide it by default).
      let inCategory: (String, String) async throws -> Int? = { property, value in
        try await h.call(
          "media", "list", [("filter[\(property)]", value), ("filter[statusIn]", "7")], ks: ks)["totalCount"]?.intValue
      }
      #expect(try await inCategory("categoriesIdsMatchOr", "\(childId),424242") == 1)
      #expect(try await inCategory("categoriesMatchOr", "Sports>Golf") == 1)
      let listed = try await h.call("categoryentry", "list", [("filter[entryIdEqual]", entryId)], ks: ks)
      #expect(listed["totalCount"] == .int(2), "\(listed)")
      let unscoped = try await h.call("categoryentry", "list", [], ks: ks)
      #expect(errorCode(unscoped) == "MUST_FILTER_ON_ENTRY_OR_CATEGORY", "\(unscoped)")
      #expect(
        try await h.call("categoryentry", "delete", [("entryId", entryId), ("categoryId", childId)], ks: ks) == .null)
      let again = try await h.call("categoryentry", "delete", [("entryId", entryId), ("categoryId", childId)], ks: ks)
      #expect(errorCode(again) == "ENTRY_IS_NOT_ASSIGNED_TO_CATEGORY")
      let after = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
      #expect(after["categories"] == "Sports" && after["categoriesIds"]?.stringValue == rootId)
      #expect(try await h.call("category", "get", [("id", childId)], ks: ks)["entriesCount"] == .int(0))
    }
  }
}
