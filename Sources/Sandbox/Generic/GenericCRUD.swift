import Foundation
import GRDB
import JSONValue
import KalturaWire

/// Thread-safe memo of values derived from the spec (shapes per service).
final class SpecMemo<Value: Sendable>: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var values: [String: Value?] = [:]
  private let make: @Sendable (String) -> Value?

  init(_ make: @escaping @Sendable (String) -> Value?) { self.make = make }

  subscript(key: String) -> Value? {
    if let hit = lock.withLock({ values[key] }) { return hit }
    let value = make(key)
    lock.withLock { values[key] = .some(value) }
    return value
  }
}

/// Stateful `add/get/list/update/delete` for every service of the spec that has them and no
/// hand-written family: objects are stored per partner, ids in Kaltura's forms, lists filtered,
/// ordered and paged in SQL.
struct GenericCRUD: Sendable {
  let store: SandboxStore
  static let shapes = SpecMemo<CRUDShape> { CRUDShape.derive(service: $0) }

  func handler(shape: CRUDShape, action: String) -> ActionHandler? {
    guard CRUDShape.actions.contains(action) else { return nil }
    return ActionHandler(access: .anyKS) { input in
      let caller = try input.requireCaller()
      switch action {
      case "add": return try add(shape, input.call, caller: caller)
      case "get": return .object(try load(shape, input.call, action: "get", caller: caller).body)
      case "update": return try update(shape, input.call, caller: caller)
      case "delete":
        let object = try load(shape, input.call, action: "delete", caller: caller)
        try caller.requireEditable(boundTo: Self.entryId(of: object.body, shape), in: store)
        try store.deleteObject(space: shape.space, partnerId: caller.partnerId, id: object.id)
        return .null
      default: return try list(shape, input.call, caller: caller)
      }
    }
  }

  // MARK: add

  private func add(_ shape: CRUDShape, _ call: KalturaCall, caller: Caller) throws -> JSONValue {
    let sent = call.object(shape.addObjectParameter) ?? JSONObject()
    let model = try ObjectInput.resolveClass(declared: shape.className, object: sent)
    var fields = try ObjectInput.fields(sent, model: model, isUpdate: false)
    for extra in shape.addExtras {
      guard let value = call.params[extra], !value.isNull, let property = model.property(extra) else { continue }
      fields[extra] = try ObjectInput.typed(value, property: property)
    }
    if shape.keyProperties == ["id"], fields["id"] == nil || fields["id"]?.displayText == "" {
      fields["id"] = try newID(model: model, space: shape.space)
    }
    for property in shape.keyProperties where fields[property] == nil {
      throw KalturaAPIError.propertyCannotBeNull("\(model.name)::\(property)")
    }
    let now = unixNow()
    var body = JSONObject([("objectType", .string(model.name))])
    for member in fields where !member.value.isNull { body[member.key] = member.value }
    if model.property("partnerId") != nil { body["partnerId"] = .int(caller.partnerId) }
    if model.property("createdAt") != nil { body["createdAt"] = .int(now) }
    if model.property("updatedAt") != nil { body["updatedAt"] = .int(now) }
    if let status = model.property("status"), body["status"] == nil, let value = Self.initialStatus(status) {
      body["status"] = value
    }
    if let user = model.property("userId"), user.isReadOnly, body["userId"] == nil {
      body["userId"] = .string(caller.userId)
    }
    try caller.requireEditable(boundTo: Self.entryId(of: body, shape), in: store)
    let key = Self.key(shape.keyProperties.map { body[$0]?.displayText ?? "" })
    let object = StoredObject(
      space: shape.space, partnerId: caller.partnerId, id: key, className: model.name, createdAt: now,
      updatedAt: now, body: body)
    guard try store.insertObject(object) else { throw SandboxErrors.alreadyExists(key, className: model.name) }
    return .object(body)
  }

  /// The status a new object starts in: ACTIVE or READY when its enum has one, else the first.
  static func initialStatus(_ property: SpecProperty) -> JSONValue? {
    guard let values = property.enumValues, !values.isEmpty else { return nil }
    let labels =
      SandboxSpec.document.raw["x-enums"]?[property.enumType ?? ""]?["oneOf"]?.arrayValue?.compactMap {
        item -> (String, JSONValue)? in
        guard let value = item["enum"]?[0], let title = item["title"]?.stringValue else { return nil }
        return (title, value)
      } ?? []
    for wanted in ["ACTIVE", "READY", "ENABLED"] {
      if let hit = labels.first(where: { $0.0 == wanted }) { return hit.1 }
    }
    return values[0]
  }

  /// `0_xxxxxxxx` for string ids (entries, assets, cue points), the space's next integer otherwise.
  private func newID(model: SpecClass, space: String) throws -> JSONValue {
    if model.property("id")?.type == "integer" { return .int(try store.nextObjectNumber(space: space)) }
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    return .string("0_" + String((0..<8).map { _ in alphabet.randomElement()! }))
  }

