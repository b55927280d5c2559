import CLibXML2
import Foundation

/// A metadata profile's XSD compiled by libxml2's XSD engine, and custom metadata validated
/// against it; a refusal carries libxml2's first message.
///
/// The XSD must be self-contained: libxml2 would read an `xsd:import`/`include`/`redefine`'s
/// `schemaLocation` from the disk or the network, so those are refused before libxml2 compiles
/// anything. Both texts are read as a `LibXMLDocument` (no entity, no DTD) rather than handed to
/// `xmlSchemaNewMemParserCtxt`, which parses with entity substitution on.
///
/// Compiled for each call, not cached: a profile's XSD compiles in tens of microseconds, and an
/// `xmlSchemaPtr` shared between concurrent validations is not documented as safe.
final class MetadataSchema {
  struct Invalid: Error, Equatable {
    var reason: String
  }

  /// The compiled schema points into its document, so the document outlives it (see `deinit`).
  private let document: LibXMLDocument
  private let schema: xmlSchemaPtr

  static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"

  /// The schema of an XSD document; `Invalid` with libxml2's reason when it refuses it.
  init(xsd: String) throws {
    document = try Self.parse(xsd)
    guard let root = document.root else { throw Invalid(reason: "the XSD has no root element") }
    if let outside = Self.firstReferenceOutside(root) {
      throw Invalid(
        reason: "line \(xmlGetLineNo(outside)): xsd:\(outside.localName) is refused: a profile's XSD must be "
          + "self-contained (the sandbox reads no schemaLocation)")
    }
    KalturaMetadataTypes.declareMissing(in: root)
    guard let parser = xmlSchemaNewDocParserCtxt(document.pointer) else {
      throw Invalid(reason: "libxml2 could not make a schema parser")
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let errors = LibXMLErrors()
    let compiled = withExtendedLifetime(errors) {
      xmlSchemaSetParserStructuredErrors(parser, collectLibXMLError, errors.context)
      return xmlSchemaParse(parser)
    }
    guard let compiled else { throw Invalid(reason: errors.first ?? "libxml2 refused the XSD") }
    schema = compiled
  }

  deinit { xmlSchemaFree(schema) }

  /// Checks `xml` against the schema; the parsed document, for what else reads it.
  @discardableResult
  func validate(_ xml: String) throws -> LibXMLDocument {
    let instance = try Self.parse(xml)
    guard let validation = xmlSchemaNewValidCtxt(schema) else {
      throw Invalid(reason: "libxml2 could not make a validation context")
    }
    defer { xmlSchemaFreeValidCtxt(validation) }
    let errors = LibXMLErrors()
    let result = withExtendedLifetime(errors) {
      xmlSchemaSetValidStructuredErrors(validation, collectLibXMLError, errors.context)
      return xmlSchemaValidateDoc(validation, instance.pointer)
    }
    // Negative: libxml2 could not validate at all, which refuses the document just the same.
    if result != 0 { throw Invalid(reason: errors.first ?? "libxml2 refused the XML (code \(result))") }
    return instance
  }

  /// Checks `xml` is well-formed, for a profile that has no XSD.
  @discardableResult
  static func checkWellFormed(_ xml: String) throws -> LibXMLDocument {
    try parse(xml)
  }

  private static func parse(_ text: String) throws -> LibXMLDocument {
    do { return try LibXMLDocument(parsing: text) } catch let error as LibXMLDocument.Malformed {
      throw Invalid(reason: error.reason)
    }
  }

  /// The first `xsd:import`, `include` or `redefine` under `node`: each names a schema elsewhere.
  private static func firstReferenceOutside(_ node: xmlNodePtr) -> xmlNodePtr? {
    for child in node.elementChildren {
      if child.namespaceURI == xsdNamespace, ["import", "include", "redefine", "override"].contains(child.localName) {
        return child
      }
      if let found = firstReferenceOutside(child) { return found }
    }
    return nil
  }
}
