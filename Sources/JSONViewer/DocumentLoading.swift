import JSONValue

/// Any file as a viewer document: JSON as its tree, anything else as text lines, or for
/// binary data a line saying what it is.
public struct LoadedDocument: Sendable {
  public let index: RowIndex
  /// "JSON · 52.4 MB", "XML (not JSON: …) · 3 kB", "binary data (PNG image) · 120 kB".
  public let summary: String

  public init(bytes: [UInt8]) {
    self = bytes.withUnsafeBufferPointer { LoadedDocument(utf8: $0) }
  }

  /// From bytes in place (a memory-mapped file): no copy of a 50 MB document.
  public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    let size = Self.sizeText(bytes.count)
    do {
      index = RowIndex(try JSONValue(parsingUTF8: bytes))
      summary = "JSON · " + size
    } catch {
      if let kind = Self.binaryKind(Array(bytes.prefix(8192))) {
        index = RowIndex(text: "\(bytes.count) bytes of binary data (\(kind))")
        summary = "binary · " + size
      } else {
        let text = String(decoding: bytes, as: UTF8.self)
        index = RowIndex(text: text)
        let isXML = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }.hasPrefix("<")
        summary = (isXML ? "XML" : "text") + " (not JSON: \(error.description)) · " + size
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
