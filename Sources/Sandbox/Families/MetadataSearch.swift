import Foundation
import GRDB
import JSONValue
import KalturaWire

/// An entry filter's `advancedSearch` as Kaltura's portal sends it for custom fields: a
/// `KalturaMetadataSearchItem` (or `KalturaSearchOperator`) whose items are conditions on
/// metadata fields and further operators, compiled to `id IN (…)` over `metadataValue`.
///
/// A plain condition matches a field whose value contains `value`, case-insensitively (ASCII):
/// Kaltura's search matches words of a text field, and a substring match finds every entry a
/// word match finds (a list field's value is then found by any part of it). A
/// `KalturaSearchComparableCondition` compares the field as a number (numbers and `dateType`'s
/// Unix seconds). Anything else is refused, naming what, never skipped.
struct MetadataSearch {
  let partnerId: Int
  /// The entry filter class, for the refusals.
  let filterClass: String

  static let operatorClasses: Set<String> = ["KalturaMetadataSearchItem", "KalturaSearchOperator"]
  static let conditionClasses: Set<String> = ["KalturaSearchCondition", "KalturaSearchComparableCondition"]
  /// Members that do not restrict which entries match (`orderBy` sorts by a field in Kaltura).
  static let unrestricting: Set<String> = ["objectType", "orderBy"]

  func condition(_ search: JSONObject) throws -> SQLCondition {
    let restricting = search.filter { !Self.unrestricting.contains($0.key) && !$0.value.isNull }
    if restricting.isEmpty { return .always }
    return try operatorCondition(search, path: "advancedSearch", profileId: nil)
  }

  private func operatorCondition(_ search: JSONObject, path: String, profileId: String?) throws -> SQLCondition {
    let objectType = search.text("objectType") ?? ""
    guard Self.operatorClasses.contains(objectType) else {
      throw refusal(path, objectType.isEmpty ? "an item without objectType" : objectType)
    }
    var profileId = profileId
    if objectType == "KalturaMetadataSearchItem", let id = search.text("metadataProfileId") {
      guard Int(id) != nil else { throw KalturaAPIError.named("INVALID_FIELD_VALUE", "\(path):metadataProfileId") }
      profileId = id
    }
    let joiner: String
    switch search.text("type") ?? "1" {
    case "1": joiner = " AND "
    case "2": joiner = " OR "
    case let other:
      throw KalturaAPIError.invalidEnumValue(other, parameter: "\(path):type", enumType: "KalturaSearchOperatorType")
    }
    let items = try Self.items(search["items"], path: path)
    let parts = try items.enumerated().map { index, item in
      let itemPath = "\(path):items:\(index)"
      let itemType = item.text("objectType") ?? ""
      if Self.conditionClasses.contains(itemType) {
        return try fieldCondition(item, path: itemPath, profileId: profileId)
      }
      return try operatorCondition(item, path: itemPath, profileId: profileId)
    }
    guard !parts.isEmpty else { return .always }
    return SQLCondition(
      sql: parts.map { "(\($0.sql))" }.joined(separator: joiner), arguments: parts.flatMap(\.arguments))
  }

  /// `items` as a JSON array, or as form keys nest it (`items:0:field` → an object keyed by index).
  private static func items(_ value: JSONValue?, path: String) throws -> [JSONObject] {
    let list: [JSONValue]
    switch value {
    case nil, .null?: return []
    case .array(let items)?: list = items
    case .object(let members)?:
      let indexed = members.map { (Int($0.key), $0.value) }
      guard indexed.allSatisfy({ $0.0 != nil }) else {
        throw SandboxErrors.filterNotSupported("\(path):items", filter: "KalturaSearchOperator")
      }
      list = indexed.sorted { $0.0! < $1.0! }.map(\.1)
    default:
      throw SandboxErrors.filterNotSupported("\(path):items", filter: "KalturaSearchOperator")
    }
    return try list.enumerated().map { index, item in
      guard let object = item.objectValue else {
        throw SandboxErrors.filterNotSupported("\(path):items:\(index)", filter: "KalturaSearchOperator")
      }
      return object
    }
  }

  private func fieldCondition(_ item: JSONObject, path: String, profileId: String?) throws -> SQLCondition {
    guard let xpath = item.text("field"), !xpath.isEmpty else {
      throw KalturaAPIError.missingMandatoryParameter("\(path):field")
    }
    guard let field = Self.fieldName(xpath) else { throw refusal("\(path):field", xpath) }
    guard let value = item.text("value"), !value.isEmpty else {
      throw KalturaAPIError.missingMandatoryParameter("\(path):value")
    }
    var sql = "partnerId = ? AND field = ?"
    var arguments: [DatabaseValue] = [partnerId.databaseValue, field.databaseValue]
    if let profileId {
      sql += " AND profileId = ?"
      arguments.append(profileId.databaseValue)
    }
    if item.text("objectType") == "KalturaSearchComparableCondition" {
      guard let comparison = item.text("comparison") else {
        throw KalturaAPIError.missingMandatoryParameter("\(path):comparison")
      }
      guard let symbol = Self.comparisons[comparison] else {
        throw KalturaAPIError.invalidEnumValue(
          comparison, parameter: "\(path):comparison", enumType: "KalturaSearchConditionComparison")
      }
      guard let number = Double(value.trimmingCharacters(in: .whitespaces)) else {
        throw KalturaAPIError.named("INVALID_FIELD_VALUE", "\(path):value")
      }
      sql += " AND number \(symbol) ?"
      arguments.append(number.databaseValue)
    } else {
      let contains = FilterCompiler.textMatch("value", [value])
      sql += " AND " + contains.sql
      arguments += contains.arguments
    }
    return SQLCondition(sql: "id IN (SELECT objectId FROM metadataValue WHERE \(sql))", arguments: arguments)
  }

  /// `KalturaSearchConditionComparison` as SQL.
  static let comparisons: [String: String] = ["1": "=", "2": ">", "3": ">=", "4": "<", "5": "<=", "6": "<>"]

  /// The field a condition names: Kaltura's `/*[local-name()='metadata']/*[local-name()='X']`
  /// XPath, or `X` alone; nil for any other XPath.
  static func fieldName(_ xpath: String) -> String? {
    func isName(_ text: Substring) -> Bool {
      !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }
    if isName(Substring(xpath)) { return xpath }
    for quote in ["'", "\""] {
      let prefix = "/*[local-name()=\(quote)metadata\(quote)]/*[local-name()=\(quote)"
      let suffix = "\(quote)]"
      guard xpath.hasPrefix(prefix), xpath.hasSuffix(suffix), xpath.count > prefix.count + suffix.count else {
        continue
      }
      let name = xpath.dropFirst(prefix.count).dropLast(suffix.count)
      return isName(name) ? String(name) : nil
    }
    return nil
  }

  private func refusal(_ property: String, _ what: String) -> KalturaAPIError {
    SandboxErrors.filterNotSupported("\(property) (\(what))", filter: filterClass)
  }
}
