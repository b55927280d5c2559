import JSONValue

/// Any file as a viewer document: JSON as its tree, anything else as text lines, or for
/// binary data a line saying what it is.
public struct LoadedDocument: Sendable {
  public let index: RowIndex
  /// "JSON · 52.4 MB", "XML (not JSON: …) · 3 kB", "binary data (PNG image) · 120 kB".
  public let summary: String

  public init(bytes: [UInt8]) {
    self.init(bytes.withUnsafeBufferPointer { Content(utf8: $0) })
  }

  /// From bytes in place (a memory-mapped file): no copy of a 50 MB document.
  public init(utf8 bytes: UnsafeBufferPointer<UInt8>) { self.init(Content(utf8: bytes)) }

  /// From parsed content; the caller may drop the bytes first, so the file and the row index
  /// are never in memory at once.
  public init(_ content: Content) {
    switch content {
    case .json(let value, let size):
      index = RowIndex(value)
      summary = "JSON · " + Self.sizeText(size)
    case .text(let text, let note, let size):
      index = RowIndex(text: text)
      summary = note + " · " + Self.sizeText(size)
    case .binary(let kind, let size):
      index = RowIndex(text: "\(size) bytes of binary data (\(kind))")
      summary = "binary · " + Self.sizeText(size)
    }
  }

  /// A file's bytes, understood.
  public enum Content: Sendable {
    case json(JSONValue, size: Int)
    /// Text that is not JSON, with why ("XML (not JSON: 1:1: …)").
    case text(String, note: String, size: Int)
    case binary(kind: String, size: Int)

    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
      do {
        self = .json(try JSONValue(parsingUTF8: bytes), size: bytes.count)
      } catch {
        if let kind = LoadedDocument.binaryKind(Array(bytes.prefix(8192))) {
          self = .binary(kind: kind, size: bytes.count)
        } else {
          let text = String(decoding: bytes, as: UTF8.self)
          let isXML = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }.hasPrefix("<")
          self = .text(text, note: (isXML ? "XML" : "text") + " (not JSON: \(error.description))", size: bytes.count)
        }
      }
    }
  }

  /// A NUL byte in the first kilobytes, or a known magic number, means binary data.
  static func binaryKind(_ bytes: [UInt8]) -> String? {
    let magic: [(prefix: [UInt8], name: String)] = [
      ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"), ([0x47, 0x49, 0x46], "GIF image"),
      ([0x25, 0x50, 0x44, 0x46], "PDF document"), ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"),
      ([0x1F, 0x8B], "gzip data"),
    ]
    for (prefix, name) in magic where bytes.starts(with: prefix) { return name }
    if bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) { return "MP4 video" }
    return bytes.prefix(8192).contains(0) ? "unknown type" : nil
  }

  public static func sizeText(_ count: Int) -> String {
    if count < 1024 { return "\(count) B" }
    if count < 1 << 20 { return "\(count / 1024) kB" }
    let tenths = count * 10 / (1 << 20)
    return "\(tenths / 10).\(tenths % 10) MB"
  }
}
