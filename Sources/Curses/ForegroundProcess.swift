import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program that owns the terminal while it runs (an editor), and waits for it.
///
/// Hand-written on `posix_spawn` because Foundation's `Process` starts its children in a new
/// process group: the terminal's foreground group stays the console's, so a terminal editor is
/// stopped by SIGTTOU/SIGTTIN the moment it touches the terminal, and the console hangs.
enum ForegroundProcess {
  /// The signals the console handles itself (or ignores) are set back to their defaults in
  /// the child, so Ctrl-C and the like behave there as they would in a shell.
  private static let defaultedSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGPIPE, SIGWINCH]

  /// Runs `arguments` (`arguments[0]` is the executable's path) with `environment` in the
  /// console's process group and returns its exit status (128 + the signal when one ended it).
  static func run(_ arguments: [String], environment: [String: String]) throws -> Int32 {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in defaultedSignals { sigaddset(&defaults, number) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let started = posix_spawn(&pid, arguments[0], nil, &attributes, argv, envp)
    guard started == 0 else {
      throw TerminalError("cannot start \(arguments[0]): \(String(cString: strerror(started)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
      guard errno == EINTR else {
        throw TerminalError("waiting for \(arguments[0]): \(String(cString: strerror(errno)))")
      }
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
