/// Identifies a file well enough to decide whether an interrupted upload may be resumed with it:
/// path, size, modification time and a hash of its first and last MiB. Stored in session files.
public struct FileFingerprint: Sendable, Hashable, Codable {
  public var path: String
  public var size: Int64
  /// Seconds since 1970.
  public var modificationTime: Double
  /// `fnv1a64:<16 hex digits>` over the size, the first MiB and the last MiB.
  public var headTailHash: String

  public init(path: String, size: Int64, modificationTime: Double, headTailHash: String) {
    self.path = path
    self.size = size
    self.modificationTime = modificationTime
    self.headTailHash = headTailHash
  }

  public static let sampleLength: Int64 = 1 << 20

  /// Reads at most 2 MiB of the file, whatever its size.
  public static func compute(path: String) async throws -> FileFingerprint {
    let (size, modified) = try FileRangeReader.attributes(of: path)
    let reader = try FileRangeReader(path: path)
    var hash = FNV1a64()
    hash.combine(UInt64(bitPattern: size))
    let headLength = Int(min(size, sampleLength))
    hash.combine(try await reader.read(offset: 0, count: headLength).readableBytesView)
    let tailOffset = max(0, size - sampleLength)
    hash.combine(try await reader.read(offset: tailOffset, count: Int(size - tailOffset)).readableBytesView)
    return FileFingerprint(path: path, size: size, modificationTime: modified, headTailHash: hash.text)
  }

  /// Same content as far as the fingerprint can tell. The path may differ (a moved file resumes).
  public func sameContent(as other: FileFingerprint) -> Bool {
    size == other.size && headTailHash == other.headTailHash && abs(modificationTime - other.modificationTime) < 0.001
  }
}

/// 64-bit FNV-1a. Hand-written because this target does not depend on Crypto, and the fingerprint
/// only has to notice accidental changes to a file, not resist a forger.
struct FNV1a64 {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
  }

  mutating func combine(_ number: UInt64) {
    withUnsafeBytes(of: number.littleEndian) { combine($0) }
  }

  var text: String {
    let hex = String(value, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
