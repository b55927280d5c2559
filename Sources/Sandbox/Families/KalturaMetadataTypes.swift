import CLibXML2
import Foundation

/// The four field types Kaltura's profile editor declares in every profile XSD (`textType`,
/// `dateType`, `objectType`, `listType`). An XSD written by hand often uses them without
/// declaring them; the sandbox declares the missing ones as Kaltura does rather than refuse it.
enum KalturaMetadataTypes {
  private static let declarations = """
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:complexType name="textType"><xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent></xsd:complexType>
      <xsd:complexType name="dateType"><xsd:simpleContent><xsd:extension base="xsd:long"/></xsd:simpleContent></xsd:complexType>
      <xsd:complexType name="objectType"><xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent></xsd:complexType>
      <xsd:simpleType name="listType"><xsd:restriction base="xsd:string"/></xsd:simpleType>
    </xsd:schema>
    """

  private static let names: Set = ["textType", "dateType", "objectType", "listType"]

  /// Appends to the schema element `root` a copy of each type it does not declare at its top.
  static func declareMissing(in root: xmlNodePtr) {
    let declared = Set(root.elementChildren.compactMap(typeName))
    // Kaltura's editor declares all four: nothing to parse then.
    guard !declared.isSuperset(of: names) else { return }
    // A constant that always parses: the force is a programming error, caught by every test.
    let kaltura = try! LibXMLDocument(parsing: declarations)
    for type in kaltura.root?.elementChildren ?? [] {
      guard let name = typeName(type), !declared.contains(name) else { continue }
      // The copy carries its own xmlns:xsd, so "xsd:string" resolves whatever prefix `root` uses.
      if let copy = xmlDocCopyNode(type, root.pointee.doc, 1) { xmlAddChild(root, copy) }
    }
  }

  private static func typeName(_ node: xmlNodePtr) -> String? {
    guard node.namespaceURI == MetadataSchema.xsdNamespace, ["complexType", "simpleType"].contains(node.localName)
    else { return nil }
    return node.attribute("name")
  }
}
