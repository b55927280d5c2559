import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading a file failed (missing, unreadable, or shorter than the range asked for).
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// An open read-only file read by offset with `pread` on NIO's blocking-I/O thread pool.
/// Hand-written because NonBlockingFileIO's handle API is deprecated and NIOFileSystem is not a
/// dependency of this target; `pread` keeps concurrent readers of one file independent.
final class FileRangeReader: Sendable {
  let path: String
  private let descriptor: Int32

  init(path: String) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileReadError(path: path, message: Self.errnoText()) }
    self.path = path
    self.descriptor = fd
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes at `offset`; fewer only at end of file.
  func read(offset: Int64, count: Int) async throws -> ByteBuffer {
    let descriptor = self.descriptor
    let path = self.path
    return try await NIOThreadPool.singleton.runIfActive {
      var buffer = ByteBufferAllocator().buffer(capacity: count)
      var done = 0
      while done < count {
        var failure: Int32 = 0
        let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { raw in
          let n = pread(descriptor, raw.baseAddress, count - done, off_t(offset + Int64(done)))
          if n < 0 { failure = errno }
          return max(0, n)
        }
        if failure == EINTR { continue }
        if failure != 0 { throw FileReadError(path: path, message: String(cString: strerror(failure))) }
        if got == 0 { break }
        done += got
      }
      return buffer
    }
  }

  /// Size in bytes and modification time (seconds since 1970) of the file at `path`.
  static func attributes(of path: String) throws -> (size: Int64, modified: Double) {
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileReadError(path: path, message: errnoText()) }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw FileReadError(path: path, message: "not a regular file")
    }
    #if canImport(Darwin)
      let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
    #else
      let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    #endif
    return (Int64(info.st_size), modified)
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
