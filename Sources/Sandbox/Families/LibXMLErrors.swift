import CLibXML2
import Foundation

/// The errors libxml2 reports to one context (a parser, a schema parser, a validation), kept by
/// that context rather than by libxml2's global handler, which concurrent requests would share.
final class LibXMLErrors {
  private(set) var messages: [String] = []

  var first: String? { messages.first }

  /// libxml2's user data for the handlers below; valid while `self` is alive.
  var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  /// An error (warnings are dropped) as "line N: message", the line left off when libxml2 has none.
  fileprivate func record(_ error: xmlError) {
    guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
    let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
    messages.append(error.line > 0 ? "line \(error.line): \(message)" : message)
  }
}

/// The handler for `xmlSchemaSet…StructuredErrors`, given `LibXMLErrors.context` as user data.
func collectLibXMLError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context, let error else { return }
  Unmanaged<LibXMLErrors>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
}

/// The handler for a parser context's `sax.serror`: libxml2 passes it the parser context itself,
/// whose `_private` holds `LibXMLErrors.context`.
func collectLibXMLParserError(_ parser: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let parser else { return }
  collectLibXMLError(parser.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private, error)
}
