import AsyncHTTPClient
import Foundation
import JSONValue
import Testing

@testable import Sandbox

@Suite struct FaultInjectionTests {
  @Test func uploadsCanBeAnsweredWith500OrDropped() async throws {
    try await Harness.with(faultInjection: FaultInjection(serverErrorFraction: 1)) { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let boundary = "b"
      let body = Array(
        "--b\r\nContent-Disposition: form-data; name=\"fileData\"; filename=\"x\"\r\n\r\nabc\r\n--b--\r\n".utf8)
      let reply = try await h.post(
        "\(h.server.baseURL)/service/uploadtoken/action/upload?ks=\(ks)&uploadTokenId=\(tokenId)", body: body,
        contentType: "multipart/form-data; boundary=\(boundary)")
      #expect(reply.status == 500)
      // Other calls are never affected.
      #expect(errorCode(try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)) == nil)
    }
    try await Harness.with(faultInjection: FaultInjection(dropConnectionFraction: 1)) { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      await #expect(throws: (any Error).self) {
        _ = try await h.upload(token: tokenId, data: [1, 2, 3], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      }
    }
  }

  @Test func faultsFollowTheSeed() {
    let a = FaultDice(FaultInjection(serverErrorFraction: 0.3, dropConnectionFraction: 0.2, seed: 42))
    let b = FaultDice(FaultInjection(serverErrorFraction: 0.3, dropConnectionFraction: 0.2, seed: 42))
    let rollsA = (0..<200).map { _ in a.roll() }
    let rollsB = (0..<200).map { _ in b.roll() }
    #expect(rollsA == rollsB)
    let errors = rollsA.filter { $0 == .serverError }.count
    let drops = rollsA.filter { $0 == .dropConnection }.count
    #expect((30...90).contains(errors))
    #expect((15...70).contains(drops))
  }
}
