import Foundation
import JSONValue
import KalturaWire
import Testing

/// What a delete removes stays removed: a category takes its assignments (and subcategories)
/// with it, and objects an account starts with are not seeded again once deleted.
@Suite struct DeletionTests {
  static func addCategory(_ h: Harness, ks: String, _ name: String, parent: String? = nil) async throws -> String {
    let added = try await h.call(
      "category", "add",
      [("category[objectType]", "KalturaCategory"), ("category[name]", name)]
        + (parent.map { [("category[parentId]", $0)] } ?? []), ks: ks)
    return try #require(added["id"]?.displayText, "\(added)")
  }

  static func assign(_ h: Harness, ks: String, _ entryId: String, _ categoryId: String) async throws {
    let reply = try await h.call(
      "categoryEntry", "add",
      [
        ("categoryEntry[objectType]", "KalturaCategoryEntry"), ("categoryEntry[entryId]", entryId),
        ("categoryEntry[categoryId]", categoryId),
      ], ks: ks)
    #expect(errorCode(reply) == nil, "\(reply)")
  }

  static func links(_ h: Harness, ks: String, entryId: String) async throws -> [String] {
    let reply = try await h.call("categoryEntry", "list", [("filter[entryIdEqual]", entryId)], ks: ks)
    return reply["objects"]?.arrayValue?.compactMap { $0["categoryId"]?.displayText } ?? ["\(reply)"]
  }

