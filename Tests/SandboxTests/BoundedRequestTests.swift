import Foundation
import JSONValue
import KalturaWire
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Requests the sandbox bounds: a form body over the limit is a Kaltura error in the request's
/// format (never a bare HTTP 500), and a client that stops mid-header is disconnected.
@Suite struct BoundedRequestTests {
  @Test func anOversizedFormBodyIsAKalturaErrorInTheRequestedFormat() async throws {
    try await Harness.with(maxFormBodyBytes: 1024) { h in
      let body = Array(FormEncoding.encode([("name", String(repeating: "x", count: 4096))]).utf8)
      let json = try await h.post(
        "\(h.server.baseURL)/service/system/action/ping?format=1", body: body,
        contentType: "application/x-www-form-urlencoded")
      #expect(json.status == 200)
      #expect(errorCode(try JSONValue(parsing: json.body)) == "SANDBOX_REQUEST_TOO_LARGE")
      #expect(try JSONValue(parsing: json.body)["message"]?.stringValue?.contains("1024 bytes") == true)

      let xml = try await h.post(
        "\(h.server.baseURL)/service/system/action/ping", body: body, contentType: "application/json")
      #expect(xml.status == 200)
      let text = String(decoding: xml.body, as: UTF8.self)
      #expect(text.hasPrefix("<?xml"))
      #expect(text.contains("<code>SANDBOX_REQUEST_TOO_LARGE</code>"))

      // A body within the limit is still served.
      let small = try await h.call("system", "ping")
      #expect(small == .bool(true))
    }
  }

  @Test func aClientThatStopsMidHeaderIsDisconnected() async throws {
    let halfHeader = "POST /api_v3/service/system/action/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-"
    // With the default (a minute) the connection is still open a second later: the read times out.
    try await Harness.with { h in
      let outcome = try RawClient.sendAndRead(halfHeader, port: h.server.port, waitSeconds: 1)
      #expect(outcome == .stillOpen)
    }
    try await Harness.with(idleTimeout: 0.3) { h in
      let outcome = try RawClient.sendAndRead(halfHeader, port: h.server.port, waitSeconds: 20)
      #expect(outcome == .closedByServer)
    }
  }
}

/// A raw TCP client on 127.0.0.1, to send what an HTTP client never would.
enum RawClient {
  enum Outcome: Equatable {
    case closedByServer
    case stillOpen
    case received
  }

  struct SocketError: Error { var call: String }

  /// Sends `text`, then reads until the server closes, sends something, or `waitSeconds` pass.
  static func sendAndRead(_ text: String, port: Int, waitSeconds: Int) throws -> Outcome {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw SocketError(call: "socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw SocketError(call: "connect") }
    let bytes = Array(text.utf8)
    guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw SocketError(call: "send") }
    var timeout = timeval(tv_sec: waitSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(fd, &buffer, buffer.count, 0)
    if count == 0 { return .closedByServer }
    if count > 0 { return .received }
    if errno == EAGAIN || errno == EWOULDBLOCK { return .stillOpen }
    if errno == ECONNRESET { return .closedByServer }
    throw SocketError(call: "recv errno \(errno)")
  }
}
