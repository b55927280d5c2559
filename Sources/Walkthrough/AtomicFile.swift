#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private func writeBytes(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, pointer, count)
}

/// Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it
/// over the target, fsync the directory. A crash at any point leaves either the old file or the
/// new one, never a torn one.
public enum AtomicFile {
  public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "cannot write \(path): \(message)" }
  }

  /// `beforeRename` runs after the data is durable in the temporary file; tests throw from it to
  /// simulate a crash (the temporary file is then removed and the target is untouched).
  public static func write(
    _ bytes: [UInt8], to path: String, beforeRename: () throws -> Void = {}
  ) throws {
    let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    removeStaleTemporaries(of: path, in: directory)
    let temporary =
      "\(directory.isEmpty ? "" : directory)/.\(baseName(path)).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw WriteError(path: path, message: errorText()) }
    var ok = false
    defer {
      if !ok { unlink(temporary) }
    }
    do {
      var offset = 0
      while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { writeBytes(fd, $0.baseAddress, $0.count) }
        if written < 0 {
          if errno == EINTR { continue }
          let message = errorText()
          close(fd)
          throw WriteError(path: path, message: message)
        }
        offset += written
      }
      guard fsync(fd) == 0 else {
        let message = errorText()
        close(fd)
        throw WriteError(path: path, message: message)
      }
      close(fd)
      try beforeRename()
      guard rename(temporary, path) == 0 else { throw WriteError(path: path, message: errorText()) }
      ok = true
    }
    let directoryFD = open(directory.isEmpty ? "/" : directory, O_RDONLY)
    if directoryFD >= 0 {
      _ = fsync(directoryFD)
      close(directoryFD)
    }
  }

  /// Writes `bytes` at `offset` of the file (created when missing), cutting off whatever
  /// followed, then `then`, then fsyncs it once: the append of an append-only log whose last
  /// complete record ends at `offset`, and the commit record that makes `bytes` count.
  /// `beforeThen` runs between the two (tests throw from it: the file then holds `bytes`
  /// without their commit, unsynced, as a kill there leaves it).
  public static func append(
    _ bytes: [UInt8], to path: String, at offset: Int, then commit: [UInt8] = [], beforeThen: () throws -> Void = {}
  ) throws {
    let fd = open(path, O_WRONLY | O_CREAT, 0o600)
    guard fd >= 0 else { throw WriteError(path: path, message: errorText()) }
    defer { close(fd) }
    guard ftruncate(fd, off_t(offset)) == 0, lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
      throw WriteError(path: path, message: errorText())
    }
    try writeAll(bytes, to: fd, path: path)
    try beforeThen()
    try writeAll(commit, to: fd, path: path)
    guard fsync(fd) == 0 else { throw WriteError(path: path, message: errorText()) }
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { writeBytes(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, message: errorText())
      }
      written += count
    }
  }

  /// Temporary files of `path` left by a writer that was killed: their process is gone.
  static func removeStaleTemporaries(of path: String, in directory: String) {
    let prefix = ".\(baseName(path))."
    guard let dir = opendir(directory.isEmpty ? "/" : directory) else { return }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { continue }
      let parts = name.dropFirst(prefix.count).dropLast(4).split(separator: ".")
      guard parts.count == 2, let pid = Int32(parts[0]), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(directory.isEmpty ? "" : directory)/\(name)") }
    }
  }

  private static func baseName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
