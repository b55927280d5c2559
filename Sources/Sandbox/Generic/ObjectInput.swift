import JSONValue
import KalturaWire

/// A sent Kaltura object checked against its class as Kaltura's request deserializer checks it:
/// the class an `objectType` may name, read-only and insert-only properties, enum values and
/// property types.
enum ObjectInput {
  /// The class to build for a parameter declared as `declared`: a sent `objectType` that is the
  /// declared class or one of its subclasses, else the declared class (another name is ignored,
  /// as Kaltura ignores it); an abstract result is `OBJECT_TYPE_ABSTRACT`.
  static func resolveClass(declared: String, object: JSONObject) throws -> SpecClass {
    guard let declaredModel = SandboxSpec.classes[declared] else { throw KalturaAPIError.invalidObjectType(declared) }
    var model = declaredModel
    if let given = object["objectType"].flatMap(KalturaValue.string), !given.isEmpty,
      declaredModel.subclasses.contains(given), let subclass = SandboxSpec.classes[given]
    {
      model = subclass
    }
    if model.isAbstract { throw KalturaAPIError.objectTypeAbstract(model.name) }
    return model
  }

  /// The sent properties the class declares, typed; `null` (`__null`) kept as a request to clear.
  static func fields(_ object: JSONObject, model: SpecClass, isUpdate: Bool) throws -> JSONObject {
    var out = JSONObject()
    for member in object where member.key != "objectType" {
      // Kaltura's deserializer skips what the class does not declare.
      guard let property = model.property(member.key) else { continue }
      if member.value.isNull {
        if isUpdate {
          if property.isReadOnly || property.isInsertOnly { throw notUpdatable(model, property) }
          out[member.key] = .null
        }
        continue
      }
      if property.isReadOnly || (isUpdate && property.isInsertOnly) { throw notUpdatable(model, property) }
      out[member.key] = try typed(member.value, property: property)
    }
    return out
  }

  static func notUpdatable(_ model: SpecClass, _ property: SpecProperty) -> KalturaAPIError {
    KalturaAPIError.propertyNotUpdatable("\(model.name)::\(property.name)")
  }

  /// A value as the property's type; form fields arrive as text.
  static func typed(_ value: JSONValue, property: SpecProperty) throws -> JSONValue {
    let invalid = KalturaAPIError.named("INVALID_FIELD_VALUE", property.name)
    let result: JSONValue
    switch property.type {
    case "integer":
      guard let number = property.isTime ? KalturaValue.time(value) : KalturaValue.int(value) else { throw invalid }
      result = .int(number)
    case "number":
      guard let number = KalturaValue.double(value) else { throw invalid }
      result = number.rounded() == number && abs(number) < 9e15 ? .int(Int(number)) : .double(number)
    case "boolean":
      guard let flag = KalturaValue.bool(value) else { throw invalid }
      result = .bool(flag)
    case "array":
      let items: [JSONValue]
      switch value {
      case .array(let array): items = array
      // `restrictions[0][…]` form fields nest as an object keyed by position.
      case .object(let object):
        items = object.members.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value)
      case .string(let text) where text.isEmpty: items = []
      default: throw invalid
      }
      result = .array(try items.map { try nested($0, className: property.className) })
    case "object":
      result = try nested(value, className: property.className)
    default:
      guard let text = KalturaValue.string(value) else { throw invalid }
      result = .string(text)
    }
    if let allowed = property.enumValues, !allowed.contains(where: { $0.displayText == result.displayText }) {
      throw KalturaAPIError.invalidEnumValue(
        value.displayText, parameter: property.name, enumType: property.enumType ?? property.name)
    }
    return result
  }

  /// A nested object (an access-control rule, a restriction): typed by its own class, which
  /// must be concrete; read-only members are dropped rather than refused, as nested objects
  /// are rebuilt by the server.
  static func nested(_ value: JSONValue, className: String?) throws -> JSONValue {
    guard let object = value.objectValue, let className else { return value }
    let model = try resolveClass(declared: className, object: object)
    var out = JSONObject([("objectType", .string(model.name))])
    for member in object where member.key != "objectType" && !member.value.isNull {
      guard let property = model.property(member.key), !property.isReadOnly else { continue }
      out[member.key] = try typed(member.value, property: property)
    }
    return .object(out)
  }
}
