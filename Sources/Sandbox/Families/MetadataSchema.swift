import Foundation

/// The fields a metadata profile's XSD declares, and custom metadata checked against them.
///
/// A structural check, not full XSD validation: the root element, which fields may appear, in
/// what order and how often (`minOccurs`/`maxOccurs`), and `listType` enumerations. The portal's
/// profiles are flat sequences of text, date, list and object fields, which this covers; full
/// validation would need libxml2's schema API as a system-library target and a new Debian
/// package in CI for no recipe that needs more.
struct MetadataSchema: Sendable, Equatable {
  struct Field: Sendable, Equatable {
    var name: String
    var minOccurs: Int
    /// nil: unbounded.
    var maxOccurs: Int?
    /// `dateType` fields hold an integer (a Unix time).
    var isDate: Bool
    /// The values a `listType`-restricted field allows; empty when any.
    var allowed: [String]
  }

  struct Invalid: Error, Equatable {
    var reason: String
  }

  var root: String
  var fields: [Field]

  /// The schema of an XSD document; `Invalid` when it is not one the sandbox can read.
  init(xsd: String) throws {
    let schema: XMLNode
    do { schema = try XMLNode.parse(xsd) } catch let error as XMLNode.Malformed { throw Invalid(reason: error.reason) }
    guard schema.name == "schema" else {
      throw Invalid(reason: "the root element is <\(schema.name)>, not <xsd:schema>")
    }
    guard let top = schema.elements("element").first, let root = top.attributes["name"] else {
      throw Invalid(reason: "no top-level <xsd:element name=…>")
    }
    let enumerations = Self.namedEnumerations(schema)
    let sequence = top.elements("complexType").first?.children.first { $0.name == "sequence" || $0.name == "all" }
    self.root = root
    self.fields = try (sequence?.elements("element") ?? []).map { element in
      guard let name = element.attributes["name"] else { throw Invalid(reason: "an <xsd:element> without a name") }
      let type = element.attributes["type"].map { $0.split(separator: ":").last.map(String.init) ?? $0 } ?? ""
      let max = element.attributes["maxOccurs"] ?? "1"
      guard let minOccurs = Int(element.attributes["minOccurs"] ?? "1"), max == "unbounded" || Int(max) != nil else {
        throw Invalid(reason: "field \(name): minOccurs/maxOccurs are not numbers")
      }
      let inline = Self.inlineEnumerations(element)
      return Field(
        name: name, minOccurs: minOccurs, maxOccurs: Int(max), isDate: type == "dateType",
        allowed: inline.isEmpty ? (type == "listType" ? [] : enumerations[type] ?? []) : inline)
    }
  }

  /// `<xsd:simpleType name=T>`'s enumeration values by T, or the values under `node`.
  private static func namedEnumerations(_ node: XMLNode) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for type in node.elements("simpleType") {
      if let name = type.attributes["name"] { out[name] = values(type) }
    }
    return out
  }

  private static func inlineEnumerations(_ element: XMLNode) -> [String] {
    element.elements("simpleType").flatMap(values)
  }

  private static func values(_ simpleType: XMLNode) -> [String] {
    simpleType.elements("restriction").flatMap { $0.elements("enumeration").compactMap { $0.attributes["value"] } }
  }

  /// Checks `xml` against the schema; the first problem, as Kaltura's validator would name it.
  func validate(_ xml: String) throws {
    let document: XMLNode
    do { document = try XMLNode.parse(xml) } catch let error as XMLNode.Malformed {
      throw Invalid(reason: error.reason)
    }
    guard document.name == root else {
      throw Invalid(reason: "the root element is <\(document.name)>, the profile expects <\(root)>")
    }
    var position = 0
    for field in fields {
      var count = 0
      while position < document.children.count, document.children[position].name == field.name {
        try check(document.children[position], field: field)
        count += 1
        position += 1
      }
      if count < field.minOccurs, document.children[position...].contains(where: { $0.name == field.name }) {
        throw Invalid(reason: "<\(field.name)> is out of the order the profile declares")
      }
      if count < field.minOccurs {
        throw Invalid(reason: "<\(field.name)> is required (minOccurs \(field.minOccurs)), found \(count)")
      }
      if let max = field.maxOccurs, count > max {
        throw Invalid(reason: "<\(field.name)> appears \(count) times, at most \(max) allowed")
      }
    }
    if position < document.children.count {
      let name = document.children[position].name
      if fields.contains(where: { $0.name == name }) {
        throw Invalid(reason: "<\(name)> is out of the order the profile declares")
      }
      throw Invalid(
        reason: "<\(name)> is not a field of the profile (it declares \(fields.map(\.name).joined(separator: ", ")))")
    }
  }

  private func check(_ node: XMLNode, field: Field) throws {
    let value = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
    if !node.children.isEmpty { throw Invalid(reason: "<\(field.name)> holds elements, the profile declares text") }
    if field.isDate, Int(value) == nil {
      throw Invalid(reason: "<\(field.name)> must be a date (a Unix time in seconds), got \"\(value)\"")
    }
    if !field.allowed.isEmpty, !field.allowed.contains(value) {
      throw Invalid(
        reason: "<\(field.name)> is \"\(value)\", allowed: \(field.allowed.joined(separator: ", "))")
    }
  }
}
