import Foundation

/// While the console owns the screen, anything written to stderr (a library's log line, a
/// runtime warning) would land in the middle of the picture. It goes to an unlinked temporary
/// file instead and is written to the real stderr once the terminal is restored.
enum StandardErrorCapture {
  // Set and cleared with the terminal's lock held; read by the crash handler, which cannot lock.
  nonisolated(unsafe) private static var savedDescriptor: Int32 = -1
  nonisolated(unsafe) private static var captureDescriptor: Int32 = -1

  static func begin() {
    guard savedDescriptor < 0 else { return }
    var template = Array((FileManager.default.temporaryDirectory.path + "/recipe-console-stderr-XXXXXX").utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { return }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let saved = dup(STDERR_FILENO)
    guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
      close(file)
      if saved >= 0 { close(saved) }
      return
    }
    savedDescriptor = saved
    captureDescriptor = file
  }

  /// Puts the real stderr back and copies what was captured to it.
  static func end() {
    guard savedDescriptor >= 0 else { return }
    dup2(savedDescriptor, STDERR_FILENO)
    close(savedDescriptor)
    savedDescriptor = -1
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var offset: off_t = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { pread(captureDescriptor, $0.baseAddress, $0.count, offset) }
      if count <= 0 { break }
      _ = buffer.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, count) }
      offset += off_t(count)
    }
    close(captureDescriptor)
    captureDescriptor = -1
  }

  /// The real stderr for a program the console steps aside for (an editor); `resume` captures again.
  static func pause() {
    if savedDescriptor >= 0 { dup2(savedDescriptor, STDERR_FILENO) }
  }

  static func resume() {
    if captureDescriptor >= 0 { dup2(captureDescriptor, STDERR_FILENO) }
  }

  /// For the crash handler: puts the real stderr back and copies what was captured (the
  /// runtime's "Fatal error: ..." line comes before the signal) with async-signal-safe calls
  /// only, through a buffer on the stack.
  static func restoreForCrash() {
    guard savedDescriptor >= 0 else { return }
    dup2(savedDescriptor, STDERR_FILENO)
    withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { buffer in
      var offset: off_t = 0
      while true {
        let count = pread(captureDescriptor, buffer.baseAddress, buffer.count, offset)
        if count <= 0 { break }
        _ = write(STDERR_FILENO, buffer.baseAddress, count)
        offset += off_t(count)
      }
    }
  }
}
