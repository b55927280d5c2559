import APISchema
import Foundation
import JSONValue

/// `Operation` alone would also name Foundation's.
typealias SpecOperation = APISchema.Operation

/// Kaltura's OVP OpenAPI document (`Resources/ovp.openapi.json`, see `Resources/NOTICE`), the
/// source of every operation, class and enum the generic engine serves. Parsed once, on first
/// use: a sandbox that only answers the upload recipe never pays for it.
enum SandboxSpec {
  static let document: APIDocument = {
    guard let url = Bundle.module.url(forResource: "ovp.openapi", withExtension: "json"),
      let data = try? Data(contentsOf: url), let document = try? APIDocument(bytes: [UInt8](data))
    else {
      // The resource is part of the build; without it only the hand-written families answer.
      return try! APIDocument(json: ["swagger": "2.0", "paths": [:], "definitions": [:]])
    }
    return document
  }()

  /// Class models, built on demand and kept (a list walks the same classes on every call).
  static let classes = ClassCache()

  /// The operation `service.action`, ids matched case-insensitively as Kaltura matches them.
  static func operation(service: String, action: String) -> SpecOperation? {
    document.operation(method: "post", path: "/service/\(service)/action/\(action)")
  }
}

/// One property of a Kaltura class, as the spec declares it.
struct SpecProperty: Sendable {
  let name: String
  /// "string", "integer", "number", "boolean", "array", "object".
  let type: String
  /// `readOnly`: the server fills it; a client that sends it is refused.
  let isReadOnly: Bool
  /// `insertOnly`: settable by `add`, refused by `update`.
  let isInsertOnly: Bool
  let enumValues: [JSONValue]?
  let enumType: String?
  /// The class of an object property, or of an array's items.
  let className: String?
  /// Unix seconds, where small values count from now (Kaltura's `kTime` fields).
  let isTime: Bool

  init(name: String, node: JSONValue) {
    self.name = name
    let description = node["description"]?.stringValue ?? ""
    isReadOnly = node["readOnly"]?.boolValue ?? false
    // The spec marks insert-only properties only in prose, as its first line.
    isInsertOnly = description.hasPrefix("`insertOnly`")
    enumValues = node["enum"]?.arrayValue
    enumType = node["x-enumType"]?.stringValue
    let reference = node["$ref"]?.stringValue ?? node["items"]?["$ref"]?.stringValue
    className = reference.flatMap { $0.split(separator: "/").last.map(String.init) }
    type = node["type"]?.stringValue ?? (node["$ref"] != nil ? "object" : "string")
    isTime =
      type == "integer"
      && (node["x-inputType"]?.stringValue == "datetime" || name.hasSuffix("At") || name.hasSuffix("Date"))
  }
}

/// A Kaltura class: its properties including inherited ones, its ancestors and subclasses.
struct SpecClass: Sendable {
  let name: String
  let isAbstract: Bool
  /// Every property, inherited ones first, in document order.
  let properties: [SpecProperty]
  let propertyIndex: [String: Int]
  /// Parents through `allOf`, nearest first.
  let ancestors: [String]
  /// Concrete and abstract classes an `objectType` may name in its place (itself included).
  let subclasses: Set<String>

  /// The topmost ancestor: objects of one root share one id space (an annotation is a cue point).
  var root: String { ancestors.last ?? name }

  func property(_ name: String) -> SpecProperty? { propertyIndex[name].map { properties[$0] } }

  func isKind(of other: String) -> Bool { name == other || ancestors.contains(other) }
}

/// Thread-safe memo of class models.
final class ClassCache: @unchecked Sendable {
  // Guarded by `lock`; models are immutable once built.
  private let lock = NSLock()
  private var built: [String: SpecClass] = [:]

  subscript(name: String) -> SpecClass? {
    if let hit = lock.withLock({ built[name] }) { return hit }
    guard let model = Self.build(name) else { return nil }
    lock.withLock { built[name] = model }
    return model
  }

  private static func build(_ name: String) -> SpecClass? {
    let document = SandboxSpec.document
    guard let node = document.definition(name) else { return nil }
    var ancestors: [String] = []
    var current = node
    while let parent = current["allOf"]?[0]?["$ref"]?.stringValue?.split(separator: "/").last.map(String.init),
      !ancestors.contains(parent), let next = document.definition(parent)
    {
      ancestors.append(parent)
      current = next
    }
    let all = document.allProperties(of: .object(JSONObject([("$ref", .string("#/definitions/" + name))])))
    let properties = all.members.map { SpecProperty(name: $0.key, node: $0.value) }
    var index: [String: Int] = [:]
    for (i, property) in properties.enumerated() { index[property.name] = i }
    var subclasses: Set<String> = [name]
    for subtype in document.subtypeNames(of: node) { subclasses.insert(subtype) }
    return SpecClass(
      name: name, isAbstract: node["x-abstract"]?.boolValue ?? false, properties: properties,
      propertyIndex: index, ancestors: ancestors, subclasses: subclasses)
  }
}
