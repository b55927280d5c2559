import KalturaClient
import Walkthrough

/// The replay's check of a re-uploaded file against the fingerprint the chunked uploader stored
/// when the session was recorded: size, then the hash of its first and last MiB. The
/// modification time is not compared: a copied file keeps its content but not its time.
enum ReplayFileCheck {
  static let fingerprint: RecordedFileCheck = { path, recorded in
    guard let now = try? await FileFingerprint.compute(path: path) else { return "it cannot be read" }
    if let size = recorded["size"]?.intValue, Int64(size) != now.size {
      return "\(size) bytes then, \(now.size) now"
    }
    if let hash = recorded["headTailHash"]?.stringValue, hash != now.headTailHash {
      return "its first or last MiB differs (\(hash) then, \(now.headTailHash) now)"
    }
    return nil
  }
}
