import Foundation

/// What a session keeps of a file a step sent in one request, so a replay can tell whether the
/// file changed since: its size and a SHA-256 over the size, its first MiB and its last MiB
/// (at most 2 MiB read, whatever the file's size). Chunked uploads keep the uploader's own
/// fingerprint in their checkpoint instead.
public struct FileSample: Sendable, Hashable {
  public var size: Int64
  public var headTailSHA256: String

  static let sampleLength = 1 << 20

  public static func of(path: String) -> FileSample? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let end = try? handle.seekToEnd() else { return nil }
    let size = Int64(end)
    var bytes = Array(String(size).utf8)
    do {
      try handle.seek(toOffset: 0)
      bytes += try handle.read(upToCount: sampleLength) ?? Data()
      let tail = end > UInt64(sampleLength) ? end - UInt64(sampleLength) : 0
      try handle.seek(toOffset: tail)
      bytes += try handle.read(upToCount: sampleLength) ?? Data()
    } catch {
      return nil
    }
    return FileSample(size: size, headTailSHA256: SHA256Digest.hex(bytes))
  }
}
