import Foundation
import JSONValue
import KalturaWire

/// One call's outcome, as serialised into a reply.
enum CallOutcome: Sendable {
  case success(JSONValue)
  case failure(KalturaAPIError)
}

/// Kaltura's reply envelopes: format 1 (bare JSON value) and format 2 (XML, the default, the only
/// one the official Python client reads). Written here until KalturaWire's encoder lands.
enum ReplyEncoding {
  static func json(_ outcome: CallOutcome) -> JSONValue {
    switch outcome {
    case .success(let value): return value
    case .failure(let error): return error.json
    }
  }

  static func jsonBody(_ outcome: CallOutcome) -> [UInt8] { json(outcome).utf8Bytes }

  static func jsonBody(multi outcomes: [CallOutcome]) -> [UInt8] { JSONValue.array(outcomes.map(json)).utf8Bytes }

  static func xmlBody(_ outcome: CallOutcome, seconds: Double) -> [UInt8] {
    var out = xmlHead
    appendOutcome(outcome, to: &out)
    out += xmlTail(seconds)
    return Array(out.utf8)
  }

  static func xmlBody(multi outcomes: [CallOutcome], seconds: Double) -> [UInt8] {
    var out = xmlHead
    for outcome in outcomes {
      out += "<item>"
      appendOutcome(outcome, to: &out)
      out += "</item>"
    }
    out += xmlTail(seconds)
    return Array(out.utf8)
  }

  private static let xmlHead = "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>"

  private static func xmlTail(_ seconds: Double) -> String {
    "</result><executionTime>" + String(format: "%.4f", seconds) + "</executionTime></xml>"
  }

  private static func appendOutcome(_ outcome: CallOutcome, to out: inout String) {
    switch outcome {
    case .success(let value): appendValue(value, to: &out)
    case .failure(let error): appendError(error, to: &out)
    }
  }

  static func appendError(_ error: KalturaAPIError, to out: inout String) {
    out += "<error><objectType>KalturaAPIException</objectType><code>" + escape(error.code) + "</code><message>"
    out += escape(error.message) + "</message><args>"
    for member in error.args {
      out += "<item><objectType>KalturaApiExceptionArg</objectType><name>" + escape(member.key) + "</name><value>"
      out += escape(member.value.displayText) + "</value></item>"
    }
    out += "</args></error>"
  }

  /// Objects put `objectType` first; arrays become `<item>`s; booleans `1`/`0`; nulls are left out.
  static func appendValue(_ value: JSONValue, to out: inout String) {
    switch value {
    case .null: break
    case .bool(let b): out += b ? "1" : "0"
    case .int(let i): out += String(i)
    case .double(let d): out += JSONValue.numberText(d)
    case .string(let s): out += escape(s)
    case .array(let items):
      for item in items {
        out += "<item>"
        appendValue(item, to: &out)
        out += "</item>"
      }
    case .object(let object):
      if let type = object["objectType"] {
        out += "<objectType>"
        appendValue(type, to: &out)
        out += "</objectType>"
      }
      for member in object where member.key != "objectType" {
        if member.value.isNull { continue }
        out += "<" + member.key + ">"
        appendValue(member.value, to: &out)
        out += "</" + member.key + ">"
      }
    }
  }

  static func escape(_ text: String) -> String {
    guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
    var out = ""
    out.reserveCapacity(text.count + 16)
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(ch)
      }
    }
    return out
  }
}
