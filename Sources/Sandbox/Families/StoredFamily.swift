import Foundation
import GRDB
import JSONValue
import KalturaWire

/// The one scaffolding of hand-written families: a family's objects live in the generic
/// engine's table, answered by its CRUD handlers and listed through the same filter grammar, so
/// a family adds only the semantics CRUD lacks (a family owning one CRUD action owns them all).
struct StoredFamily: Sendable {
  let store: SandboxStore
  let className: String
  let filterClass: String
  let listResponseClass: String
  /// The generic engine's shape, when the service has one (`metadata.add` takes scalars: none).
  let shape: CRUDShape?
  /// How the family's objects hang off entries, whose rules then decide who reaches them.
  let entryBinding: EntryBinding?

  init(store: SandboxStore, className: String, filterClass: String, listResponseClass: String) {
    self.store = store
    self.className = className
    self.filterClass = filterClass
    self.listResponseClass = listResponseClass
    self.shape = nil
    self.entryBinding = EntryBinding.of(SandboxSpec.classes[className])
  }

  /// The family of `service`, its classes read from the spec's CRUD shape.
  init(store: SandboxStore, service: String) {
    let shape = GenericCRUD.shapes[service]
    self.store = store
    self.shape = shape
    self.className = shape?.className ?? ""
    self.filterClass = shape?.filterClass ?? "KalturaFilter"
    self.listResponseClass = shape?.listResponseClass ?? "KalturaListResponse"
    self.entryBinding = EntryBinding.of(SandboxSpec.classes[className])
  }

  /// The id space: the class's root, as generic CRUD names it, so both see the same objects.
  var space: String { shape?.space ?? SandboxSpec.classes[className]?.root ?? className }

  var model: SpecClass {
    get throws {
      guard let model = SandboxSpec.classes[className] else { throw KalturaAPIError.internalServerError }
      return model
    }
  }

  // MARK: the generic actions

  /// The generic engine's `add/get/list/update/delete` of the service.
  var crud: [String: ActionHandler] {
    guard let shape else { return [:] }
    var out: [String: ActionHandler] = [:]
    for action in CRUDShape.actions {
      if let handler = GenericCRUD(store: store).handler(shape: shape, action: action) { out[action] = handler }
    }
    return out
  }

  /// Runs the generic `action` with `input`'s parameters as given.
  func run(_ action: String, _ input: ActionInput) async throws -> JSONValue {
    guard let handler = crud[action] else { throw KalturaAPIError.internalServerError }
    return try await handler.run(input)
  }

  // MARK: objects

  /// The object `caller` may reach for `use`; nil, as for a missing one, when its entry is out of
  /// the caller's reach.
  func object(_ id: String, caller: Caller, for use: EntryBoundUse = .read) throws -> StoredObject? {
    guard let object = try store.object(space: space, partnerId: caller.partnerId, id: id),
      try caller.may(use, boundTo: entryBinding?.entryId(object.body), in: store)
    else { return nil }
    return object
  }

  /// Throws unless `caller` may change `object`: it needs to be allowed to edit its entry.
  func requireEditable(_ object: StoredObject, caller: Caller) throws {
    try caller.requireEditable(boundTo: entryBinding?.entryId(object.body), in: store)
  }

  /// The family's objects `caller` may read, as SQL.
  func readable(by caller: Caller) -> SQLCondition {
    entryBinding.map(caller.readableScope) ?? .always
  }

  func object(_ id: String, partnerId: Int) throws -> StoredObject? {
    try store.object(space: space, partnerId: partnerId, id: id)
  }

  /// A new object of `className` (or a subclass) with Kaltura's stamps, stored under `id`.
  /// `alongside` writes what the new object implies in its transaction (`insertObject`).
  func insert(
    _ body: JSONObject, id: String, className: String? = nil, caller: Caller,
    alongside: (Database, StoredObject) throws -> Void = { _, _ in }
  ) throws -> StoredObject {
    let object = stamped(body, id: id, className: className, partnerId: caller.partnerId)
    guard try store.insertObject(object, alongside: { try alongside($0, object) }) else {
      throw SandboxErrors.alreadyExists(id, className: object.className)
    }
    return object
  }

  /// `body` as a new object of this family with Kaltura's stamps (id, partner, times, class).
  func stamped(_ body: JSONObject, id: String, className: String? = nil, partnerId: Int) -> StoredObject {
    let now = unixNow()
    var body = body
    body["id"] = Int(id).map(JSONValue.int) ?? .string(id)
    body["partnerId"] = .int(partnerId)
    body["createdAt"] = .int(now)
    body["updatedAt"] = .int(now)
    body["objectType"] = .string(className ?? self.className)
    return StoredObject(
      space: space, partnerId: partnerId, id: id, className: className ?? self.className, createdAt: now,
      updatedAt: now, body: body)
  }

  /// Writes `object` back with a fresh `updatedAt`.
  func save(
    _ object: StoredObject, alongside: (Database, StoredObject) throws -> Void = { _, _ in }
  ) throws -> StoredObject {
    var object = object
    object.updatedAt = unixNow()
    object.body["updatedAt"] = .int(object.updatedAt)
    let saved = object
    try store.saveObject(saved, alongside: { try alongside($0, saved) })
    return saved
  }

  /// Overwrites a stored object's body as is (a field the engine refuses from clients).
  @discardableResult
  func overwrite(_ id: String, body: JSONObject, caller: Caller) throws -> StoredObject {
    guard var object = try object(id, caller: caller) else { throw KalturaAPIError.internalServerError }
    object.body = body
    try store.saveObject(object)
    return object
  }

  /// `list` by the spec's filter grammar in SQL, paged.
  func list(_ call: KalturaCall, filterParameter: String = "filter", pagerParameter: String = "pager", caller: Caller)
    throws -> JSONValue
  {
    let filter = call.object(filterParameter) ?? JSONObject()
    let model = try model
    let fields = GenericFields(model: model)
    let compiler = try FilterCompiler(declared: filterClass, filter: filter, field: fields.field)
    let condition = SQLCondition.all([try compiler.condition(filter), readable(by: caller)])
    let order = try compiler.order(filter.text("orderBy"), default: "rowid ASC", tieBreak: "rowid ASC")
    let pager = Pager(call.object(pagerParameter))
    let offset = (pager.index - 1) * pager.size
    if offset >= 10000 { throw KalturaAPIError.queryExceededMaxMatches }
    let page = try store.objects(
      space: space, partnerId: caller.partnerId, classes: model.subclasses.union([model.name]), condition: condition,
      order: order, limit: pager.size, offset: offset)
    return ObjectBuilder.list(
      page.objects.map { .object($0.body) }, totalCount: page.totalCount, objectType: listResponseClass)
  }

  /// Every object of the space matching `condition`, whoever may reach it (a family's own
  /// queries: an entry's assets; add `readable(by:)` to answer a caller).
  func all(caller: Caller, where condition: SQLCondition = .always) throws -> [StoredObject] {
    let model = try model
    return try store.objects(
      space: space, partnerId: caller.partnerId, classes: model.subclasses.union([model.name]), condition: condition,
      order: "rowid ASC", limit: 10_000, offset: 0
    ).objects
  }
}

extension SandboxCore {
  /// The family of `service` over this sandbox's store.
  func family(_ service: String) -> StoredFamily { StoredFamily(store: store, service: service) }
}

extension ActionInput {
  /// This input with `name` set to `value` (a default Kaltura fills in before the action runs).
  func setting(_ name: String, _ value: JSONValue) -> ActionInput {
    var copy = self
    copy.call.params[name] = value
    return copy
  }
}
