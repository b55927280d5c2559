import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A TCP proxy on 127.0.0.1 that forwards each request to the upstream server, waits until the
/// server starts answering (so it has acted on the request), and then closes the client's
/// connection without passing the reply on: the "reply lost after the server acted" case.
/// Hand-written on POSIX sockets: the test needs a byte-level fault no HTTP library injects.
final class ReplyDroppingProxy: @unchecked Sendable {
  let port: Int
  private let upstreamPort: Int
  private let listener: Int32
  private let lock = NSLock()
  private var forwarded = 0

  init(upstreamPort: Int) throws {
    self.upstreamPort = upstreamPort
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    listener = fd
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread.detachNewThread { [self] in
      while true {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        Thread.detachNewThread { [self] in relayAndDrop(client) }
      }
    }
  }

  /// Requests that reached the upstream server.
  var requestsForwarded: Int { lock.withLock { forwarded } }

  func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private func relayAndDrop(_ client: Int32) {
    defer { close(client) }
    let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(upstream) }
    var address = Self.loopback(port: upstreamPort)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0, let request = Self.readRequest(client) else { return }
    _ = request.withUnsafeBytes { send(upstream, $0.baseAddress, $0.count, 0) }
    lock.withLock { forwarded += 1 }
    var byte: UInt8 = 0
    _ = recv(upstream, &byte, 1, 0)  // the server has acted once it answers
  }

  /// One request: headers up to the blank line, then Content-Length bytes of body.
  private static func readRequest(_ fd: Int32) -> [UInt8]? {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var expected: Int?
    while expected.map({ data.count < $0 }) ?? true {
      let n = recv(fd, &buffer, buffer.count, 0)
      guard n > 0 else { return nil }
      data += buffer[0..<n]
      if expected == nil, let end = data.firstRange(of: Array("\r\n\r\n".utf8)) {
        let headers = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        let length =
          headers.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
          .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        expected = end.upperBound + length
      }
    }
    return data
  }

  private static func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}