  static func key(_ values: [String]) -> String { values.joined(separator: ObjectStore.keySeparator) }

  /// How objects of `shape` hang off entries, whose rules then decide who reaches them.
  static func entryBinding(_ shape: CRUDShape) -> EntryBinding? {
    EntryBinding.of(SandboxSpec.classes[shape.className])
  }

  private static func entryId(of body: JSONObject, _ shape: CRUDShape) -> String? {
    entryBinding(shape)?.entryId(body)
  }

  // MARK: get, update

  private func load(_ shape: CRUDShape, _ call: KalturaCall, action: String, caller: Caller) throws -> StoredObject {
    let keys = shape.keys[action] ?? []
    var values: [String] = []
    for key in keys {
      guard let value = call.params[key.parameter].flatMap(KalturaValue.string), !value.isEmpty else {
        throw KalturaAPIError.missingMandatoryParameter(key.parameter)
      }
      values.append(value)
    }
    let id = Self.key(values)
    guard let object = try store.object(space: shape.space, partnerId: caller.partnerId, id: id),
      SandboxSpec.classes[object.className]?.isKind(of: shape.className) ?? false,
      try caller.may(.read, boundTo: Self.entryId(of: object.body, shape), in: store)
    else {
      guard let notFound = shape.notFound else { throw KalturaAPIError.invalidObjectID(values.joined(separator: ",")) }
      throw SandboxErrors.fromTemplate(code: notFound.code, message: notFound.message, values: values)
    }
    return object
  }

  private func update(_ shape: CRUDShape, _ call: KalturaCall, caller: Caller) throws -> JSONValue {
    var object = try load(shape, call, action: "update", caller: caller)
    let entryId = Self.entryId(of: object.body, shape)
    try caller.requireEditable(boundTo: entryId, in: store)
    let changes = call.object(shape.updateObjectParameter) ?? JSONObject()
    guard let model = SandboxSpec.classes[object.className] else { throw KalturaAPIError.internalServerError }
    for member in try ObjectInput.fields(changes, model: model, isUpdate: true) {
      if shape.keyProperties.contains(member.key), member.value.displayText != object.body[member.key]?.displayText {
        throw ObjectInput.notUpdatable(model, model.property(member.key)!)
      }
      object.body[member.key] = member.value.isNull ? nil : member.value
    }
    // Moving the object to another entry needs that entry to be editable too.
    if let moved = Self.entryId(of: object.body, shape), moved != entryId {
      try caller.requireEditable(boundTo: moved, in: store)
    }
    object.updatedAt = unixNow()
    if model.property("updatedAt") != nil { object.body["updatedAt"] = .int(object.updatedAt) }
    try store.saveObject(object)
    return .object(object.body)
  }

  // MARK: list

  private func list(_ shape: CRUDShape, _ call: KalturaCall, caller: Caller) throws -> JSONValue {
    let filter = call.object("filter") ?? JSONObject()
    guard let model = SandboxSpec.classes[shape.className] else { throw KalturaAPIError.internalServerError }
    let fields = GenericFields(model: model, idIsKey: shape.keyProperties == ["id"])
    let compiler = try FilterCompiler(
      declared: shape.filterClass ?? "KalturaFilter", filter: filter, field: fields.field)
    var condition = try compiler.condition(filter)
    if let binding = Self.entryBinding(shape) { condition = .all([condition, caller.readableScope(binding)]) }
    let order = try compiler.order(filter.text("orderBy"), default: "rowid ASC", tieBreak: "rowid ASC")
    let pager = Pager(call.object("pager"))
    let offset = (pager.index - 1) * pager.size
    if offset >= 10000 { throw KalturaAPIError.queryExceededMaxMatches }
    let page = try store.objects(
      space: shape.space, partnerId: caller.partnerId, classes: model.subclasses.union([model.name]),
      condition: condition, order: order, limit: pager.size, offset: offset)
    return ObjectBuilder.list(
      page.objects.map { .object($0.body) }, totalCount: page.totalCount, objectType: shape.listResponseClass)
  }
}

/// Filterable fields of generically stored objects: the key and times are columns, the rest
/// `json_extract` over the stored JSON. A field of a subclass (an ad cue point's
/// `protocolType`) is found through the class's subclasses.
struct GenericFields {
  let model: SpecClass
  /// Whether `id` is the stored key (a composite key keeps `id` in the JSON only).
  var idIsKey = true

  func field(_ name: String) -> FilterField? {
    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
    let property =
      model.property(name)
      ?? model.subclasses.sorted().lazy.compactMap { SandboxSpec.classes[$0]?.property(name) }.first
    guard let property, property.type != "object", property.type != "array" else { return nil }
    let expression: String
    switch name {
    case "createdAt", "updatedAt": expression = name
    case "id" where idIsKey && property.type == "integer": expression = "CAST(id AS INTEGER)"
    case "id" where idIsKey: expression = "id"
    default: expression = "json_extract(body, '$.\(name)')"
    }
    return FilterField(expression: expression, property: property)
  }
}
