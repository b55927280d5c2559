import Foundation
import GRDB
import JSONValue
import KalturaWire

/// A SQL boolean expression and its bound values.
struct SQLCondition: Sendable {
  var sql: String
  var arguments: [DatabaseValue]

  static let always = SQLCondition(sql: "1", arguments: [])

  static func all(_ parts: [SQLCondition]) -> SQLCondition {
    guard !parts.isEmpty else { return .always }
    return SQLCondition(
      sql: parts.map { "(\($0.sql))" }.joined(separator: " AND "), arguments: parts.flatMap(\.arguments))
  }
}

/// Kaltura's filter property grammar: a field name and an operator suffix
/// (`createdAtGreaterThanOrEqual` is `createdAt` ≥), the way `KalturaFilter` maps them to columns.
enum FilterOperator: String, CaseIterable, Sendable {
  // Longest suffixes first, so `NotIn` wins over `In` and `GreaterThanOrEqual` over `GreaterThan`.
  case greaterThanOrEqualOrNull = "GreaterThanOrEqualOrNull"
  case lessThanOrEqualOrNull = "LessThanOrEqualOrNull"
  case greaterThanOrEqual = "GreaterThanOrEqual"
  case lessThanOrEqual = "LessThanOrEqual"
  case multiLikeAnd = "MultiLikeAnd"
  case multiLikeOr = "MultiLikeOr"
  case greaterThan = "GreaterThan"
  case startsWith = "StartsWith"
  case matchAnd = "MatchAnd"
  case lessThan = "LessThan"
  case notEqual = "NotEqual"
  case matchOr = "MatchOr"
  case notIn = "NotIn"
  case equal = "Equal"
  case like = "Like"
  case `in` = "In"

  /// The field and operator of a filter property name, nil outside the grammar (`freeText`).
  static func parse(_ name: String) -> (field: String, op: FilterOperator)? {
    for op in allCases where name.hasSuffix(op.rawValue) && name.count > op.rawValue.count {
      return (String(name.dropLast(op.rawValue.count)), op)
    }
    return nil
  }

  var takesList: Bool { [.in, .notIn, .multiLikeOr, .multiLikeAnd, .matchOr, .matchAnd].contains(self) }
  var isRange: Bool {
    [.greaterThanOrEqual, .lessThanOrEqual, .greaterThan, .lessThan, .greaterThanOrEqualOrNull, .lessThanOrEqualOrNull]
      .contains(self)
  }
}

/// Where a filterable field lives in SQL and what it holds.
struct FilterField: Sendable {
  /// A SQL expression over the row (a column, `json_extract(...)`, a constant).
  var expression: String
  /// "integer", "number", "boolean" or "string".
  var type: String
  var enumValues: [JSONValue]? = nil
  var enumType: String? = nil
  /// Unix seconds, where small values are relative to now (`kTime`).
  var isTime = false

  init(expression: String, type: String, enumValues: [JSONValue]? = nil, enumType: String? = nil, isTime: Bool = false)
  {
    self.expression = expression
    self.type = type
    self.enumValues = enumValues
    self.enumType = enumType
    self.isTime = isTime
  }

  /// A field of a spec class.
  init(expression: String, property: SpecProperty) {
    self.init(
      expression: expression, type: property.type, enumValues: property.enumValues, enumType: property.enumType,
      isTime: property.isTime)
  }
}

/// Compiles a Kaltura filter object to SQL. Every declared filter property that carries a value
/// is applied or refused: the sandbox never answers "everything" for a filter it cannot evaluate.
struct FilterCompiler {
  /// The filter class as resolved from the declared class and the sent `objectType`.
  let filterClass: SpecClass
  /// The SQL field for an object field name; nil when the sandbox cannot evaluate it.
  let field: (String) -> FilterField?
  /// Filter properties outside the grammar the caller evaluates itself (`freeText`).
  var special: [String: (String) throws -> SQLCondition] = [:]
  /// Object-valued filter properties the caller evaluates itself (`advancedSearch`).
  var objectMembers: [String: (JSONObject) throws -> SQLCondition] = [:]

  init(
    declared: String, filter: JSONObject, field: @escaping (String) -> FilterField?,
    special: [String: (String) throws -> SQLCondition] = [:],
    objectMembers: [String: (JSONObject) throws -> SQLCondition] = [:]
  ) throws {
    let requested = filter["objectType"].flatMap(KalturaValue.string) ?? ""
    let declaredModel = SandboxSpec.classes[declared]
    var name = declared
    if !requested.isEmpty, declaredModel?.subclasses.contains(requested) ?? false { name = requested }
    guard let model = SandboxSpec.classes[name] else { throw KalturaAPIError.invalidObjectType(name) }
    if model.isAbstract {
      // `KalturaMediaEntryBaseFilter`-style abstract filters stand for their concrete subclass.
      guard
        let concrete = model.subclasses.sorted().compactMap({ SandboxSpec.classes[$0] }).first(where: {
          !$0.isAbstract && $0.ancestors.first == model.name
        })
      else { throw KalturaAPIError.objectTypeAbstract(name) }
      filterClass = concrete
    } else {
      filterClass = model
    }
    self.field = field
    self.special = special
    self.objectMembers = objectMembers
  }

  static let ignoredProperties: Set<String> = ["objectType", "orderBy", "relatedObjects"]