  @Test("deleting a category removes its assignments and the entry's categories/categoriesIds")
  func deletingACategoryUnassignsItsEntries() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entryId = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      let sports = try await Self.addCategory(h, ks: ks, "Sports")
      let news = try await Self.addCategory(h, ks: ks, "News")
      try await Self.assign(h, ks: ks, entryId, sports)
      try await Self.assign(h, ks: ks, entryId, news)
      #expect(
        try await h.call("media", "get", [("entryId", entryId)], ks: ks)["categoriesIds"]?.stringValue
          == "\(sports),\(news)")

      #expect(try await h.call("category", "delete", [("id", sports)], ks: ks) == .null)
      #expect(try await Self.links(h, ks: ks, entryId: entryId) == [news])
      let entry = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
      #expect(entry["categoriesIds"]?.stringValue == news && entry["categories"]?.stringValue == "News", "\(entry)")
      let byCategory = try await h.call("categoryEntry", "list", [("filter[categoryIdEqual]", sports)], ks: ks)
      #expect(byCategory["totalCount"] == .int(0))
      let found = try await h.call(
        "media", "list", [("filter[categoriesIdsMatchOr]", sports), ("filter[statusEqual]", "7")], ks: ks)
      #expect(found["totalCount"] == .int(0), "the entry is no longer found by the deleted category")
      #expect(errorCode(try await h.call("category", "get", [("id", sports)], ks: ks)) == "CATEGORY_NOT_FOUND")
      #expect(errorCode(try await h.call("category", "delete", [("id", sports)], ks: ks)) == "CATEGORY_NOT_FOUND")
    }
  }

  @Test("a deleted category's subcategories go too; its entries move to its parent unless told not to")
  func subcategoriesAndMovingToTheParent() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let root = try await Self.addCategory(h, ks: ks, "Sports")
      let tennis = try await Self.addCategory(h, ks: ks, "Tennis", parent: root)
      let clay = try await Self.addCategory(h, ks: ks, "Clay", parent: tennis)
      let moved = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      let dropped = try #require(try await h.mediaEntry(ks: ks)["id"]?.stringValue)
      try await Self.assign(h, ks: ks, moved, clay)

      #expect(try await h.call("category", "delete", [("id", tennis)], ks: ks) == .null)
      #expect(errorCode(try await h.call("category", "get", [("id", clay)], ks: ks)) == "CATEGORY_NOT_FOUND")
      #expect(try await Self.links(h, ks: ks, entryId: moved) == [root], "moved to the deleted category's parent")
      let entry = try await h.call("media", "get", [("entryId", moved)], ks: ks)
      #expect(entry["categories"]?.stringValue == "Sports" && entry["categoriesIds"]?.stringValue == root)
      #expect(try await h.call("category", "get", [("id", root)], ks: ks)["entriesCount"] == .int(1))

      let golf = try await Self.addCategory(h, ks: ks, "Golf", parent: root)
      try await Self.assign(h, ks: ks, dropped, golf)
      let kept = try await h.call("category", "delete", [("id", golf), ("moveEntriesToParentCategory", "0")], ks: ks)
      #expect(kept == .null)
      #expect(try await Self.links(h, ks: ks, entryId: dropped) == [])
      #expect(try await h.call("media", "get", [("entryId", dropped)], ks: ks)["categoriesIds"]?.stringValue == "")
    }
  }

  @Test("a deleted seeded conversion profile or permission is not seeded again")
  func seededObjectsStayDeleted() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var profileId = ""
    try await Harness.with(dataDirectory: directory) { h in
      let ks = try await h.adminKS()
      let profiles = try await h.call("conversionProfile", "list", [], ks: ks)
      let seeded = try #require(profiles["objects"]?[0]?["id"]?.displayText, "\(profiles)")
      let extra = try await h.call(
        "conversionProfile", "add",
        [("conversionProfile[objectType]", "KalturaConversionProfile"), ("conversionProfile[name]", "Mine")], ks: ks)
      profileId = try #require(extra["id"]?.displayText, "\(extra)")
      #expect(
        errorCode(try await h.call("conversionProfile", "delete", [("id", seeded)], ks: ks)) != nil,
        "the default profile cannot be deleted")

      let permissions = try await h.call("permission", "list", [], ks: ks)
      let first = try #require(permissions["objects"]?[0])
      let count = try #require(permissions["totalCount"]?.intValue)
      let name = try #require(first["name"]?.stringValue)
      let renamed = try await h.call(
        "permission", "update", [("permissionName", name), ("permission[description]", "Changed")], ks: ks)
      #expect(renamed["description"] == "Changed", "\(renamed)")
      let deleted = try await h.call("permission", "delete", [("permissionName", name)], ks: ks)
      #expect(deleted == .null, "\(deleted)")
      let after = try await h.call("permission", "list", [], ks: ks)
      #expect(after["totalCount"]?.intValue == count - 1, "\(after)")
      #expect(errorCode(try await h.call("permission", "get", [("permissionName", name)], ks: ks)) != nil)
    }
    // Nor after a restart.
    try await Harness.with(dataDirectory: directory) { h in
      let ks = try await h.adminKS()
      let after = try await h.call("permission", "list", [], ks: ks)
      #expect(after["totalCount"]?.intValue == 5, "\(after)")
      let profiles = try await h.call("conversionProfile", "list", [], ks: ks)
      #expect(profiles["totalCount"] == .int(2), "the seeded default and \(profileId)")
    }
  }

  @Test("a partner's cloned notification template, once deleted, stays deleted; the system ones stay listed")
  func notificationTemplatesStayDeleted() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let service = "eventNotification_eventNotificationTemplate"
      let system = try await h.call(service, "listTemplates", [], ks: ks)
      let systemCount = try #require(system["totalCount"]?.intValue)
      let template = try #require(system["objects"]?[0]?["id"]?.displayText)
      let clone = try await h.call(service, "clone", [("id", template)], ks: ks)
      let cloneId = try #require(clone["id"]?.displayText, "\(clone)")
      #expect(try await h.call(service, "list", [], ks: ks)["totalCount"] == .int(1))
      #expect(try await h.call(service, "delete", [("id", cloneId)], ks: ks) == .null)
      #expect(try await h.call(service, "list", [], ks: ks)["totalCount"] == .int(0))
      #expect(try await h.call(service, "listTemplates", [], ks: ks)["totalCount"]?.intValue == systemCount)
    }
  }
}
