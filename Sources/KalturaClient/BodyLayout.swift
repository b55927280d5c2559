import JSONValue
import KalturaWire
import NIOCore

/// A request body as a list of segments (bytes in memory, byte ranges of files) whose total
/// length is known before the first byte is sent, so uploads carry an exact Content-Length.
struct BodyLayout: Sendable {
  enum Segment: Sendable {
    case bytes(ByteBuffer)
    case file(path: String, offset: Int64, length: Int64)
  }

  var segments: [Segment]
  var contentType: String?
  var length: Int64 { segments.reduce(0) { $0 + $1.length } }

  /// Lays out `body`; file parts are only measured here, never read.
  static func make(_ body: HTTPRequestBody, boundary: String = makeBoundary()) throws -> BodyLayout {
    switch body {
    case .none:
      return BodyLayout(segments: [], contentType: nil)
    case .json(let value):
      // Kaltura only parses JSON when the Content-Type is exactly this (no charset suffix).
      return BodyLayout(segments: [.bytes(ByteBuffer(string: value.compactText))], contentType: "application/json")
    case .form(let pairs):
      let text = FormEncoding.encode(pairs)
      return BodyLayout(
        segments: [.bytes(ByteBuffer(string: text))], contentType: "application/x-www-form-urlencoded")
    case .bytes(let bytes, let contentType):
      return BodyLayout(segments: [.bytes(ByteBuffer(bytes: bytes))], contentType: contentType)
    case .multipart(let parts):
      return try multipart(parts, boundary: boundary)
    }
  }

  static func makeBoundary() -> String {
    let hex = (0..<24).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
    return "recipe-console-\(hex)"
  }

  /// Sum of the file bytes in this body (what an upload "costs").
  var fileBytes: Int64 {
    segments.reduce(0) { total, segment in
      if case .file(_, _, let length) = segment { return total + length }
      return total
    }
  }

  private static func multipart(_ parts: [MultipartPart], boundary: String) throws -> BodyLayout {
    var segments: [Segment] = []
    var pending = ""
    func flushText() {
      if !pending.isEmpty { segments.append(.bytes(ByteBuffer(string: pending))) }
      pending = ""
    }
    for part in parts {
      pending += "--\(boundary)\r\n"
      switch part {
      case .field(let name, let value):
        pending += "Content-Disposition: form-data; name=\"\(quoted(name))\"\r\n\r\n\(value)\r\n"
      case .bytes(let name, let filename, let contentType, let data):
        pending += fileHeader(name: name, filename: filename, contentType: contentType)
        flushText()
        segments.append(.bytes(ByteBuffer(bytes: data)))
        pending += "\r\n"
      case .file(let name, let path, let filename, let contentType, let range):
        pending += fileHeader(name: name, filename: filename, contentType: contentType)
        flushText()
        let size = try FileRangeReader.attributes(of: path).size
        let wanted = range ?? FileRange(offset: 0, length: size)
        guard wanted.offset >= 0, wanted.length >= 0, wanted.offset + wanted.length <= size else {
          throw FileReadError(
            path: path,
            message: "range \(wanted.offset)+\(wanted.length) is outside the file (\(size) bytes)")
        }
        if wanted.length > 0 { segments.append(.file(path: path, offset: wanted.offset, length: wanted.length)) }
        pending += "\r\n"
      }
    }
    pending += "--\(boundary)--\r\n"
    flushText()
    return BodyLayout(segments: segments, contentType: "multipart/form-data; boundary=\(boundary)")
  }

  private static func fileHeader(name: String, filename: String, contentType: String) -> String {
    let type = contentType.isEmpty ? "application/octet-stream" : contentType
    return "Content-Disposition: form-data; name=\"\(quoted(name))\"; filename=\"\(quoted(filename))\"\r\n"
      + "Content-Type: \(type)\r\n\r\n"
  }

  /// Escapes as browsers do (WHATWG multipart/form-data): quote and line breaks percent-encoded.
  private static func quoted(_ text: String) -> String {
    text.replacingAll("\"", with: "%22").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
  }
}

extension BodyLayout.Segment {
  var length: Int64 {
    switch self {
    case .bytes(let buffer): return Int64(buffer.readableBytes)
    case .file(_, _, let length): return length
    }
  }
}

extension String {
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    guard contains(target) else { return self }
    var out = ""
    for character in self { if character == target { out += replacement } else { out.append(character) } }
    return out
  }
}

/// application/x-www-form-urlencoded, as HTML forms and PHP's parser expect it.
enum FormEncoding {
  static func encode(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "*"):
        out.append(Character(Unicode.Scalar(byte)))
      case UInt8(ascii: " "):
        out.append("+")
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}
