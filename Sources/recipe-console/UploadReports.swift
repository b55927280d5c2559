import Foundation
import KalturaWire
import TerminalUI

/// What the console hears of the upload running now: the uploader's progress reports and the
/// file bytes the transport hands to its connections (`KalturaHTTPTransport.Configuration
/// .onFileBytesSent`, one callback for the console's one transport). `sample` passes on what
/// changed, at most as often as it is called, so a fast upload cannot flood the loop and no
/// report is lost to a throttle (the last one always arrives).
final class UploadReports: @unchecked Sendable {
  // Chunk tasks report in parallel, from the uploader and from the transport's body streams.
  private let lock = NSLock()
  private var sending = UploadSending()
  private var latest: UploadProgress?
  private var reportedProgress: UploadProgress?
  private var reportedBytes: Int64?
  /// Which send is reported; a cancelled one still winding down is not (Esc, then r at once).
  private var current = 0
  private var isRunning = false

  /// A new send starts: what the last one sent is not its. Returns its number.
  func begin() -> Int {
    lock.withLock {
      sending = UploadSending()
      latest = nil
      reportedProgress = nil
      reportedBytes = nil
      current += 1
      isRunning = true
      return current
    }
  }

  func end(_ send: Int) {
    lock.withLock { if send == current { isRunning = false } }
  }

  func progressed(_ progress: UploadProgress, send: Int) {
    lock.withLock {
      guard isRunning, send == current else { return }
      latest = progress
      sending.progressed(progress)
    }
  }

  func handedOver(_ bytes: FileBytesHandedOver) {
    lock.withLock {
      guard isRunning else { return }
      sending.handedOver(bytes)
    }
  }

  /// What changed since the last sample, in the order the model should see it.
  func sample(step: Int, send: Int) -> [Message] {
    lock.withLock {
      guard send == current else { return [] }
      var messages: [Message] = []
      if let latest, latest != reportedProgress {
        messages.append(.uploadProgress(step: step, latest))
        reportedProgress = latest
      }
      if let bytes = sending.bytes, bytes != reportedBytes {
        messages.append(.uploadSent(step: step, bytes: bytes))
        reportedBytes = bytes
      }
      return messages
    }
  }
}
