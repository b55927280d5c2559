import Foundation

/// Parses `multipart/form-data` as the bytes arrive and writes file parts straight to spool
/// files, so an upload of any size needs only a small, bounded buffer. Hand-written because
/// Hummingbird 2 has no streaming multipart decoder and the available ones read whole bodies.
struct StreamingMultipart {
  struct Result {
    var fields: [(String, String)] = []
    var files: [String: SpooledFile] = [:]
  }

  enum ParseError: Error, CustomStringConvertible {
    case malformed(String)
    var description: String {
      switch self {
      case .malformed(let why): return "malformed multipart body: \(why)"
      }
    }
  }

  private enum State {
    case preamble, headers, body, done
  }

  private let delimiter: [UInt8]  // "\r\n--boundary"
  private let spoolPath: () -> String
  private var buffer: [UInt8] = []
  private var state = State.preamble
  private var partName = ""
  private var partFileName: String?
  private var partContentType: String?
  private var fieldBytes: [UInt8] = []
  private var fileHandle: FileHandle?
  private var filePath = ""
  private var fileLength: Int64 = 0
  private(set) var result = Result()
  /// Plain fields larger than this are refused: only file parts may be big.
  private let maxFieldBytes = 8 << 20

  init(boundary: String, spoolPath: @escaping () -> String) {
    delimiter = Array("\r\n--\(boundary)".utf8)
    self.spoolPath = spoolPath
    // The first boundary may come without the leading CRLF.
    buffer = [13, 10]
  }

  /// The boundary parameter of a `multipart/form-data` content type.
  static func boundary(ofContentType contentType: String) -> String? {
    for piece in contentType.split(separator: ";").dropFirst() {
      let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if pair.count == 2, pair[0].lowercased() == "boundary" {
        return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
    }
    return nil
  }

  mutating func consume(_ bytes: some Collection<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    var start = 0
    defer { if start > 0 { buffer.removeFirst(start) } }
    while true {
      switch state {
      case .preamble:
        guard let at = find(delimiter, from: start) else {
          start = max(start, buffer.count - delimiter.count)
          return
        }
        start = at + delimiter.count
        state = .headers
      case .headers:
        if buffer.count - start < 2 { return }
        if buffer[start] == UInt8(ascii: "-") && buffer[start + 1] == UInt8(ascii: "-") {
          state = .done  // "--" right after a delimiter closes the body
          continue
        }
        guard let end = find([13, 10, 13, 10], from: start) else {
          if buffer.count - start > 64 << 10 { throw ParseError.malformed("part headers too long") }
          return
        }
        let head = String(decoding: buffer[start..<end], as: UTF8.self)
        start = end + 4
        try beginPart(head)
        state = .body
      case .body:
        if let at = find(delimiter, from: start) {
          try emit(start..<at)
          try endPart()
          start = at + delimiter.count
          state = .headers
        } else {
          let safe = max(start, buffer.count - delimiter.count)
          try emit(start..<safe)
          start = safe
          return
        }
      case .done:
        start = buffer.count
        return
      }
    }
  }

  /// Call after the last bytes; closes and forgets any half-written part.
  mutating func finish() throws {
    if let fileHandle {
      try? fileHandle.close()
      self.fileHandle = nil
      try? FileManager.default.removeItem(atPath: filePath)
    }
    guard state == .done else { throw ParseError.malformed("body ended before the closing boundary") }
  }

  /// Removes the spooled files (after the request has been handled or failed).
  func discardFiles() {
    for file in result.files.values { try? FileManager.default.removeItem(atPath: file.path) }
  }

  private mutating func beginPart(_ head: String) throws {
    partName = ""
    partFileName = nil
    partContentType = nil
    for line in head.split(separator: "\r\n") {
      let pair = line.split(separator: ":", maxSplits: 1)
      guard pair.count == 2 else { continue }
      let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
      let value = pair[1].trimmingCharacters(in: .whitespaces)
      if key == "content-disposition" {
        partName = Self.dispositionParameter("name", in: value) ?? ""
        partFileName = Self.dispositionParameter("filename", in: value)
      } else if key == "content-type" {
        partContentType = value
      }
    }
    if partFileName != nil {
      filePath = spoolPath()
      guard FileManager.default.createFile(atPath: filePath, contents: nil),
        let handle = FileHandle(forWritingAtPath: filePath)
      else { throw ParseError.malformed("cannot create spool file \(filePath)") }
      fileHandle = handle
      fileLength = 0
    } else {
      fieldBytes = []
    }
  }

  private mutating func emit(_ range: Range<Int>) throws {
    guard !range.isEmpty else { return }
    if let fileHandle {
      try buffer.withUnsafeBytes { raw in
        try fileHandle.write(
          contentsOf: Data(
            bytesNoCopy: UnsafeMutableRawPointer(
              mutating: raw.baseAddress!
                + range.lowerBound), count: range.count, deallocator: .none))
      }
      fileLength += Int64(range.count)
    } else {
      guard fieldBytes.count + range.count <= maxFieldBytes else {
        throw ParseError.malformed("field \(partName) is larger than \(maxFieldBytes) bytes")
      }
      fieldBytes.append(contentsOf: buffer[range])
    }
  }

  private mutating func endPart() throws {
    if let fileHandle {
      try fileHandle.close()
      self.fileHandle = nil
      if let old = result.files[partName] { try? FileManager.default.removeItem(atPath: old.path) }
      let base = (partFileName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
      result.files[partName] = SpooledFile(
        path: filePath, length: fileLength, fileName: base, contentType: partContentType)
    } else {
      result.fields.append((partName, String(decoding: fieldBytes, as: UTF8.self)))
    }
  }

  private func find(_ needle: [UInt8], from start: Int) -> Int? {
    guard buffer.count - start >= needle.count else { return nil }
    return buffer.withUnsafeBufferPointer { hay -> Int? in
      let first = needle[0]
      var i = start
      let last = hay.count - needle.count
      while i <= last {
        guard let hit = memchrIndex(hay, first, from: i, to: last + 1) else { return nil }
        var j = 1
        while j < needle.count && hay[hit + j] == needle[j] { j += 1 }
        if j == needle.count { return hit }
        i = hit + 1
      }
      return nil
    }
  }

  private func memchrIndex(_ hay: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int, to: Int) -> Int? {
    guard from < to, let base = hay.baseAddress else { return nil }
    guard let p = memchr(base + from, Int32(byte), to - from) else { return nil }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
  }

  static func dispositionParameter(_ name: String, in value: String) -> String? {
    // name="x"; filename="y" — quoted values may contain ';'.
    var rest = Substring(value)
    while let semicolon = rest.firstIndex(of: ";") {
      rest = rest[rest.index(after: semicolon)...].drop(while: { $0 == " " })
      guard let eq = rest.firstIndex(of: "=") else { return nil }
      let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
      var after = rest[rest.index(after: eq)...]
      var parsed: String
      if after.first == "\"" {
        after = after.dropFirst()
        var text = ""
        var index = after.startIndex
        while index < after.endIndex, after[index] != "\"" {
          if after[index] == "\\", after.index(after: index) < after.endIndex { index = after.index(after: index) }
          text.append(after[index])
          index = after.index(after: index)
        }
        parsed = text
        rest = index < after.endIndex ? after[after.index(after: index)...] : after[after.endIndex...]
      } else {
        let end = after.firstIndex(of: ";") ?? after.endIndex
        parsed = after[..<end].trimmingCharacters(in: .whitespaces)
        rest = after[end...]
      }
      if key == name { return parsed }
    }
    return nil
  }
}
