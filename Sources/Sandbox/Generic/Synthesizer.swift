import APISchema
import Foundation
import JSONValue

/// A schema-valid reply for an operation the sandbox has no semantics for: an instance of the
/// declared response class with every property at its type's neutral value (the first value of
/// an enum), so a client's deserializer accepts it. The reply says it is synthesized (header
/// `X-Sandbox-Synthesized`, `sandbox.log`).
enum Synthesizer {
  static func reply(for operation: SpecOperation, partnerId: Int?) -> JSONValue {
    guard let schema = operation.responseSchema else { return .null }
    return value(schema, partnerId: partnerId, depth: 0)
  }

  static func value(_ schema: JSONValue, partnerId: Int?, depth: Int) -> JSONValue {
    if let name = CRUDShape.className(schema) { return object(name, partnerId: partnerId, depth: depth) }
    switch schema["type"]?.stringValue {
    case "integer", "number": return schema["enum"]?[0] ?? 0
    case "boolean": return false
    case "array": return []
    case "object": return .object(JSONObject())
    case "file", "string": return schema["enum"]?[0] ?? ""
    default: return .null
    }
  }

  /// An instance of `name`, or of its first concrete subclass when it is abstract.
  static func object(_ name: String, partnerId: Int?, depth: Int) -> JSONValue {
    guard var model = SandboxSpec.classes[name] else { return .null }
    if model.isAbstract {
      guard
        let concrete = model.subclasses.sorted().compactMap({ SandboxSpec.classes[$0] }).first(where: { !$0.isAbstract }
        )
      else { return .null }
      model = concrete
    }
    var out = JSONObject([("objectType", .string(model.name))])
    for property in model.properties where property.name != "objectType" {
      switch property.type {
      case "integer", "number": out[property.name] = property.enumValues?.first ?? 0
      case "boolean": out[property.name] = false
      case "array": out[property.name] = []
      // Nested objects only near the top: the spec's classes refer to each other in cycles.
      case "object":
        out[property.name] =
          depth < 2 ? property.className.map { object($0, partnerId: partnerId, depth: depth + 1) } ?? .null : .null
      default: out[property.name] = property.enumValues?.first ?? ""
      }
    }
    if let partnerId, model.property("partnerId") != nil { out["partnerId"] = .int(partnerId) }
    let now = unixNow()
    for time in ["createdAt", "updatedAt"] where model.property(time) != nil { out[time] = .int(now) }
    return .object(out)
  }
}
