import JSONValue

/// Result of one call: a value (an object with `objectType`, a list response, a string,
/// a number, null) or a Kaltura error.
public typealias KalturaResult = Result<JSONValue, KalturaAPIError>

/// Serialises replies as Kaltura's `KalturaJsonSerializer` (format 1) and
/// `KalturaXmlSerializer` (format 2, the default and the only format the official Python
/// client accepts) do. API errors are replies too: the HTTP status stays 200.
public enum KalturaReplyEncoder {
  public static let jsonContentType = "application/json"
  public static let xmlContentType = "text/xml"

  /// One call's reply. `format` 1 gives JSON; anything else (nil, 2) gives XML — check for
  /// unsupported formats first and answer them with `KalturaAPIError.unknownResponseFormat`.
  public static func encode(
    _ result: KalturaResult, format: Int?, executionTime: Double = 0, ignoreNull: Bool = false
  ) -> (contentType: String, body: [UInt8]) {
    if format == 1 { return (jsonContentType, json(result).utf8Bytes) }
    var out = xmlEnvelopeStart
    writeXML(result, into: &out, ignoreNull: ignoreNull)
    return (xmlContentType, finishEnvelope(out, executionTime))
  }

  /// A multirequest reply: JSON `[r1, r2, …]` or XML `<result><item>r1</item>…</result>`,
  /// errors in place.
  public static func encode(
    _ results: [KalturaResult], format: Int?, executionTime: Double = 0, ignoreNull: Bool = false
  ) -> (contentType: String, body: [UInt8]) {
    if format == 1 { return (jsonContentType, JSONValue.array(results.map(json)).utf8Bytes) }
    var out = xmlEnvelopeStart
    for result in results {
      out += "<item>"
      writeXML(result, into: &out, ignoreNull: ignoreNull)
      out += "</item>"
    }
    return (xmlContentType, finishEnvelope(out, executionTime))
  }

  // MARK: - JSON

  /// The JSON form of a result: objects lose null members and get `objectType` last, as PHP's
  /// serializer writes them; errors are `KalturaAPIException` objects.
  public static func json(_ result: KalturaResult) -> JSONValue {
    switch result {
    case .success(let value): return jsonValue(value)
    case .failure(let error): return error.json
    }
  }

  static func jsonValue(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items): return .array(items.map(jsonValue))
    case .object(let object):
      var out = JSONObject()
      for member in object where member.key != "objectType" && !member.value.isNull {
        out[member.key] = jsonValue(member.value)
      }
      if let type = object["objectType"], !type.isNull { out["objectType"] = type }
      return .object(out)
    default: return value
    }
  }

  // MARK: - XML

  static let xmlEnvelopeStart = "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>"

  static func finishEnvelope(_ body: String, _ executionTime: Double) -> [UInt8] {
    let seconds = (max(0, executionTime) * 1_000_000).rounded() / 1_000_000
    return Array((body + "</result><executionTime>\(JSONValue.numberText(seconds))</executionTime></xml>").utf8)
  }

  /// The inside of `<result>` for one result.
  public static func xml(_ result: KalturaResult, ignoreNull: Bool = false) -> String {
    var out = ""
    writeXML(result, into: &out, ignoreNull: ignoreNull)
    return out
  }

  static func writeXML(_ result: KalturaResult, into out: inout String, ignoreNull: Bool) {
    switch result {
    case .success(let value): writeXML(value, into: &out, ignoreNull: ignoreNull)
    case .failure(let error): writeXML(error, into: &out)
    }
  }

  /// `<error><code/><message/><objectType/><args><item>KalturaApiExceptionArg…</item></args></error>`,
  /// in the member order of `KalturaXmlSerializer`.
  static func writeXML(_ error: KalturaAPIError, into out: inout String) {
    out += "<error><code>\(escape(error.code))</code><message>\(escape(error.message))</message>"
    out += "<objectType>KalturaAPIException</objectType><args>"
    for arg in error.args {
      out += "<item><objectType>KalturaApiExceptionArg</objectType><name>\(escape(arg.key))</name>"
      out += "<value>\(escape(arg.value.displayText))</value></item>"
    }
    out += "</args></error>"
  }

  static func writeXML(_ value: JSONValue, into out: inout String, ignoreNull: Bool) {
    switch value {
    case .null: break
    case .bool(let b): out += b ? "1" : "0"
    case .int(let i): out += String(i)
    case .double(let d): out += JSONValue.numberText(d)
    case .string(let s): out += escape(s)
    case .array(let items):
      for item in items {
        out += "<item>"
        writeXML(item, into: &out, ignoreNull: ignoreNull)
        out += "</item>"
      }
    case .object(let object):
      if let type = object["objectType"], !type.isNull {
        out += "<objectType>\(escape(type.displayText))</objectType>"
      }
      let isMap = object["objectType"] == nil && !object.keys.allSatisfy(isXMLName)
      for member in object where member.key != "objectType" {
        if member.value.isNull && ignoreNull { continue }
        if isMap {
          out += "<item><itemKey>\(escape(member.key))</itemKey>"
          writeXML(member.value, into: &out, ignoreNull: ignoreNull)
          out += "</item>"
        } else {
          out += "<\(member.key)>"
          writeXML(member.value, into: &out, ignoreNull: ignoreNull)
          out += "</\(member.key)>"
        }
      }
    }
  }

  /// `& " < > '` as entities (PHP `kString::xmlEncode`). Characters XML 1.0 forbids are
  /// dropped: lxml, which the Python client uses, rejects the whole reply otherwise.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "'": out += "&apos;"
      default:
        let v = scalar.value
        let allowed =
          v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
          || (0xE000...0xFFFD).contains(v) || v >= 0x10000
        if allowed { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  static func isXMLName(_ key: String) -> Bool {
    guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
    return key.unicodeScalars.allSatisfy {
      $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0)
    }
  }
}
