import APISchema
import JSONValue

/// How one service's `add/get/list/update/delete` map onto stored objects, read from the spec:
/// the class `add` takes, the parameters that name an object (`id`, `entryId`, `thumbAssetId`,
/// or composite keys such as `categoryId`+`userId`), the list's filter class and reply class.
struct CRUDShape: Sendable {
  /// e.g. "cuepoint_cuepoint" (the path's service segment, lower-cased).
  let service: String
  /// The class `add` declares (`KalturaCuePoint`); stored objects are this class or a subclass.
  let className: String
  /// The id space shared by the services whose classes have the same root.
  let space: String
  let addObjectParameter: String
  let updateObjectParameter: String
  /// Scalar `add` parameters copied into the object (`entryId` of an asset).
  let addExtras: [String]
  /// Per action (get, update, delete): parameter → object property, in key order.
  let keys: [String: [(parameter: String, property: String)]]
  /// The object properties that make up a stored object's key.
  let keyProperties: [String]
  let filterClass: String?
  let listResponseClass: String
  /// The spec's not-found error of `get` (`ENTRY_ID_NOT_FOUND`…), else `INVALID_OBJECT_ID`.
  let notFound: (code: String, message: String)?

  static let actions: Set<String> = ["add", "get", "list", "update", "delete"]

  /// The shape of `service` when it has all five actions in a form the engine understands.
  static func derive(service: String) -> CRUDShape? {
    func op(_ action: String) -> SpecOperation? { SandboxSpec.operation(service: service, action: action) }
    guard let add = op("add"), let get = op("get"), let list = op("list"), let update = op("update"),
      let delete = op("delete")
    else { return nil }
    let addBody = Body(add)
    guard let (addObject, className) = addBody.objectParameters.first, addBody.objectParameters.count == 1,
      let model = SandboxSpec.classes[className]
    else { return nil }
    let updateBody = Body(update)
    guard
      let updateObject = updateBody.objectParameters.first(where: {
        SandboxSpec.classes[$0.className]?.root == model.root
      })?.name
    else { return nil }
    var keys: [String: [(parameter: String, property: String)]] = [:]
    for (action, operation) in [("get", get), ("update", update), ("delete", delete)] {
      let body = Body(operation)
      var names = body.scalarNames.filter { body.required.contains($0) }
      if names.isEmpty { names = body.scalarNames.filter { $0 != "version" } }
      names.removeAll { ["version", "override", "updateStats"].contains($0) }
      guard !names.isEmpty else { return nil }
      keys[action] = names.map { ($0, model.property($0) != nil ? $0 : "id") }
    }
    let keyProperties = keys["get"]!.map(\.property)
    guard Set(keyProperties).count == keyProperties.count,
      keys.values.allSatisfy({ $0.map(\.property) == keyProperties })
    else { return nil }
    let listBody = Body(list)
    guard let listResponse = Self.className(list.responseSchema) else { return nil }
    return CRUDShape(
      service: service.lowercased(), className: className, space: model.root, addObjectParameter: addObject,
      updateObjectParameter: updateObject,
      addExtras: addBody.scalarNames.filter { model.property($0) != nil },
      keys: keys, keyProperties: keyProperties,
      filterClass: listBody.objectParameters.first { $0.name == "filter" }?.className,
      listResponseClass: listResponse, notFound: Self.notFoundError(get))
  }

  static func className(_ schema: JSONValue?) -> String? {
    schema?["$ref"]?.stringValue?.split(separator: "/").last.map(String.init)
  }

  /// The first `…NOT_FOUND` code of the operation's `x-Errors` prose
  /// (``* `ENTRY_ID_NOT_FOUND`: Entry id "@ENTRY_ID@" not found``).
  static func notFoundError(_ operation: SpecOperation) -> (code: String, message: String)? {
    let prose = operation.raw["responses"]?["x-Errors"]?["description"]?.stringValue ?? ""
    for line in prose.split(separator: "\n") {
      let parts = line.split(separator: "`", maxSplits: 2)
      guard parts.count == 3, parts[1].hasSuffix("NOT_FOUND") else { continue }
      var message = parts[2].drop { $0 == ":" || $0 == " " }
      if message.hasSuffix(".") { message = message.dropLast() }
      return (String(parts[1]), String(message))
    }
    return nil
  }

  /// An operation's own parameters: the members of its body schema.
  struct Body {
    var objectParameters: [(name: String, className: String)] = []
    var scalarNames: [String] = []
    var required: Set<String> = []

    init(_ operation: SpecOperation) {
      guard let schema = operation.bodyParameter?.schema, !(operation.bodyParameter?.isGlobal ?? true) else { return }
      required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      for member in schema["properties"]?.objectValue ?? JSONObject() {
        if let name = CRUDShape.className(member.value) {
          objectParameters.append((member.key, name))
        } else if member.value["type"]?.stringValue != "array" {
          scalarNames.append(member.key)
        }
      }
    }
  }
}
