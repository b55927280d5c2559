import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A TCP proxy on 127.0.0.1 that counts the bytes clients send upstream, so a test can measure
/// what the console really put on the wire. Optionally slows each connection down (blocks of
/// `throttleBlock` bytes with a pause after each) and holds every upstream byte past
/// `holdAfterBytes` (or a later `hold(afterAnother:)`) until `release()`, so a test can stop a run
/// halfway, or keep an upload on screen, whatever the machine's load.
/// Hand-written on POSIX sockets because this test target depends on no networking package.
final class RunCountingProxy: @unchecked Sendable {
  let port: Int
  private let upstreamPort: Int
  private let listener: Int32
  private let lock = NSLock()
  private var sentUpstream = 0
  private var open: Set<Int32> = []
  private var stopped = false
  private let throttleBlock: Int
  private let throttlePause: useconds_t
  private var holdAfterBytes: Int?
  private var released = false

  init(
    upstreamPort: Int, throttleBlock: Int = 0, throttlePauseMicroseconds: UInt32 = 0, holdAfterBytes: Int? = nil
  ) throws {
    self.upstreamPort = upstreamPort
    self.holdAfterBytes = holdAfterBytes
    self.throttleBlock = throttleBlock
    self.throttlePause = throttlePauseMicroseconds
    let fd = socket(AF_INET, Self.streamType, 0)
    guard fd >= 0 else { throw ProxyError("socket: \(String(cString: strerror(errno)))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw ProxyError("bind/listen: \(String(cString: strerror(errno)))")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    listener = fd
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  /// Bytes clients sent through the proxy so far (request lines, headers and bodies).
  var bytesSentUpstream: Int { lock.withLock { sentUpstream } }

  /// Sockets (two per proxied connection) not closed yet.
  var openSockets: Int { lock.withLock { open.count } }

  /// Lets bytes past `holdAfterBytes` through again.
  func release() { lock.withLock { released = true } }

  /// From now on, holds every upstream byte once `bytes` more than so far have been sent (the
  /// read that crosses the mark is forwarded whole), until `release()`.
  func hold(afterAnother bytes: Int) {
    lock.withLock {
      holdAfterBytes = sentUpstream + bytes
      released = false
    }
  }

  private var holding: Bool {
    lock.withLock { !released && !stopped && holdAfterBytes.map { sentUpstream >= $0 } == true }
  }

  /// Closes the listener and every connection.
  func stop() {
    let sockets = lock.withLock { () -> Set<Int32> in
      stopped = true
      return open
    }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    for socket in sockets { shutdown(socket, Int32(SHUT_RDWR)) }
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      if client < 0 {
        if errno == EINTR { continue }
        return
      }
      let upstream = socket(AF_INET, Self.streamType, 0)
      var address = Self.loopback(port: upstreamPort)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      let accepted = lock.withLock { () -> Bool in
        guard !stopped, connected == 0 else { return false }
        open.insert(client)
        open.insert(upstream)
        return true
      }
      guard accepted else {
        close(client)
        close(upstream)
        continue
      }
      let remaining = Countdown(2) { [self] in
        lock.withLock {
          open.remove(client)
          open.remove(upstream)
        }
        close(client)
        close(upstream)
      }
      Thread.detachNewThread { [self] in pump(from: client, to: upstream, counted: true, done: remaining) }
      Thread.detachNewThread { [self] in pump(from: upstream, to: client, counted: false, done: remaining) }
    }
  }

  private func pump(from source: Int32, to target: Int32, counted: Bool, done: Countdown) {
    let size = counted && throttleBlock > 0 ? throttleBlock : 64 << 10
    var buffer = [UInt8](repeating: 0, count: size)
    loop: while true {
      while counted && holding { usleep(1000) }
      let got = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, size) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { break }
      var offset = 0
      while offset < got {
        let wrote = buffer.withUnsafeBytes { send(target, $0.baseAddress! + offset, got - offset, Int32(MSG_NOSIGNAL)) }
        if wrote < 0 && errno == EINTR { continue }
        if wrote <= 0 { break loop }
        offset += wrote
      }
      if counted {
        lock.withLock { sentUpstream += got }
        if throttlePause > 0 { usleep(throttlePause) }
      }
    }
    shutdown(target, Int32(SHUT_WR))
    shutdown(source, Int32(SHUT_RD))
    done.tick()
  }

  static var streamType: Int32 {
    #if canImport(Glibc)
      Int32(SOCK_STREAM.rawValue)
    #else
      SOCK_STREAM
    #endif
  }

  static func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}

struct ProxyError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Runs `action` once `tick` has been called `count` times.
private final class Countdown: @unchecked Sendable {
  private let lock = NSLock()
  private var remaining: Int
  private let action: @Sendable () -> Void

  init(_ count: Int, action: @escaping @Sendable () -> Void) {
    remaining = count
    self.action = action
  }

  func tick() {
    let last = lock.withLock { () -> Bool in
      remaining -= 1
      return remaining == 0
    }
    if last { action() }
  }
}
