import AsyncHTTPClient
import Foundation
import JSONValue
import KalturaWire
import NIOCore
import Sandbox
import Testing

/// A sandbox in a fresh temporary directory, plus small HTTP helpers speaking Kaltura's protocol.
struct Harness {
  let server: SandboxServer
  let dataDirectory: String

  /// Starts a sandbox, runs `body`, and always stops the server and removes its files.
  static func with(
    conversionDelay: Double = 0.3, dataDirectory: String? = nil, adminSecret: String? = nil,
    faultInjection: FaultInjection? = nil, idleTimeout: Double = 60, maxFormBodyBytes: Int = 64 << 20,
    _ body: (Harness) async throws -> Void
  ) async throws {
    let directory = dataDirectory ?? Self.temporaryDirectory()
    let server = try await SandboxServer.start(
      SandboxConfiguration(
        dataDirectory: directory, adminSecret: adminSecret, conversionDelay: conversionDelay,
        faultInjection: faultInjection, idleTimeout: idleTimeout, maxFormBodyBytes: maxFormBodyBytes))
    let harness = Harness(server: server, dataDirectory: directory)
    do {
      try await body(harness)
    } catch {
      await server.stop()
      if dataDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
      throw error
    }
    await server.stop()
    if dataDirectory == nil { try? FileManager.default.removeItem(atPath: directory) }
  }

  static func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "sandbox-test-" + UUID().uuidString
  }

  var origin: String { String(server.baseURL.dropLast("/api_v3".count)) }

  func adminKS(user: String = "admin") async throws -> String {
    try await call(
      "session", "start",
      [
        ("secret", server.adminSecret), ("partnerId", String(server.partnerID)), ("type", "2"), ("userId", user),
      ]
    ).stringValue ?? ""
  }

  func userKS(_ user: String) async throws -> String {
    try await call(
      "session", "start",
      [
        ("secret", server.adminSecret), ("partnerId", String(server.partnerID)), ("type", "0"), ("userId", user),
      ]
    ).stringValue ?? ""
  }

  /// A form-encoded call with `format=1`; returns the parsed JSON reply.
  func call(_ service: String, _ action: String, _ params: [(String, String)] = [], ks: String? = nil)
    async throws -> JSONValue
  {
    var pairs = params + [("format", "1")]
    if let ks { pairs.append(("ks", ks)) }
    let reply = try await post(
      "\(server.baseURL)/service/\(service)/action/\(action)", body: Array(FormEncoding.encode(pairs).utf8),
      contentType: "application/x-www-form-urlencoded")
    #expect(reply.status == 200)
    return try JSONValue(parsing: reply.body)
  }

  /// A JSON-body call (as the official clients send), any format.
  func callJSON(_ path: String, _ body: JSONValue) async throws -> (status: Int, body: [UInt8]) {
    try await post(server.baseURL + path, body: body.utf8Bytes, contentType: "application/json")
  }

  /// `uploadToken.upload` as multipart with the parameters in the query string.
  func upload(
    token: String, data: [UInt8], resume: Bool, finalChunk: Bool, resumeAt: Int, ks: String,
    fileName: String = "clip.mp4"
  ) async throws -> JSONValue {
    let query = FormEncoding.encode([
      ("format", "1"), ("ks", ks), ("uploadTokenId", token), ("resume", resume ? "1" : "0"),
      ("finalChunk", finalChunk ? "1" : "0"), ("resumeAt", String(resumeAt)),
    ])
    let boundary = "----sandbox-test-\(UUID().uuidString)"
    var body = Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"fileData\"; filename=\"\(fileName)\"\r\n".utf8)
    body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
    body += data
    body += Array("\r\n--\(boundary)--\r\n".utf8)
    let reply = try await post(
      "\(server.baseURL)/service/uploadtoken/action/upload?\(query)", body: body,
      contentType: "multipart/form-data; boundary=\(boundary)")
    return try JSONValue(parsing: reply.body)
  }

  func post(_ url: String, body: [UInt8], contentType: String) async throws -> (status: Int, body: [UInt8]) {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: contentType)
    request.body = .bytes(ByteBuffer(bytes: body))
    return try await send(request)
  }

  func get(_ url: String) async throws -> (status: Int, body: [UInt8]) {
    try await send(HTTPClientRequest(url: url))
  }

  private func send(_ request: HTTPClientRequest) async throws -> (status: Int, body: [UInt8]) {
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let buffer = try await response.body.collect(upTo: 256 << 20)
    return (Int(response.status.code), Array(buffer.readableBytesView))
  }

  /// A new video entry without content (`media.add`), as its reply.
  func mediaEntry(ks: String, _ fields: [(String, String)] = []) async throws -> JSONValue {
    try await call(
      "media", "add",
      [("entry[objectType]", "KalturaMediaEntry"), ("entry[mediaType]", "1")] + fields.map { ("entry[\($0.0)]", $0.1) },
      ks: ks)
  }

  /// Polls `media.get` until the entry is READY (bounded, so a broken server fails the test).
  func waitUntilReady(_ entryId: String, ks: String, seconds: Int = 10) async throws -> JSONValue {
    for _ in 0..<(seconds * 10) {
      let entry = try await call("media", "get", [("entryId", entryId)], ks: ks)
      if entry["status"]?.intValue == 2 { return entry }
      try await Task.sleep(nanoseconds: 100_000_000)
    }
    Issue.record("entry \(entryId) never became READY")
    return .null
  }
}

func errorCode(_ reply: JSONValue) -> String? {
  reply["objectType"]?.stringValue == "KalturaAPIException" ? reply["code"]?.stringValue : nil
}

func bytes(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
  (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
}

/// Bytes with no short period (a 64-bit LCG), so misplaced chunks cannot go unnoticed.
func lcgBytes(_ count: Int, seed: UInt64) -> [UInt8] {
  var content = [UInt8](repeating: 0, count: count)
  var state = seed
  for i in content.indices {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    content[i] = UInt8(truncatingIfNeeded: state >> 33)
  }
  return content
}
