import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element: enough of a DOM for the structural checks the sandbox makes (custom
/// metadata against its profile's XSD). Names are local (prefix dropped).
struct XMLNode: Sendable, Equatable {
  var name: String
  var attributes: [String: String]
  var children: [XMLNode]
  var text: String

  struct Malformed: Error, Equatable {
    var reason: String
  }

  static func parse(_ text: String) throws -> XMLNode {
    let builder = XMLTreeBuilder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      let line = parser.lineNumber
      throw Malformed(reason: "not well-formed XML (line \(line))")
    }
    return root
  }

  func elements(_ local: String) -> [XMLNode] { children.filter { $0.name == local } }
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
  var root: XMLNode?
  private var stack: [XMLNode] = []

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let local = name.split(separator: ":").last.map(String.init) ?? name
    stack.append(XMLNode(name: local, attributes: attributes, children: [], text: ""))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if !stack.isEmpty { stack[stack.count - 1].text += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    guard let done = stack.popLast() else { return }
    if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
  }
}
