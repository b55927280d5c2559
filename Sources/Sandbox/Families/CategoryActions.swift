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
    actions["delete"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let id = try input.call.requireString("id")
      guard let category = try categories.object(id, caller: caller) else {
        throw SandboxErrors.named("CATEGORY_NOT_FOUND", id)
      }
      // KalturaNullableBoolean, TRUE by default as Kaltura declares it.
      let move = (input.call.int("moveEntriesToParentCategory") ?? 1) == 1
      try deleteCategory(category, movingEntriesToParent: move, caller: caller)
      return .null
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
        guard try categoryEntries.object(GenericCRUD.key([entry.id, category.id]), caller: caller) == nil else {
          throw SandboxErrors.named("CATEGORY_ENTRY_ALREADY_EXISTS")
        }
        let added = try assign(entry.id, to: category, caller: caller)
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

  /// The entry and category an assignment names, each checked to exist as Kaltura checks them,
  /// and the entry to be one the caller may edit.
  private func assignment(_ entryId: String?, _ categoryId: String?, caller: Caller) throws -> (
    EntryRecord, StoredObject
  ) {
    guard let entryId, !entryId.isEmpty else { throw KalturaAPIError.propertyCannotBeNull("entryId") }
    guard let categoryId, !categoryId.isEmpty else { throw KalturaAPIError.propertyCannotBeNull("categoryId") }
    guard let entry = try store.entry(id: entryId), entry.partnerId == caller.partnerId, !entry.deleted else {
      throw SandboxErrors.named("INVALID_ENTRY_ID", entryId)
    }
    try caller.requireEditable(boundTo: entry.id, in: store)
    guard let category = try categories.object(categoryId, caller: caller) else {
      throw SandboxErrors.named("CATEGORY_NOT_FOUND", categoryId)
    }
    return (entry, category)
  }

  /// Stores the assignment of the entry to `category`.
  @discardableResult
  private func assign(_ entryId: String, to category: StoredObject, caller: Caller) throws -> StoredObject {
    let body = JSONObject([
      ("entryId", .string(entryId)), ("categoryId", category.body["id"] ?? .string(category.id)),
      ("categoryFullIds", category.body["fullIds"] ?? .string(category.id)), ("status", .int(2)),
      ("creatorUserId", .string(caller.userId)),
    ])
    var added = try categoryEntries.insert(body, id: GenericCRUD.key([entryId, category.id]), caller: caller)
    added.body["id"] = nil
    try store.saveObject(added)
    return added
  }

  /// `category.delete`: the category and its subcategories go, with their assignments, as
  /// Kaltura deletes them; their entries move to the parent when asked and there is one. The
  /// entries' `categories`/`categoriesIds` and the parent's `entriesCount` follow.
  private func deleteCategory(_ category: StoredObject, movingEntriesToParent move: Bool, caller: Caller) throws {
    let fullIds = category.body.text("fullIds") ?? category.id
    let descendants = try categories.all(
      caller: caller,
      where: SQLCondition(
        sql: "json_extract(body, '$.fullIds') LIKE ? ESCAPE '\\'",
        arguments: [(FilterCompiler.likeEscaped(fullIds) + ">%").databaseValue]))
    let doomed = [category] + descendants
    let marks = doomed.map { _ in "?" }.joined(separator: ",")
    let links = try categoryEntries.all(
      caller: caller,
      where: SQLCondition(
        sql: "CAST(json_extract(body, '$.categoryId') AS TEXT) IN (\(marks))",
        arguments: doomed.map(\.id.databaseValue)))
    for link in links {
      try store.deleteObject(space: categoryEntries.space, partnerId: caller.partnerId, id: link.id)
    }
    for gone in doomed { try store.deleteObject(space: categories.space, partnerId: caller.partnerId, id: gone.id) }
    let entryIds = Set(links.compactMap { $0.body.text("entryId") })
    let parentId = category.body["parentId"]?.displayText ?? "0"
    let parent = parentId == "0" ? nil : try categories.object(parentId, caller: caller)
    for entryId in entryIds.sorted() {
      guard let entry = try store.entry(id: entryId), !entry.deleted else { continue }
      // Whoever may see it: a link the caller cannot see still takes the key.
      if move, let parent,
        try categoryEntries.object(GenericCRUD.key([entryId, parent.id]), partnerId: caller.partnerId) == nil
      {
        try assign(entryId, to: parent, caller: caller)
      }
      try refreshEntryCategories(entry, caller: caller)
    }
    if let parent { try refreshCount(parent, caller: caller) }
  }

  /// Recomputes the entry's `categories`/`categoriesIds` and the category's `entriesCount`.
  private func refreshAssignments(entry: EntryRecord, category: StoredObject, caller: Caller) throws {
    try refreshEntryCategories(entry, caller: caller)
    try refreshCount(category, caller: caller)
  }

  private func refreshEntryCategories(_ entry: EntryRecord, caller: Caller) throws {
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
  }

  private func refreshCount(_ category: StoredObject, caller: Caller) throws {
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
