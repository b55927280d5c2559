import JSONValue
import KalturaWire

/// Kaltura errors the sandbox raises that `KalturaAPIError.catalog` does not list yet, with the
/// server's codes, argument names and message templates (`KalturaErrors.php`, `x-errors` of the
/// OVP spec), and the few the sandbox adds for what it cannot do.
enum SandboxErrors {
  static let supplement: [String: (argNames: [String], message: String)] = [
    // Kaltura's own spelling ("suppported").
    "ENTRY_TYPE_NOT_SUPPORTED": (["ENTRY_TYPE"], "Entry type \"@ENTRY_TYPE@\" not suppported"),
    // The sandbox's own: a filter it cannot evaluate is refused, never silently ignored.
    "SANDBOX_FILTER_NOT_SUPPORTED": (
      ["PROPERTY", "FILTER"],
      "The sandbox cannot evaluate \"@PROPERTY@\" of @FILTER@; remove it, or run the call against a Kaltura server"
    ),
    "SANDBOX_THUMB_NOT_AN_IMAGE": (
      ["ID"], "The content of thumbnail asset \"@ID@\" is not a PNG, JPEG or GIF image; a thumbnail must be an image"
    ),
    "SANDBOX_ORDER_NOT_SUPPORTED": (
      ["ORDER_BY", "FILTER"],
      "The sandbox cannot order @FILTER@ by \"@ORDER_BY@\"; choose another orderBy, or run the call against a Kaltura server"
    ),
    "SANDBOX_REPORT_NOT_SUPPORTED": (
      ["REPORT_TYPE", "SUPPORTED"],
      "The sandbox cannot compute report type \"@REPORT_TYPE@\"; it computes @SUPPORTED@"
    ),
    "SANDBOX_OBJECT_ALREADY_EXISTS": (["ID", "CLASS"], "A @CLASS@ with id \"@ID@\" already exists"),
    "SANDBOX_REQUEST_TOO_LARGE": (
      ["MAX_BYTES"],
      "The request body is larger than @MAX_BYTES@ bytes; send files as multipart uploadToken.upload chunks"
    ),
  ]

  static func entryTypeNotSupported(_ type: String) -> KalturaAPIError {
    named("ENTRY_TYPE_NOT_SUPPORTED", type)
  }

  static func filterNotSupported(_ property: String, filter: String) -> KalturaAPIError {
    named("SANDBOX_FILTER_NOT_SUPPORTED", property, filter)
  }

  static func orderNotSupported(_ orderBy: String, filter: String) -> KalturaAPIError {
    named("SANDBOX_ORDER_NOT_SUPPORTED", orderBy, filter)
  }

  static func requestTooLarge(maxBytes: Int) -> KalturaAPIError {
    named("SANDBOX_REQUEST_TOO_LARGE", String(maxBytes))
  }

  static func alreadyExists(_ id: String, className: String) -> KalturaAPIError {
    named("SANDBOX_OBJECT_ALREADY_EXISTS", id, className)
  }

  /// An error by its Kaltura code: the catalog's, this supplement's, else the spec's `x-errors`
  /// template, so an error the spec declares reads exactly as Kaltura words it.
  static func named(_ code: String, _ values: String...) -> KalturaAPIError {
    if KalturaAPIError.catalog[code] != nil { return KalturaAPIError.named(code, values: values) }
    if let template = supplement[code] {
      return KalturaAPIError(code: code, template: template.message, args: Array(zip(template.argNames, values)))
    }
    return fromTemplate(code: code, message: SpecErrors.message(code) ?? code, values: values)
  }

  /// An error from a message template whose `@ARG@` placeholders are filled in order.
  static func fromTemplate(code: String, message: String, values: [String]) -> KalturaAPIError {
    var names: [String] = []
    var rest = Substring(message)
    while let open = rest.firstIndex(of: "@") {
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: "@") else { break }
      let name = String(after[..<close])
      if !name.isEmpty, name.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) { names.append(name) }
      rest = after[after.index(after: close)...]
    }
    let pairs = names.enumerated().map { ($0.element, $0.offset < values.count ? values[$0.offset] : "") }
    return KalturaAPIError(code: code, template: message, args: pairs)
  }
}

/// The `x-errors` of the OVP spec: code → message template.
enum SpecErrors {
  static let messages: [String: String] = {
    var out: [String: String] = [:]
    for error in SandboxSpec.document.raw["x-errors"]?.arrayValue ?? [] {
      if let code = error["code"]?.stringValue { out[code] = error["message"]?.stringValue ?? code }
    }
    return out
  }()

  static func message(_ code: String) -> String? { messages[code] }
}
