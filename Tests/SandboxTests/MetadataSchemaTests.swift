import Foundation
import Testing

@testable import Sandbox

/// Custom metadata validated by libxml2's XSD engine against its profile's XSD: libxml2's own
/// reasons, Kaltura's field types, and schemas that may not reach outside themselves.
@Suite struct MetadataSchemaTests {
  /// A profile as Kaltura's editor writes it: the fields, then the four types it declares.
  static let kalturaXSD = """
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:element name="metadata"><xsd:complexType><xsd:sequence>
        <xsd:element id="md_1" name="Title" minOccurs="1" maxOccurs="1" type="textType">
          <xsd:annotation><xsd:appinfo><label>Title</label><searchable>true</searchable></xsd:appinfo></xsd:annotation>
        </xsd:element>
        <xsd:element name="Shot" minOccurs="0" maxOccurs="1" type="dateType"/>
        <xsd:element name="Color" minOccurs="0" maxOccurs="unbounded">
          <xsd:simpleType><xsd:restriction base="listType">
            <xsd:enumeration value="Red"/><xsd:enumeration value="Green"/>
          </xsd:restriction></xsd:simpleType>
        </xsd:element>
      </xsd:sequence></xsd:complexType></xsd:element>
      <xsd:complexType name="textType"><xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent></xsd:complexType>
      <xsd:complexType name="dateType"><xsd:simpleContent><xsd:extension base="xsd:long"/></xsd:simpleContent></xsd:complexType>
      <xsd:complexType name="objectType"><xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent></xsd:complexType>
      <xsd:simpleType name="listType"><xsd:restriction base="xsd:string"/></xsd:simpleType>
    </xsd:schema>
    """

