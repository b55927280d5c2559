import JSONValue

/// One API call as the server sees it: service, action and the merged, nested parameters.
/// Parameter values keep the wire's types (form fields and the Python client give strings);
/// read them with the Kaltura coercions below (`bool`, `int`, `string`...).
public struct KalturaCall: Sendable, Hashable {
  /// As sent (`uploadToken`); dispatch on `serviceID`.
  public var service: String
  /// As sent (`addContent`); dispatch on `actionID`.
  public var action: String
  /// Every parameter, including `ks`, `format`, `partnerId`, `clientTag`.
  public var params: JSONObject

  public init(service: String, action: String, params: JSONObject = JSONObject()) {
    self.service = service
    self.action = action
    self.params = params
  }

  /// Lower-cased service id: Kaltura matches services and actions case-insensitively.
  public var serviceID: String { service.lowercased() }
  public var actionID: String { action.lowercased() }
  public var isMultirequest: Bool { serviceID == "multirequest" }

  /// `format` (1 JSON, 2 XML...); nil when absent, which means XML.
  public var format: Int? { params["format"].flatMap(KalturaValue.int) }
  public var ks: String? {
    guard let ks = params["ks"].flatMap(KalturaValue.string), !ks.isEmpty else { return nil }
    return ks
  }
  /// `partnerId` (alias `p`), when non-empty.
  public var partnerID: Int? { (params["partnerId"] ?? params["p"]).flatMap(KalturaValue.int) }

  // MARK: - typed parameter access (Kaltura's coercions)

  public func string(_ name: String) -> String? { params[name].flatMap(KalturaValue.string) }
  public func int(_ name: String) -> Int? { params[name].flatMap(KalturaValue.int) }
  public func double(_ name: String) -> Double? { params[name].flatMap(KalturaValue.double) }
  public func bool(_ name: String) -> Bool? { params[name].flatMap(KalturaValue.bool) }
  public func object(_ name: String) -> JSONObject? { params[name]?.objectValue }

  /// A mandatory parameter: absent, null or empty → `MISSING_MANDATORY_PARAMETER`.
  public func requireString(_ name: String) throws(KalturaAPIError) -> String {
    guard let value = string(name), !value.isEmpty else { throw .missingMandatoryParameter(name) }
    return value
  }
  public func requireInt(_ name: String) throws(KalturaAPIError) -> Int {
    guard let value = int(name) else { throw .missingMandatoryParameter(name) }
    return value
  }
  public func requireObject(_ name: String) throws(KalturaAPIError) -> JSONObject {
    guard let value = object(name) else { throw .missingMandatoryParameter(name) }
    return value
  }
}

/// Kaltura's (PHP's) parameter coercions, applied to a value as it came off the wire.
public enum KalturaValue {
  /// Scalars as text; null and containers give nil. Booleans as PHP prints them ("1"/"").
  public static func string(_ value: JSONValue) -> String? {
    switch value {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .double(let d): return JSONValue.numberText(d)
    case .bool(let b): return b ? "1" : ""
    case .null, .array, .object: return nil
    }
  }

  /// PHP `(int)`: leading sign and digits (`"12abc"` → 12, `"1.9"` → 1); empty or no digits
  /// give nil here (PHP would say 0), so "absent" stays distinguishable; `true`/`false` → 1/0.
  public static func int(_ value: JSONValue) -> Int? {
    switch value {
    case .int(let i): return i
    case .double(let d): return d.isFinite ? Int(d.rounded(.towardZero)) : nil
    case .bool(let b): return b ? 1 : 0
    case .string(let s):
      let text = s.trimmingLeadingSpaces()
      if text.lowercased() == "true" { return 1 }
      if text.lowercased() == "false" { return 0 }
      var digits = text.prefix { $0 == "-" || $0 == "+" || $0.isASCII && $0.isNumber }
      if let exact = Int(digits) { return exact }
      while !digits.isEmpty, Int(digits) == nil { digits.removeLast() }
      return Int(digits)
    default: return nil
    }
  }

  /// PHP `(float)` with the same leniency as `int`.
  public static func double(_ value: JSONValue) -> Double? {
    switch value {
    case .int(let i): return Double(i)
    case .double(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .string(let s):
      let text = s.trimmingLeadingSpaces()
      if let exact = Double(text) { return exact }
      var prefix = Substring(text)
      while !prefix.isEmpty, Double(prefix) == nil { prefix.removeLast() }
      return Double(prefix)
    default: return nil
    }
  }

  /// Kaltura's bool: `"false"` in any case is false; otherwise PHP truthiness, so `""` and
  /// `"0"` are false and `"1"`, `"true"`, `"True"` are true.
  public static func bool(_ value: JSONValue) -> Bool? {
    switch value {
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .double(let d): return d != 0
    case .string(let s):
      if s.lowercased() == "false" { return false }
      return !(s.isEmpty || s == "0")
    default: return nil
    }
  }
}

extension String {
  func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" || $0 == "\n" }) }
}
