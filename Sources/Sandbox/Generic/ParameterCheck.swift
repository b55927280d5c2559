import APISchema
import JSONValue
import KalturaWire

/// An operation's parameters checked against the spec, in Kaltura's order: mandatory
/// parameters first (before the KS is looked at), then, for synthesized replies, the values.
enum ParameterCheck {
  /// The operation's own parameters, in the order Kaltura declares them (`x-kaltura-parameters`).
  static func declared(_ operation: SpecOperation) -> [(name: String, node: JSONValue, required: Bool)] {
    var out: [(name: String, node: JSONValue, required: Bool)] = []
    for parameter in operation.parameters where !parameter.isGlobal {
      if parameter.location == .body, let schema = parameter.schema {
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for member in schema["properties"]?.objectValue ?? JSONObject() {
          out.append((member.key, member.value, required.contains(member.key)))
        }
      } else {
        out.append((parameter.name, parameter.raw, parameter.isRequired))
      }
    }
    let order = operation.raw["x-kaltura-parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let rank = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    return out.enumerated().sorted {
      (rank[$0.element.name] ?? 1000 + $0.offset) < (rank[$1.element.name] ?? 1000 + $1.offset)
    }
    .map(\.element)
  }

  /// `MISSING_MANDATORY_PARAMETER` for the first required parameter the call lacks.
  static func mandatory(_ operation: SpecOperation, call: KalturaCall, fileNames: Set<String>) throws {
    for parameter in declared(operation) where parameter.required {
      let value = call.params[parameter.name]
      if (value == nil || value?.isNull == true) && !fileNames.contains(parameter.name) {
        throw KalturaAPIError.missingMandatoryParameter(parameter.name)
      }
    }
  }

  /// Scalar values typed and within their enums; object values of a class the parameter accepts.
  static func values(_ operation: SpecOperation, call: KalturaCall) throws {
    for parameter in declared(operation) {
      guard let value = call.params[parameter.name], !value.isNull else { continue }
      if let className = CRUDShape.className(parameter.node) {
        guard let object = value.objectValue else { throw KalturaAPIError.invalidObjectType(value.displayText) }
        let model = try ObjectInput.resolveClass(declared: className, object: object)
        _ = try ObjectInput.fields(object, model: model, isUpdate: false)
        continue
      }
      guard let type = parameter.node["type"]?.stringValue, type != "file", type != "array" else { continue }
      let property = SpecProperty(name: parameter.name, node: parameter.node)
      _ = try ObjectInput.typed(value, property: property)
    }
  }
}