  /// The same fields written by hand, the Kaltura types used but not declared.
  static let handWrittenXSD = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="metadata"><xs:complexType><xs:sequence>
        <xs:element name="Title" minOccurs="1" maxOccurs="1" type="textType"/>
        <xs:element name="Shot" minOccurs="0" maxOccurs="1" type="dateType"/>
        <xs:element name="Color" minOccurs="0" maxOccurs="unbounded">
          <xs:simpleType><xs:restriction base="listType">
            <xs:enumeration value="Red"/><xs:enumeration value="Green"/>
          </xs:restriction></xs:simpleType>
        </xs:element>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
    """

  @Test(arguments: [kalturaXSD, handWrittenXSD])
  func aValidDocumentIsAccepted(xsd: String) throws {
    try MetadataSchema(xsd: xsd).validate(
      "<metadata><Title>x</Title><Shot>1700000000</Shot><Color>Red</Color><Color>Green</Color></metadata>")
    try MetadataSchema(xsd: xsd).validate("<metadata><Title/></metadata>")
  }

  @Test(
    arguments: [
      (
        "<metadata><Title>a</Title><Color>Purple</Color></metadata>",
        "line 1: Element 'Color': [facet 'enumeration'] The value 'Purple' is not an element of the set "
          + "{'Red', 'Green'}."
      ),
      ("<metadata><Title>a</Title><Shot>tomorrow</Shot></metadata>", "Element 'Shot': 'tomorrow' is not a valid value"),
      ("<metadata><Shot>1</Shot><Title>a</Title></metadata>", "Element 'Shot': This element is not expected"),
      (
        "<metadata><Color>Red</Color></metadata>",
        "Element 'Color': This element is not expected. Expected is ( Title )"
      ),
      ("<metadata><Title>a</Title><Title>b</Title></metadata>", "Element 'Title': This element is not expected"),
      ("<metadata><Title>a</Title><Other/></metadata>", "Element 'Other': This element is not expected"),
      ("<metadata><Title><b>x</b></Title></metadata>", "Element 'Title': Element content is not allowed"),
      ("<data><Title>a</Title></data>", "Element 'data': No matching global declaration"),
      ("<metadata>\n<Title>a</metadata>", "line 2: Opening and ending tag mismatch: Title"),
    ] as [(String, String)])
  func aRefusedDocumentNamesLibxml2sReason(xml: String, reason: String) throws {
    for xsd in [Self.kalturaXSD, Self.handWrittenXSD] {
      let error = try #require(throws: MetadataSchema.Invalid.self) { try MetadataSchema(xsd: xsd).validate(xml) }
      #expect(error.reason.contains(reason), "\(error.reason)")
    }
  }

  @Test(
    arguments: [
      (
        "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n<xsd:element nme=\"x\"/></xsd:schema>",
        "line 2: Element '{http://www.w3.org/2001/XMLSchema}element': The attribute 'name' is required but missing."
      ),
      (
        "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:element name=\"m\" type=\"colourType\"/>"
          + "</xsd:schema>", "The QName value 'colourType' does not resolve to a(n) type definition"
      ),
      ("<nope", "line 1: Couldn't find end of Start Tag nope"),
    ] as [(String, String)])
  func aRefusedSchemaNamesLibxml2sReason(xsd: String, reason: String) throws {
    let error = try #require(throws: MetadataSchema.Invalid.self) { try MetadataSchema(xsd: xsd) }
    #expect(error.reason.contains(reason), "\(error.reason)")
  }

  @Test func aKalturaTypeTheSchemaDeclaresIsItsOwn() throws {
    let xsd = Self.handWrittenXSD.replacingOccurrences(
      of: "</xs:schema>",
      with: """
        <xs:simpleType name="textType"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction>
        </xs:simpleType></xs:schema>
        """)
    let schema = try MetadataSchema(xsd: xsd)
    try schema.validate("<metadata><Title>abc</Title></metadata>")
    let error = try #require(throws: MetadataSchema.Invalid.self) {
      try schema.validate("<metadata><Title>abcd</Title></metadata>")
    }
    #expect(error.reason.contains("Element 'Title': [facet 'maxLength']"), "\(error.reason)")
  }

  /// A schema libxml2 would compile from a file that exists: had it been read, the profile would
  /// be accepted, so the refusal shows it was not.
  @Test(arguments: ["include", "redefine", "import"])
  func aSchemaReachingAFileIsRefusedUnread(kind: String) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("metadata-\(UUID()).xsd")
    try """
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" \(kind == "import" ? "targetNamespace=\"urn:x\"" : "")>
    <xsd:element name="metadata" type="xsd:string"/></xsd:schema>
    """.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let namespace = kind == "import" ? " namespace=\"urn:x\"" : ""
    let xsd = """
      <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
        <xsd:\(kind)\(namespace) schemaLocation="\(file.path)"/>
      </xsd:schema>
      """
    let error = try #require(throws: MetadataSchema.Invalid.self) { try MetadataSchema(xsd: xsd) }
    #expect(error.reason.hasPrefix("line 2: xsd:\(kind) is refused"), "\(error.reason)")
  }

  @Test func anEntityNamingAFileIsRefusedUnread() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("metadata-\(UUID()).txt")
    try "Red".write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let doctype = "<!DOCTYPE metadata [<!ENTITY colour SYSTEM \"file://\(file.path)\">]>"
    let xml = doctype + "<metadata><Title>a</Title><Color>&colour;</Color></metadata>"
    let data = try #require(throws: MetadataSchema.Invalid.self) {
      try MetadataSchema(xsd: Self.kalturaXSD).validate(xml)
    }
    #expect(data.reason.contains("a DOCTYPE is refused"), "\(data.reason)")
    let xsd = "<!DOCTYPE xsd:schema [<!ENTITY x SYSTEM \"file://\(file.path)\">]>" + Self.kalturaXSD
    let schema = try #require(throws: MetadataSchema.Invalid.self) { try MetadataSchema(xsd: xsd) }
    #expect(schema.reason.contains("a DOCTYPE is refused"), "\(schema.reason)")
  }

  /// Each validation keeps its own errors: concurrent refusals never carry another's message.
  @Test func concurrentValidationsKeepTheirOwnReasons() async throws {
    let cases = [
      ("Color", "<metadata><Title>a</Title><Color>Blue</Color></metadata>"),
      ("Shot", "<metadata><Title>a</Title><Shot>soon</Shot></metadata>"),
    ]
    let reasons = try await withThrowingTaskGroup(of: (String, String).self) { group in
      for round in 0..<40 {
        let (element, xml) = cases[round % cases.count]
        group.addTask {
          do { try MetadataSchema(xsd: Self.kalturaXSD).validate(xml) } catch let error as MetadataSchema.Invalid {
            return (element, error.reason)
          }
          return (element, "accepted")
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(reasons.count == 40)
    for (element, reason) in reasons { #expect(reason.hasPrefix("line 1: Element '\(element)'"), "\(reason)") }
  }
}