  func condition(_ filter: JSONObject) throws -> SQLCondition {
    var parts: [SQLCondition] = []
    for member in filter where !Self.ignoredProperties.contains(member.key) {
      // Kaltura's deserializer skips properties the class does not declare.
      guard filterClass.property(member.key) != nil else { continue }
      if member.value.isNull { continue }
      if let object = member.value.objectValue {
        if let evaluate = objectMembers[member.key] {
          parts.append(try evaluate(object))
          continue
        }
        if object.isEmpty || object.keys == ["objectType"] { continue }
        throw SandboxErrors.filterNotSupported(member.key, filter: filterClass.name)
      }
      guard let text = KalturaValue.string(member.value), !text.isEmpty else { continue }
      if let evaluate = special[member.key] {
        parts.append(try evaluate(text))
        continue
      }
      guard let (name, op) = FilterOperator.parse(member.key), let field = field(name) else {
        throw SandboxErrors.filterNotSupported(member.key, filter: filterClass.name)
      }
      parts.append(try Self.condition(field: field, op: op, text: text, property: member.key))
    }
    return .all(parts)
  }

  /// `x` contains each of `items` (or starts with it), as SQLite's LIKE matches: ASCII case
  /// folded, `%`, `_` and `\` in an item taken literally. Every text filter matches this way,
  /// the grammar's and a metadata search's.
  static func textMatch(_ x: String, _ items: [String], atStart: Bool = false, joiner: String = " OR ")
    -> SQLCondition
  {
    let patterns = items.map { (atStart ? "" : "%") + likeEscaped($0) + "%" }
    return SQLCondition(
      sql: patterns.map { _ in "\(x) LIKE ? ESCAPE '\\'" }.joined(separator: joiner),
      arguments: patterns.map { $0.databaseValue })
  }

  static func condition(field: FilterField, op: FilterOperator, text: String, property: String) throws
    -> SQLCondition
  {
    let x = field.expression
    let items =
      op.takesList
      ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : [text]
    func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
    switch op {
    case .like, .startsWith, .multiLikeOr, .multiLikeAnd, .matchOr, .matchAnd:
      return textMatch(
        x, items, atStart: op == .startsWith, joiner: [.multiLikeAnd, .matchAnd].contains(op) ? " AND " : " OR ")
    default:
      let values = try items.map { try typed($0, field: field, op: op, property: property) }
      switch op {
      case .equal: return SQLCondition(sql: "\(x) = ?", arguments: values)
      case .notEqual: return SQLCondition(sql: "\(x) IS NULL OR \(x) <> ?", arguments: values)
      case .in: return SQLCondition(sql: "\(x) IN (\(marks(values.count)))", arguments: values)
      case .notIn:
        return SQLCondition(sql: "\(x) IS NULL OR \(x) NOT IN (\(marks(values.count)))", arguments: values)
      case .greaterThanOrEqual: return SQLCondition(sql: "\(x) >= ?", arguments: values)
      case .lessThanOrEqual: return SQLCondition(sql: "\(x) <= ?", arguments: values)
      case .greaterThan: return SQLCondition(sql: "\(x) > ?", arguments: values)
      case .lessThan: return SQLCondition(sql: "\(x) < ?", arguments: values)
      case .greaterThanOrEqualOrNull: return SQLCondition(sql: "\(x) IS NULL OR \(x) >= ?", arguments: values)
      case .lessThanOrEqualOrNull: return SQLCondition(sql: "\(x) IS NULL OR \(x) <= ?", arguments: values)
      default: return .always
      }
    }
  }

  /// A filter value as the field's type; an enum field refuses a value outside its enum
  /// (`INVALID_ENUM_VALUE`, as Kaltura's deserializer does).
  static func typed(_ text: String, field: FilterField, op: FilterOperator, property: String) throws -> DatabaseValue {
    if let allowed = field.enumValues, !op.isRange,
      !allowed.contains(where: { $0.displayText == text })
    {
      throw KalturaAPIError.invalidEnumValue(text, parameter: property, enumType: field.enumType ?? property)
    }
    switch field.type {
    case "integer":
      if field.isTime, op.isRange, let seconds = KalturaValue.time(.string(text)) { return seconds.databaseValue }
      guard let value = KalturaValue.int(.string(text)) else {
        throw KalturaAPIError.named("INVALID_FIELD_VALUE", property)
      }
      return value.databaseValue
    case "number":
      guard let value = Double(text) else { throw KalturaAPIError.named("INVALID_FIELD_VALUE", property) }
      return value.databaseValue
    case "boolean":
      guard let value = KalturaValue.bool(.string(text)) else {
        throw KalturaAPIError.named("INVALID_FIELD_VALUE", property)
      }
      return (value ? 1 : 0).databaseValue
    default:
      return text.databaseValue
    }
  }

  static func likeEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
      if c == "%" || c == "_" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out
  }

  /// `ORDER BY` for `orderBy` (`+name`, `-createdAt`, comma-separated); the value must be one the
  /// filter class declares, and its field one the sandbox can sort by.
  func order(_ orderBy: String?, default fallback: String, tieBreak: String) throws -> String {
    guard let orderBy, !orderBy.isEmpty else { return fallback }
    let declared = filterClass.property("orderBy")
    if let allowed = declared?.enumValues, !allowed.contains(where: { $0.displayText == orderBy }) {
      throw KalturaAPIError.invalidEnumValue(
        orderBy, parameter: "orderBy", enumType: declared?.enumType ?? filterClass.name + "OrderBy")
    }
    var terms: [String] = []
    for part in orderBy.split(separator: ",") {
      let term = part.trimmingCharacters(in: .whitespaces)
      guard let sign = term.first, sign == "+" || sign == "-", let field = field(String(term.dropFirst())) else {
        throw SandboxErrors.orderNotSupported(orderBy, filter: filterClass.name)
      }
      terms.append("\(field.expression) \(sign == "+" ? "ASC" : "DESC")")
    }
    return (terms + [tieBreak]).joined(separator: ", ")
  }
}
