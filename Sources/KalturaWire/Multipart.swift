/// The headers of one multipart/form-data part.
public struct MultipartPartHeaders: Sendable, Hashable {
  /// Header names lower-cased, in order.
  public var headers: [(String, String)]
  public var name: String
  /// The file name as PHP reports it: the basename of what the client sent (the Python client
  /// sends full paths). nil for plain fields.
  public var filename: String?
  public var contentType: String?

  public var isFile: Bool { filename != nil }

  public static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.filename == b.filename && a.contentType == b.contentType
      && a.headers.elementsEqual(b.headers, by: { $0 == $1 })
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(filename)
    hasher.combine(contentType)
  }
}

/// A fully read part.
public struct MultipartField: Sendable, Hashable {
  public var headers: MultipartPartHeaders
  public var data: [UInt8]
  public var text: String { String(decoding: data, as: UTF8.self) }
}

public struct MultipartError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var description: String { "multipart body: \(message)" }
}

/// A push parser for multipart/form-data that never holds more than one input chunk plus a
/// boundary's worth of bytes, so the server can stream file parts of any size to disk.
/// Feed it the body as it arrives; it reports part starts, data slices and part ends.
/// Hand-written because neither Hummingbird nor NIO ships a multipart reader for request bodies.
public struct MultipartParser: Sendable {
  public enum Event: Sendable, Hashable {
    case partBegin(MultipartPartHeaders)
    case partData([UInt8])
    case partEnd
  }

  private enum State { case preamble, headers, body, afterDelimiter, epilogue }

  private let delimiter: [UInt8]  // "\r\n--" + boundary
  private var buffer: [UInt8]
  private var state = State.preamble
  private let maxHeaderBytes = 16 * 1024

  public init(boundary: String) {
    delimiter = Array("\r\n--\(boundary)".utf8)
    // The first delimiter has no leading CRLF; pretend it does.
    buffer = Array("\r\n".utf8)
  }

  /// True once the closing delimiter has been seen.
  public var isFinished: Bool { state == .epilogue }

  public mutating func feed(_ bytes: some Collection<UInt8>) throws(MultipartError) -> [Event] {
    buffer.append(contentsOf: bytes)
    var events: [Event] = []
    var start = 0
    defer { buffer.removeFirst(start) }
    loop: while true {
      switch state {
      case .preamble:
        guard let at = find(delimiter, from: start) else {
          start = max(start, buffer.count - delimiter.count)
          break loop
        }
        start = at + delimiter.count
        state = .afterDelimiter
      case .afterDelimiter:
        guard buffer.count - start >= 2 else { break loop }
        if buffer[start] == UInt8(ascii: "-") && buffer[start + 1] == UInt8(ascii: "-") {
          state = .epilogue
          start = buffer.count
          break loop
        }
        // Transport padding (spaces, tabs) may precede the CRLF.
        var i = start
        while i < buffer.count, buffer[i] == UInt8(ascii: " ") || buffer[i] == UInt8(ascii: "\t") { i += 1 }
        guard buffer.count - i >= 2 else { break loop }
        guard buffer[i] == 13, buffer[i + 1] == 10 else { throw MultipartError(message: "malformed boundary line") }
        start = i + 2
        state = .headers
      case .headers:
        guard let end = find(Array("\r\n\r\n".utf8), from: start) else {
          if buffer.count - start > maxHeaderBytes { throw MultipartError(message: "part headers too long") }
          break loop
        }
        events.append(.partBegin(try Self.parseHeaders(buffer[start..<end])))
        start = end + 4
        state = .body
      case .body:
        if let at = find(delimiter, from: start) {
          if at > start { events.append(.partData(Array(buffer[start..<at]))) }
          events.append(.partEnd)
          start = at + delimiter.count
          state = .afterDelimiter
        } else {
          let safe = buffer.count - (delimiter.count - 1)
          if safe > start {
            events.append(.partData(Array(buffer[start..<safe])))
            start = safe
          }
          break loop
        }
      case .epilogue:
        start = buffer.count
        break loop
      }
    }
    return events
  }

