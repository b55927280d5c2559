import Foundation
import KalturaClient
import KalturaWire

/// Draws `ProgressLine` on one line of stderr for `run`, redrawn in place with a carriage return
/// at most every `interval` seconds, and wiped by `finish` before the step's output.
final class RunProgress: @unchecked Sendable {
  private let handle: FileHandle
  private let interval: Duration
  private let width: Int
  private let lock = NSLock()
  private var lastDraw: ContinuousClock.Instant?
  private var drawn = false

  /// nil when `mode` says not to draw (auto: only when stderr is a terminal).
  static func make(mode: ProgressDisplayMode) -> RunProgress? {
    guard mode.shouldDraw(stderrIsTerminal: isatty(STDERR_FILENO) == 1) else { return nil }
    return RunProgress(handle: .standardError, interval: .milliseconds(100), width: terminalWidth())
  }

  init(handle: FileHandle, interval: Duration, width: Int) {
    self.handle = handle
    self.interval = interval
    self.width = width
  }

  func update(_ progress: UploadProgress) {
    lock.withLock {
      let now = ContinuousClock.now
      let complete = progress.bytesDone >= progress.bytesTotal
      if let lastDraw, !complete, lastDraw.duration(to: now) < interval { return }
      lastDraw = now
      drawn = true
      try? handle.write(contentsOf: Data(("\r" + ProgressLine.render(progress, width: width - 1) + "\u{1B}[K").utf8))
    }
  }

  func finish() {
    lock.withLock {
      if drawn { try? handle.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
      drawn = false
      lastDraw = nil
    }
  }

  private static func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
    return 80
  }
}
