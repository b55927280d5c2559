import KalturaWire

/// What a resumable upload needs to survive a restart: the token, the file it belongs to, and the
/// byte ranges the server acknowledged. Codable so the walkthrough can keep it in the session file.
public struct UploadCheckpoint: Sendable, Hashable, Codable {
  public var uploadTokenID: String
  public var fingerprint: FileFingerprint
  /// Acknowledged ranges, sorted and merged. Chunks past the server's contiguous size are held by
  /// the server as pending parts, so they need not be sent again.
  public private(set) var acknowledged: [FileRange]

  public init(uploadTokenID: String, fingerprint: FileFingerprint, acknowledged: [FileRange] = []) {
    self.uploadTokenID = uploadTokenID
    self.fingerprint = fingerprint
    self.acknowledged = []
    for range in acknowledged { add(range) }
  }

  public var acknowledgedBytes: Int64 { acknowledged.reduce(0) { $0 + $1.length } }

  public mutating func add(_ range: FileRange) {
    guard range.length > 0 else { return }
    var merged = range
    var kept: [FileRange] = []
    for existing in acknowledged {
      if existing.end < merged.offset || merged.end < existing.offset {
        kept.append(existing)
      } else {
        let start = min(existing.offset, merged.offset)
        merged = FileRange(offset: start, length: max(existing.end, merged.end) - start)
      }
    }
    kept.append(merged)
    acknowledged = kept.sorted { $0.offset < $1.offset }
  }

  /// The parts of `[from, size)` not acknowledged yet.
  public func missing(from start: Int64, size: Int64) -> [FileRange] {
    var gaps: [FileRange] = []
    var cursor = start
    for range in acknowledged where range.end > cursor {
      if range.offset > cursor { gaps.append(FileRange(offset: cursor, length: min(range.offset, size) - cursor)) }
      cursor = max(cursor, range.end)
      if cursor >= size { break }
    }
    if cursor < size { gaps.append(FileRange(offset: cursor, length: size - cursor)) }
    return gaps.filter { $0.length > 0 }
  }
}

extension FileRange {
  var end: Int64 { offset + length }
}