  /// Call at the end of the body: a body that stops inside a part is an error.
  public func finish() throws(MultipartError) {
    guard state == .epilogue else { throw MultipartError(message: "body ended before the closing boundary") }
  }

  private func find(_ needle: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, buffer.count - from >= needle.count else { return nil }
    var i = from
    let last = buffer.count - needle.count
    while i <= last {
      if buffer[i] == first {
        var j = 1
        while j < needle.count && buffer[i + j] == needle[j] { j += 1 }
        if j == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  static func parseHeaders(_ bytes: ArraySlice<UInt8>) throws(MultipartError) -> MultipartPartHeaders {
    var headers: [(String, String)] = []
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: " \t").lowercased()
      headers.append((name, line[line.index(after: colon)...].trimmingCharacters(in: " \t")))
    }
    guard let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1 else {
      throw MultipartError(message: "a part has no Content-Disposition header")
    }
    let params = HeaderParameters.parse(disposition)
    guard let name = params["name"] else { throw MultipartError(message: "a part has no name") }
    let filename = params["filename"].map { name -> String in
      let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
      return base
    }
    return MultipartPartHeaders(
      headers: headers, name: name, filename: filename,
      contentType: headers.first(where: { $0.0 == "content-type" })?.1)
  }
}

/// `type; key=value; key="quoted value"` header parameters (keys lower-cased).
enum HeaderParameters {
  static func parse(_ header: String) -> [String: String] {
    var result: [String: String] = [:]
    var chars = Substring(header)
    // Skip the leading token (form-data, multipart/form-data...).
    if let semi = chars.firstIndex(of: ";") { chars = chars[chars.index(after: semi)...] } else { return result }
    while !chars.isEmpty {
      chars = chars.drop { $0 == " " || $0 == "\t" || $0 == ";" }
      guard let eq = chars.firstIndex(of: "=") else { break }
      let key = chars[..<eq].trimmingCharacters(in: " \t").lowercased()
      chars = chars[chars.index(after: eq)...]
      var value = ""
      if chars.first == "\"" {
        chars = chars.dropFirst()
        while let c = chars.first, c != "\"" {
          if c == "\\", chars.count > 1 {
            chars = chars.dropFirst()
          }
          value.append(chars.first!)
          chars = chars.dropFirst()
        }
        chars = chars.dropFirst()
        chars = chars.drop { $0 != ";" }
      } else {
        let end = chars.firstIndex(of: ";") ?? chars.endIndex
        value = chars[..<end].trimmingCharacters(in: " \t")
        chars = chars[end...]
      }
      result[key] = value
    }
    return result
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    let scalars = Set(set)
    var sub = Substring(self)
    while let c = sub.first, scalars.contains(c) { sub = sub.dropFirst() }
    while let c = sub.last, scalars.contains(c) { sub = sub.dropLast() }
    return String(sub)
  }
}

public enum Multipart {
  /// The boundary of a `multipart/form-data; boundary=...` content type, or nil.
  public static func boundary(fromContentType contentType: String) -> String? {
    guard contentType.lowercased().hasPrefix("multipart/") else { return nil }
    guard let boundary = HeaderParameters.parse(contentType)["boundary"], !boundary.isEmpty else { return nil }
    return boundary
  }

  /// Reads a whole (small) body into its parts.
  public static func parse(_ body: [UInt8], boundary: String) throws(MultipartError) -> [MultipartField] {
    var parser = MultipartParser(boundary: boundary)
    var fields: [MultipartField] = []
    for event in try parser.feed(body) {
      switch event {
      case .partBegin(let headers): fields.append(MultipartField(headers: headers, data: []))
      case .partData(let data): fields[fields.count - 1].data += data
      case .partEnd: break
      }
    }
    try parser.finish()
    return fields
  }
}
