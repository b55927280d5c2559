import Foundation
import GRDB
import JSONValue
import KalturaWire

/// What hand-written families share on top of the generic object store: their objects live in
/// the same table as generic CRUD's, listed through the same filter grammar, so a family adds
/// only the semantics CRUD lacks.
struct StoredFamily: Sendable {
  let store: SandboxStore
  let className: String
  let filterClass: String
  let listResponseClass: String

  /// The id space: the class's root, as generic CRUD names it, so both see the same objects.
  var space: String { SandboxSpec.classes[className]?.root ?? className }

  var model: SpecClass {
    get throws {
      guard let model = SandboxSpec.classes[className] else { throw KalturaAPIError.internalServerError }
      return model
    }
  }

  func object(_ id: String, caller: Caller) throws -> StoredObject? {
    try store.object(space: space, partnerId: caller.partnerId, id: id)
  }

  /// A new object of `className` (or a subclass) with Kaltura's stamps, stored under `id`.
  func insert(_ body: JSONObject, id: String, className: String? = nil, caller: Caller) throws -> StoredObject {
    let now = unixNow()
    var body = body
    body["id"] = Int(id).map(JSONValue.int) ?? .string(id)
    body["partnerId"] = .int(caller.partnerId)
    body["createdAt"] = .int(now)
    body["updatedAt"] = .int(now)
    body["objectType"] = .string(className ?? self.className)
    let object = StoredObject(
      space: space, partnerId: caller.partnerId, id: id, className: className ?? self.className, createdAt: now,
      updatedAt: now, body: body)
    guard try store.insertObject(object) else { throw SandboxErrors.alreadyExists(id, className: object.className) }
    return object
  }

  func save(_ object: StoredObject) throws -> StoredObject {
    var object = object
    object.updatedAt = unixNow()
    object.body["updatedAt"] = .int(object.updatedAt)
    try store.saveObject(object)
    return object
  }

  /// `list` by the spec's filter grammar in SQL, paged, with `extra` conditions of the family.
  func list(_ call: KalturaCall, filterParameter: String = "filter", pagerParameter: String = "pager", caller: Caller)
    throws -> JSONValue
  {
    let filter = call.object(filterParameter) ?? JSONObject()
    let model = try model
    let fields = GenericFields(model: model)
    let compiler = try FilterCompiler(declared: filterClass, filter: filter, field: fields.field)
    let condition = try compiler.condition(filter)
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

  /// Every object of the space matching `condition` (a family's own queries: an entry's assets).
  func all(caller: Caller, where condition: SQLCondition = .always) throws -> [StoredObject] {
    let model = try model
    return try store.objects(
      space: space, partnerId: caller.partnerId, classes: model.subclasses.union([model.name]), condition: condition,
      order: "rowid ASC", limit: 10_000, offset: 0
    ).objects
  }
}
