import KalturaWire

/// Kaltura errors the sandbox raises that `KalturaAPIError.catalog` does not list yet, with the
/// server's codes, argument names and message templates (`KalturaErrors.php`, `x-errors` of the
/// OVP spec). The served OpenAPI document declares them beside the catalog's.
enum SandboxErrors {
  static let supplement: [String: (argNames: [String], message: String)] = [
    // Kaltura's own spelling ("suppported").
    "ENTRY_TYPE_NOT_SUPPORTED": (["ENTRY_TYPE"], "Entry type \"@ENTRY_TYPE@\" not suppported")
  ]

  static func entryTypeNotSupported(_ type: String) -> KalturaAPIError {
    named("ENTRY_TYPE_NOT_SUPPORTED", type)
  }

  private static func named(_ code: String, _ values: String...) -> KalturaAPIError {
    if KalturaAPIError.catalog[code] != nil { return KalturaAPIError.named(code, values: values) }
    let template = supplement[code]!
    return KalturaAPIError(code: code, template: template.message, args: Array(zip(template.argNames, values)))
  }
}
