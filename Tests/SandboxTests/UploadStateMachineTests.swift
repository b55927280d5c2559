import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// `uploadToken.upload` against the state machine of protocol notes §5.3, reply by reply.
@Suite struct UploadStateMachineTests {
  /// The parallel example of notes §5.6, with the exact `uploadedFileSize` of every reply.
  @Test func parallelExampleFromTheNotesGivesKalturasSizes() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let token = try await h.callJSON(
        "/service/uploadtoken/action/add",
        [
          "ks": .string(ks), "format": 1,
          "uploadToken": ["objectType": "KalturaUploadToken", "fileName": "a.mp4", "fileSize": 3000],
        ])
      let tokenId = try #require(try JSONValue(parsing: token.body)["id"]?.stringValue)
      let content = bytes(3000, seed: 9)
      func send(_ from: Int, _ to: Int, resume: Bool, final: Bool, at: Int) async throws -> JSONValue {
        try await h.upload(
          token: tokenId, data: Array(content[from..<to]), resume: resume, finalChunk: final, resumeAt: at, ks: ks)
      }
      let first = try await send(0, 1000, resume: false, final: false, at: 0)
      #expect(first["status"]?.intValue == 1)
      #expect(first["uploadedFileSize"]?.intValue == 1000)
      let held = try await send(2000, 3000, resume: true, final: false, at: 2000)
      #expect(held["uploadedFileSize"]?.intValue == 1000)
      let gap = try await send(1000, 2000, resume: true, final: false, at: 1000)
      #expect(gap["uploadedFileSize"]?.intValue == 2000)
      let final = try await send(0, 0, resume: true, final: true, at: 3000)
      #expect(final["status"]?.intValue == 2)
      #expect(final["uploadedFileSize"]?.intValue == 3000)
      let stored = try #require(
        FileManager.default.contents(atPath: h.dataDirectory + "/uploads/tokens/\(tokenId).data"))
      #expect(Array(stored) == content)
    }
  }

  /// kaltura-uploader's way: strictly sequential, `resumeAt` always the offset, the last chunk final.
  @Test func sequentialChunksWithOffsetsAsKalturaUploaderSendsThem() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let content = bytes(2500, seed: 4)
      for offset in stride(from: 0, to: content.count, by: 1000) {
        let end = min(content.count, offset + 1000)
        let reply = try await h.upload(
          token: tokenId, data: Array(content[offset..<end]), resume: offset > 0, finalChunk: end == content.count,
          resumeAt: offset, ks: ks)
        #expect(reply["uploadedFileSize"]?.intValue == end)
        #expect(reply["status"]?.intValue == (end == content.count ? 2 : 1))
      }
    }
  }

  @Test func emptyMiddleChunksAreIgnoredAndWhollyCoveredDuplicatesChangeNothing() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let content = bytes(300, seed: 2)
      _ = try await h.upload(
        token: tokenId, data: Array(content[0..<200]), resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      let empty = try await h.upload(token: tokenId, data: [], resume: true, finalChunk: false, resumeAt: 50, ks: ks)
      #expect(empty["uploadedFileSize"]?.intValue == 200)
      #expect(empty["status"]?.intValue == 1)
      // Same offset, different bytes, wholly inside what is stored: the stored bytes stay.
      let covered = try await h.upload(
        token: tokenId, data: [UInt8](repeating: 0, count: 100), resume: true, finalChunk: false, resumeAt: 50, ks: ks)
      #expect(covered["uploadedFileSize"]?.intValue == 200)
      // Overlapping the end: only the new bytes extend the file.
      let overlapping = try await h.upload(
        token: tokenId, data: Array(content[150..<300]), resume: true, finalChunk: true, resumeAt: 150, ks: ks)
      #expect(overlapping["status"]?.intValue == 2)
      #expect(overlapping["uploadedFileSize"]?.intValue == 300)
      let stored = try #require(
        FileManager.default.contents(atPath: h.dataDirectory + "/uploads/tokens/\(tokenId).data"))
      #expect(Array(stored) == content)
    }
  }

  @Test func aDeletedTokenIsInvisibleToEveryAction() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(
        try await h.call("uploadToken", "add", [("uploadToken:fileName", "gone.mp4")], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      #expect(try await h.call("uploadToken", "delete", [("uploadTokenId", tokenId)], ks: ks) == .null)
      #expect(
        errorCode(try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks))
          == "UPLOAD_TOKEN_NOT_FOUND")
      #expect(
        errorCode(try await h.call("uploadToken", "delete", [("uploadTokenId", tokenId)], ks: ks))
          == "UPLOAD_TOKEN_NOT_FOUND")
      let upload = try await h.upload(token: tokenId, data: [3], resume: true, finalChunk: true, resumeAt: 2, ks: ks)
      #expect(errorCode(upload) == "UPLOAD_TOKEN_NOT_FOUND")
      let listed = try await h.call("uploadToken", "list", [("filter:statusEqual", "5")], ks: ks)
      #expect(listed["totalCount"]?.intValue == 0)
      #expect(!FileManager.default.fileExists(atPath: h.dataDirectory + "/uploads/tokens/\(tokenId).data"))
    }
  }

  @Test func tokenListFiltersByStatusIdsSizeUserAndOrder() async throws {
    try await Harness.with { h in
      let admin = try await h.adminKS()
      let alice = try await h.userKS("alice")
      var ids: [String] = []
      for (name, ks) in [("one.mp4", admin), ("two.mp4", admin), ("three.mp4", alice)] {
        let token = try await h.call(
          "uploadToken", "add", [("uploadToken:fileName", name), ("uploadToken:fileSize", String(name.count))], ks: ks)
        ids.append(try #require(token["id"]?.stringValue))
      }
      _ = try await h.upload(token: ids[1], data: [1], resume: false, finalChunk: true, resumeAt: -1, ks: admin)
      let full = try await h.call("uploadToken", "list", [("filter:statusEqual", "2")], ks: admin)
      #expect(full["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[1]])
      let pendingOrFull = try await h.call("uploadToken", "list", [("filter:statusIn", "0,2")], ks: admin)
      #expect(pendingOrFull["totalCount"]?.intValue == 3)
      let byIds = try await h.call("uploadToken", "list", [("filter:idIn", "\(ids[0]),\(ids[2])")], ks: admin)
      #expect(Set(byIds["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []) == [ids[0], ids[2]])
      let bySize = try await h.call("uploadToken", "list", [("filter:fileSizeEqual", "9")], ks: admin)
      #expect(bySize["objects"]?[0]?["fileName"]?.stringValue == "three.mp4")
      let byUser = try await h.call("uploadToken", "list", [("filter:userIdEqual", "alice")], ks: admin)
      #expect(byUser["totalCount"]?.intValue == 1)
      let oldestFirst = try await h.call("uploadToken", "list", [("filter:orderBy", "+createdAt")], ks: admin)
      let newestFirst = try await h.call("uploadToken", "list", [("filter:orderBy", "-createdAt")], ks: admin)
      let oldest = oldestFirst["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
      let newest = newestFirst["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
      #expect(oldest.count == 3 && oldest == newest.reversed())
      // A USER session lists only its own tokens.
      let own = try await h.call("uploadToken", "list", [], ks: alice)
      #expect(own["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[2]])
    }
  }
}
