import CLibXML2
import Foundation

/// An XML text parsed by libxml2 that reaches nothing outside the text: no network (NONET), no
/// DTD loaded, no entity substituted, and a DOCTYPE refused outright, since it is the only way
/// to declare entities (Kaltura's metadata and profile XSDs never carry one).
final class LibXMLDocument {
  struct Malformed: Error, Equatable {
    var reason: String
  }

  let pointer: xmlDocPtr

  private static let options = Int32(
    bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

  /// libxml2 asks for one initialisation before threads use it.
  private static let initialised: Void = xmlInitParser()

  init(parsing text: String) throws {
    _ = Self.initialised
    guard let parser = xmlNewParserCtxt() else { throw Malformed(reason: "libxml2 could not make a parser") }
    defer { xmlFreeParserCtxt(parser) }
    let errors = LibXMLErrors()
    parser.pointee._private = errors.context
    parser.pointee.sax.pointee.serror = collectLibXMLParserError
    let utf8 = Array(text.utf8)
    guard utf8.count < Int32.max else { throw Malformed(reason: "the XML is larger than libxml2 reads") }
    // Swift strings are UTF-8 whatever the XML declaration says.
    let parsed = withExtendedLifetime(errors) {
      utf8.withUnsafeBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) {
          xmlCtxtReadMemory(parser, $0.baseAddress, Int32($0.count), nil, "UTF-8", Self.options)
        }
      }
    }
    guard let parsed else {
      throw Malformed(reason: errors.first ?? "not well-formed XML")
    }
    guard parsed.pointee.intSubset == nil else {
      xmlFreeDoc(parsed)
      throw Malformed(reason: "a DOCTYPE is refused: the sandbox loads no DTD and substitutes no entity")
    }
    pointer = parsed
  }

  deinit { xmlFreeDoc(pointer) }

  var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }
}

/// Reading libxml2's tree: element children, local names, namespaces, attribute values, text.
extension UnsafeMutablePointer where Pointee == xmlNode {
  var elementChildren: [xmlNodePtr] {
    var out: [xmlNodePtr] = []
    var child = pointee.children
    while let node = child {
      if node.pointee.type == XML_ELEMENT_NODE { out.append(node) }
      child = node.pointee.next
    }
    return out
  }

  var localName: String { pointee.name.map { String(cString: $0) } ?? "" }

  var namespaceURI: String? { pointee.ns?.pointee.href.map { String(cString: $0) } }

  func attribute(_ name: String) -> String? {
    var property = pointee.properties
    while let attribute = property {
      if attribute.pointee.ns == nil, attribute.pointee.name.map({ String(cString: $0) }) == name {
        return attribute.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
      }
      property = attribute.pointee.next
    }
    return nil
  }

  /// The element's own text and CDATA, read in place (`xmlNodeGetContent` would need `xmlFree`,
  /// a global Swift 6 cannot reach safely).
  var text: String {
    var out = ""
    var child = pointee.children
    while let node = child {
      if node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
        let content = node.pointee.content
      {
        out += String(cString: content)
      }
      child = node.pointee.next
    }
    return out
  }
}
