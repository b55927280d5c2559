import Foundation

/// Writing multipart/form-data bodies. `head`/`tail` give the exact framing around each part so
/// a transport can stream file bytes between them; `encode` builds a whole body in memory
/// (tests, small bodies).
extension Multipart {
  public static func makeBoundary() -> String {
    "----recipe-console-" + (0..<16).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
  }

  public static func contentType(boundary: String) -> String { "multipart/form-data; boundary=\(boundary)" }

  /// The delimiter and headers that precede a part's bytes.
  public static func head(of part: MultipartPart, boundary: String, isFirst: Bool) -> [UInt8] {
    var text = isFirst ? "" : "\r\n"
    text += "--\(boundary)\r\n"
    switch part {
    case .field(let name, _):
      text += "Content-Disposition: form-data; name=\"\(quoted(name))\"\r\n\r\n"
    case .file(let name, _, let filename, let contentType, _), .bytes(let name, let filename, let contentType, _):
      text += "Content-Disposition: form-data; name=\"\(quoted(name))\"; filename=\"\(quoted(filename))\"\r\n"
      text += "Content-Type: \(contentType)\r\n\r\n"
    }
    return Array(text.utf8)
  }

  /// The closing delimiter after the last part.
  public static func tail(boundary: String) -> [UInt8] { Array("\r\n--\(boundary)--\r\n".utf8) }

  /// Byte count of the body without reading any file (for Content-Length).
  public static func contentLength(of parts: [MultipartPart], boundary: String) throws -> Int64 {
    var total = Int64(tail(boundary: boundary).count)
    for (i, part) in parts.enumerated() {
      total += Int64(head(of: part, boundary: boundary, isFirst: i == 0).count)
      switch part {
      case .field(_, let value): total += Int64(value.utf8.count)
      case .bytes(_, _, _, let data): total += Int64(data.count)
      case .file(_, let path, _, _, let range):
        if let range {
          total += range.length
        } else {
          let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
          total += size?.int64Value ?? 0
        }
      }
    }
    return total
  }

  /// The whole body in memory; file parts are read from disk.
  public static func encode(_ parts: [MultipartPart], boundary: String) throws -> [UInt8] {
    var out: [UInt8] = []
    for (i, part) in parts.enumerated() {
      out += head(of: part, boundary: boundary, isFirst: i == 0)
      switch part {
      case .field(_, let value): out += Array(value.utf8)
      case .bytes(_, _, _, let data): out += data
      case .file(_, let path, _, _, let range):
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        if let range {
          try handle.seek(toOffset: UInt64(range.offset))
          out += Array(try handle.read(upToCount: Int(range.length)) ?? Data())
        } else {
          out += Array(try handle.readToEnd() ?? Data())
        }
      }
    }
    return out + tail(boundary: boundary)
  }

  static func quoted(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
  }
}
