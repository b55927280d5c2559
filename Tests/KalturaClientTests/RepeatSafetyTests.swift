import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Testing

@Suite struct RepeatSafetyTests {
  func spec(_ path: String, body: HTTPRequestBody = .none) -> HTTPRequestSpec {
    HTTPRequestSpec(url: "http://h/api_v3" + path + "?format=1", body: body)
  }

  @Test func readsAndUploadsThatLandAtAnOffsetAreSafeToRepeat() {
    let whole = HTTPRequestBody.multipart([.field(name: "resume", value: "0"), .field(name: "resumeAt", value: "-1")])
    #expect(RepeatSafety.isSafeToRepeat(spec("/service/uploadToken/action/upload", body: whole)))
    #expect(RepeatSafety.isSafeToRepeat(spec("/service/media/action/get")))
    #expect(RepeatSafety.isSafeToRepeat(spec("/service/baseEntry/action/list")))
    #expect(RepeatSafety.isSafeToRepeat(spec("/service/caption_captionasset/action/serveWebVTT")))
    let chunk = HTTPRequestBody.multipart([
      .field(name: "resume", value: "1"), .field(name: "resumeAt", value: "8388608"),
    ])
    #expect(RepeatSafety.isSafeToRepeat(spec("/service/uploadToken/action/upload", body: chunk)))
  }

  @Test func writesAndUnknownActionsAreNot() {
    for action in [
      "media/action/add", "media/action/addContent", "media/action/update", "media/action/delete",
      "session/action/start", "flavorAsset/action/reconvert", "multirequest",
    ] {
      #expect(!RepeatSafety.isSafeToRepeat(spec("/service/" + action)), "\(action)")
    }
    let append = HTTPRequestBody.multipart([.field(name: "resume", value: "1"), .field(name: "resumeAt", value: "-1")])
    #expect(!RepeatSafety.isSafeToRepeat(spec("/service/uploadToken/action/upload", body: append)))
    #expect(!RepeatSafety.isSafeToRepeat(HTTPRequestSpec(url: "http://h/api_v3/?service=media&action=add")))
    #expect(RepeatSafety.isSafeToRepeat(HTTPRequestSpec(url: "http://h/api_v3/?service=media&action=list")))
  }

  /// The server makes the entry, the reply is lost: media.add is not sent again.
  @Test func aLostReplyToMediaAddMakesExactlyOneEntry() async throws {
    let sandbox = try await SandboxHarness.start(retry: RetryPolicy(maxAttempts: 4, baseDelay: 0, maxDelay: 0))
    let proxy = try ReplyDroppingProxy(upstreamPort: sandbox.server.port)
    defer { proxy.stop() }
    do {
      let add = HTTPRequestSpec(
        url: "http://127.0.0.1:\(proxy.port)/api_v3/service/media/action/add",
        body: .json([
          "format": 1, "ks": .string(sandbox.ks), "entry": ["objectType": "KalturaMediaEntry", "mediaType": 1],
        ]))
      await #expect(throws: TransportError.self) { _ = try await sandbox.transport.send(add) }
      #expect(proxy.requestsForwarded == 1)
      let list = try await sandbox.transport.send(
        HTTPRequestSpec(
          url: sandbox.server.baseURL + "/service/media/action/list",
          body: .json([
            "format": 1, "ks": .string(sandbox.ks),
            "filter": ["objectType": "KalturaMediaEntryFilter", "statusEqual": 7],
          ])))
      #expect(try JSONValue(parsing: list.body)["totalCount"] == 1, "\(list.bodyText)")

      let get = HTTPRequestSpec(
        url: "http://127.0.0.1:\(proxy.port)/api_v3/service/media/action/list",
        body: .json(["format": 1, "ks": .string(sandbox.ks)]))
      let error = await #expect(throws: TransportError.self) { _ = try await sandbox.transport.send(get) }
      #expect(proxy.requestsForwarded == 5, "a list is safe to repeat: four attempts")
      #expect(error?.message.contains("retried 3×") == true)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  @Test func aRefusedConnectionIsRetriedEvenForAnAdd() async throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
        bind(listener, p, length)
        return getsockname(listener, p, &length)
      }
    }
    close(listener)  // the port is now free: connections to it are refused
    let port = Int(UInt16(bigEndian: address.sin_port))
    let transport = KalturaHTTPTransport(
      configuration: .init(defaultTimeout: 5, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0, maxDelay: 0)))
    let error = await #expect(throws: TransportError.self) {
      _ = try await transport.send(HTTPRequestSpec(url: "http://127.0.0.1:\(port)/api_v3/service/media/action/add"))
    }
    #expect(error?.nothingSent == true)
    #expect(error?.message.contains("retried 2×") == true)
    try await transport.shutdown()
  }
}
