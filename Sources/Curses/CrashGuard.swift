import CNCurses
import Foundation

/// A crash (a Swift trap raises SIGILL or SIGTRAP; SIGSEGV, SIGBUS, SIGABRT, SIGFPE) must not
/// leave the terminal in raw mode: restore it, then hand the signal to whoever handled it
/// before (the Swift runtime's backtracer) so the crash report still appears, readable.
enum CrashGuard {
  static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

  // Written once at start-up before any crash can use it; a signal handler cannot take locks.
  nonisolated(unsafe) private static var previousActions: [sigaction] = Array(repeating: sigaction(), count: 65)
  nonisolated(unsafe) private static var installed = false

  static func install() {
    guard !installed else { return }
    installed = true
    for number in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in
        endwin()
        StandardErrorCapture.restoreForCrash()
        var previous = CrashGuard.previousActions[Int(number)]
        sigaction(number, &previous, nil)
        raise(number)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
      sigaction(number, &action, &previousActions[Int(number)])
    }
  }
}
