import Foundation
import GRDB
import JSONValue
import KalturaWire

/// Categories: generic CRUD, plus what Kaltura derives on add from the parent (`fullName`,
/// `fullIds`, `depth`), and category entries: an entry assigned to a category, both checked to
/// exist, the entry's `categories`/`categoriesIds` and the category's `entriesCount` kept in step.
extension SandboxCore {
  var categories: StoredFamily { family("category") }

  var categoryEntries: StoredFamily {
    StoredFamily(
      store: store, className: "KalturaCategoryEntry", filterClass: "KalturaCategoryEntryFilter",
      listResponseClass: "KalturaCategoryEntryListResponse")
  }

  var categoryActions: [String: ActionHandler] {
    var actions = categories.crud
    // Kaltura names a missing category CATEGORY_NOT_FOUND (the spec declares no error here).
    for action in ["get", "update", "delete"] {
      guard let generic = actions[action] else { continue }
      actions[action] = ActionHandler(access: generic.access) { [self] input in
        let id = try input.call.requireString("id")
        guard try categories.object(id, caller: try input.requireCaller()) != nil else {
          throw SandboxErrors.named("CATEGORY_NOT_FOUND", id)
        }
        return try await generic.run(input)
      }
    }
    actions["add"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let sent = input.call.object("category") ?? JSONObject()
      var parent: StoredObject?
      if let parentId = sent.text("parentId"), parentId != "0", !parentId.isEmpty {
        guard let found = try categories.object(parentId, caller: caller) else {
          throw SandboxErrors.named("CATEGORY_NOT_FOUND", parentId)
        }
        parent = found
      }
      let added = try await categories.run("add", input)
      guard var body = added.objectValue, let id = body.text("id") else { return added }
      let name = body.text("name") ?? ""
      body["parentId"] = parent?.body["id"] ?? .int(0)
      body["depth"] = .int(parent.map { ($0.body.integer("depth") ?? 0) + 1 } ?? 0)
      body["fullName"] = .string(parent.map { ($0.body.text("fullName") ?? "") + ">" + name } ?? name)
      body["fullIds"] = .string(parent.map { ($0.body.text("fullIds") ?? "") + ">" + id } ?? id)
      body["entriesCount"] = .int(0)
      return .object(try categories.overwrite(id, body: body, caller: caller).body)
    }
    return actions
  }

  var categoryEntryActions: [String: ActionHandler] {
    [
      "add": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let sent = input.call.object("categoryEntry") ?? JSONObject()
        let (entry, category) = try assignment(sent.text("entryId"), sent.text("categoryId"), caller: caller)
        let key = GenericCRUD.key([entry.id, category.id])
        let body = JSONObject([
          ("entryId", .string(entry.id)), ("categoryId", category.body["id"] ?? .string(category.id)),
          ("categoryFullIds", category.body["fullIds"] ?? .string(category.id)), ("status", .int(2)),
          ("creatorUserId", .string(caller.userId)),
        ])
        guard try categoryEntries.object(key, caller: caller) == nil else {
          throw SandboxErrors.named("CATEGORY_ENTRY_ALREADY_EXISTS")
        }
        var added = try categoryEntries.insert(body, id: key, caller: caller)
        added.body["id"] = nil
        try store.saveObject(added)
        try refreshAssignments(entry: entry, category: category, caller: caller)
        return .object(added.body)
      },
      "delete": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let (entry, category) = try assignment(
          input.call.string("entryId"), input.call.string("categoryId"), caller: caller)
        let key = GenericCRUD.key([entry.id, category.id])
        guard try categoryEntries.object(key, caller: caller) != nil else {
          throw SandboxErrors.named("ENTRY_IS_NOT_ASSIGNED_TO_CATEGORY")
        }
        try store.deleteObject(space: categoryEntries.space, partnerId: caller.partnerId, id: key)
        try refreshAssignments(entry: entry, category: category, caller: caller)
        return .null
      },
      "list": ActionHandler(access: .anyKS) { [self] input in
        let filter = input.call.object("filter") ?? JSONObject()
        // Kaltura lists category entries of an entry or of categories, never all of them.
        let scoped = ["entryIdEqual", "entryIdIn", "categoryIdEqual", "categoryIdIn", "categoryFullIdsStartsWith"]
        guard scoped.contains(where: { filter.text($0).map { !$0.isEmpty } ?? false }) else {
          throw SandboxErrors.named("MUST_FILTER_ON_ENTRY_OR_CATEGORY")
        }
        return try categoryEntries.list(input.call, caller: try input.requireCaller())
      },
    ]
  }

  /// The entry and category an assignment names, each checked to exist as Kaltura checks them.
  private func assignment(_ entryId: String?, _ categoryId: String?, caller: Caller) throws -> (
    EntryRecord, StoredObject
  ) {
    guard let entryId, !entryId.isEmpty else { throw KalturaAPIError.propertyCannotBeNull("entryId") }
    guard let categoryId, !categoryId.isEmpty else { throw KalturaAPIError.propertyCannotBeNull("categoryId") }
    guard let entry = try store.entry(id: entryId), entry.partnerId == caller.partnerId, !entry.deleted else {
      throw SandboxErrors.named("INVALID_ENTRY_ID", entryId)
    }
    guard let category = try categories.object(categoryId, caller: caller) else {
      throw SandboxErrors.named("CATEGORY_NOT_FOUND", categoryId)
    }
    return (entry, category)
  }

  /// Recomputes the entry's `categories`/`categoriesIds` and the category's `entriesCount`.
  private func refreshAssignments(entry: EntryRecord, category: StoredObject, caller: Caller) throws {
    let ofEntry = try categoryEntries.all(
      caller: caller,
      where: SQLCondition(sql: "json_extract(body, '$.entryId') = ?", arguments: [entry.id.databaseValue]))
    let assigned = try ofEntry.compactMap { link in
      try link.body["categoryId"].flatMap { try categories.object($0.displayText, caller: caller) }
    }
    var entry = entry
    entry.extraFields["categories"] = .string(assigned.compactMap { $0.body.text("fullName") }.joined(separator: ","))
    entry.extraFields["categoriesIds"] = .string(assigned.map(\.id).joined(separator: ","))
    try store.saveEntry(entry)
    let count = try categoryEntries.all(
      caller: caller,
      where: SQLCondition(
        sql: "CAST(json_extract(body, '$.categoryId') AS TEXT) = ?", arguments: [category.id.databaseValue])
    ).count
    var body = category.body
    body["entriesCount"] = .int(count)
    try categories.overwrite(category.id, body: body, caller: caller)
  }
}
