import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

@Suite struct UploadFlowTests {
  @Test func singleShotUploadThenEntryBecomesReadyAndServesTheFile() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let token = try await h.call(
        "uploadToken", "add", [("uploadToken[objectType]", "KalturaUploadToken"), ("uploadToken[fileName]", "a.mp4")],
        ks: ks)
      #expect(token["status"]?.intValue == 0)
      let tokenId = try #require(token["id"]?.stringValue)
      #expect(tokenId.hasPrefix("0_") && tokenId.count == 34)

      let content = bytes(100_000)
      let uploaded = try await h.upload(
        token: tokenId, data: content, resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      #expect(uploaded["status"]?.intValue == 2)
      #expect(uploaded["uploadedFileSize"]?.intValue == content.count)

      let again = try await h.upload(
        token: tokenId, data: content, resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      #expect(errorCode(again) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD")

      let entry = try await h.call(
        "media", "add", [("entry:objectType", "KalturaMediaEntry"), ("entry:name", "demo"), ("entry:mediaType", "1")],
        ks: ks)
      let entryId = try #require(entry["id"]?.stringValue)
      #expect(entryId.range(of: "^0_[0-9a-z]{8}$", options: .regularExpression) != nil)
      #expect(entry["status"]?.intValue == 7)

      let before = try await h.call("media", "list", [], ks: ks)
      #expect(before["totalCount"]?.intValue == 0, "a NO_CONTENT entry is not listed by default")
      let noContent = try await h.call("media", "list", [("filter[statusIn]", "7")], ks: ks)
      #expect(noContent["objects"]?[0]?["id"]?.stringValue == entryId)

      let attached = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource[objectType]", "KalturaUploadedFileTokenResource"),
          ("resource[token]", tokenId),
        ],
        ks: ks)
      #expect([4, 1, 2].contains(attached["status"]?.intValue ?? -9))
      let closed = try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)
      #expect(closed["status"]?.intValue == 3)
      let twice = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource[objectType]", "KalturaUploadedFileTokenResource"),
          ("resource[token]", tokenId),
        ],
        ks: ks)
      #expect(errorCode(twice) == "ENTRY_ALREADY_WITH_CONTENT")

      let ready = try await h.waitUntilReady(entryId, ks: ks)
      let listed = try await h.call("media", "list", [], ks: ks)
      #expect(listed["objects"]?[0]?["id"]?.stringValue == entryId)
      let downloadUrl = try #require(ready["downloadUrl"]?.stringValue)
      let dataUrl = try #require(ready["dataUrl"]?.stringValue)
      let downloaded = try await h.get(downloadUrl)
      #expect(downloaded.status == 200 && downloaded.body == content)
      #expect(try await h.get(dataUrl).body == content)
    }
  }

  @Test func parallelChunksOutOfOrderWithDuplicateAndEarlyFinal() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let chunk = 10_000
      let content = bytes(chunk * 4 + 123)
      func piece(_ i: Int) -> [UInt8] { Array(content[(i * chunk)..<min(content.count, (i + 1) * chunk)]) }

      let first = try await h.upload(
        token: tokenId, data: piece(0), resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      #expect(first["status"]?.intValue == 1)
      #expect(first["uploadedFileSize"]?.intValue == chunk)
      // Chunk 2 before chunk 1: kept aside, not counted.
      let ahead = try await h.upload(
        token: tokenId, data: piece(2), resume: true, finalChunk: false, resumeAt: 2 * chunk, ks: ks)
      #expect(ahead["uploadedFileSize"]?.intValue == chunk)
      // The final chunk while chunk 1 and 3 are missing.
      let early = try await h.upload(
        token: tokenId, data: piece(4), resume: true, finalChunk: true, resumeAt: 4 * chunk, ks: ks)
      #expect(errorCode(early) == "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE")
      // Chunk 1 closes the gap; like Kaltura, the waiting chunk 2 is counted on the next call.
      let filled = try await h.upload(
        token: tokenId, data: piece(1), resume: true, finalChunk: false, resumeAt: chunk, ks: ks)
      #expect(filled["uploadedFileSize"]?.intValue == 2 * chunk)
      // A duplicate of chunk 1 adds nothing of its own; chunk 2 joins before it is placed.
      let duplicate = try await h.upload(
        token: tokenId, data: piece(1), resume: true, finalChunk: false, resumeAt: chunk, ks: ks)
      #expect(duplicate["uploadedFileSize"]?.intValue == 3 * chunk)
      _ = try await h.upload(
        token: tokenId, data: piece(3), resume: true, finalChunk: false, resumeAt: 3 * chunk, ks: ks)
      // Retried final: an empty chunk at the end, as the parallel protocol does.
      let done = try await h.upload(
        token: tokenId, data: [], resume: true, finalChunk: true, resumeAt: content.count, ks: ks)
      #expect(done["status"]?.intValue == 2)
      #expect(done["uploadedFileSize"]?.intValue == content.count)
      let stored = try #require(
        FileManager.default.contents(atPath: h.dataDirectory + "/uploads/tokens/\(tokenId).data"))
      #expect(Array(stored) == content)
    }
  }

  @Test func concurrentChunksAssembleTheWholeFile() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let chunk = 64 << 10
      let content = bytes(chunk * 12, seed: 3)
      _ = try await h.upload(
        token: tokenId, data: Array(content[0..<chunk]), resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 1..<12 {
          group.addTask {
            let data = Array(content[(i * chunk)..<((i + 1) * chunk)])
            let reply = try await h.upload(
              token: tokenId, data: data, resume: true, finalChunk: false, resumeAt: i * chunk, ks: ks)
            #expect(errorCode(reply) == nil)
          }
        }
        try await group.waitForAll()
      }
      let done = try await h.upload(
        token: tokenId, data: [], resume: true, finalChunk: true, resumeAt: content.count, ks: ks)
      #expect(done["status"]?.intValue == 2)
      #expect(done["uploadedFileSize"]?.intValue == content.count)
    }
  }

  @Test func addContentBeforeTheUploadEndsWaitsInImport() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: [1, 2, 3], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      let entryId = try #require(
        try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
      let waiting = try await h.call(
        "media", "addContent",
        [
          ("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"),
          ("resource:token", tokenId),
        ],
        ks: ks)
      #expect(waiting["status"]?.intValue == 0)
      let done = try await h.upload(token: tokenId, data: [4], resume: true, finalChunk: true, resumeAt: 3, ks: ks)
      #expect(done["status"]?.intValue == 2)
      let ready = try await h.waitUntilReady(entryId, ks: ks)
      #expect(try await h.get(try #require(ready["downloadUrl"]?.stringValue)).body == [1, 2, 3, 4])
      #expect(try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)["status"]?.intValue == 3)
    }
  }

  /// `addContent` racing the final chunk: whichever lands first, the entry gets the file (an
  /// entry that decided "wait in IMPORT" after the upload looked for waiting entries would never
  /// get it). Twenty rounds make the interleavings likely.
  @Test func addContentRacingTheFinalChunkNeverStrandsTheEntry() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      for round in 0..<20 {
        let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
        _ = try await h.upload(token: tokenId, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
        let entryId = try #require(
          try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue)
        async let attach = h.call(
          "media", "addContent",
          [
            ("entryId", entryId), ("resource:objectType", "KalturaUploadedFileTokenResource"),
            ("resource:token", tokenId),
          ],
          ks: ks)
        async let last = h.upload(token: tokenId, data: [3], resume: true, finalChunk: true, resumeAt: 2, ks: ks)
        let (attached, uploaded) = try await (attach, last)
        #expect(errorCode(attached) == nil, "round \(round): \(attached.compactText)")
        #expect(uploaded["status"]?.intValue == 2, "round \(round): \(uploaded.compactText)")
        let entry = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
        #expect(entry["status"]?.intValue == 2, "round \(round): the entry is READY, not left in IMPORT")
      }
    }
  }

  /// One object per token, as Kaltura's `attachedObjectId`: a second entry cannot wait on a token
  /// another entry already waits on, and the final chunk's reply stays the upload's own.
  @Test func aSecondEntryCannotWaitOnTheSameToken() async throws {
    try await Harness.with(conversionDelay: 0) { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(token: tokenId, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      var entries: [String] = []
      for _ in 0..<2 {
        entries.append(
          try #require(try await h.call("media", "add", [("entry:mediaType", "1")], ks: ks)["id"]?.stringValue))
      }
      let resource = [("resource:objectType", "KalturaUploadedFileTokenResource"), ("resource:token", tokenId)]
      let first = try await h.call("media", "addContent", [("entryId", entries[0])] + resource, ks: ks)
      #expect(first["status"]?.intValue == 0)
      let second = try await h.call("media", "addContent", [("entryId", entries[1])] + resource, ks: ks)
      #expect(errorCode(second) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
      let done = try await h.upload(token: tokenId, data: [3], resume: true, finalChunk: true, resumeAt: 2, ks: ks)
      #expect(errorCode(done) == nil)
      #expect(done["status"]?.intValue == 2)
      #expect(try await h.call("media", "get", [("entryId", entries[0])], ks: ks)["status"]?.intValue == 2)
      #expect(try await h.call("media", "get", [("entryId", entries[1])], ks: ks)["status"]?.intValue == 7)
    }
  }

  @Test func autoFinalizeCompletesAtTheDeclaredSize() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let missingSize = try await h.call("uploadToken", "add", [("uploadToken:autoFinalize", "1")], ks: ks)
      #expect(errorCode(missingSize) == "UPLOAD_TOKEN_MISSING_FILE_SIZE")
      let token = try await h.call(
        "uploadToken", "add", [("uploadToken:autoFinalize", "1"), ("uploadToken:fileSize", "4")], ks: ks)
      let tokenId = try #require(token["id"]?.stringValue)
      let first = try await h.upload(
        token: tokenId, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      #expect(first["status"]?.intValue == 1)
      let last = try await h.upload(token: tokenId, data: [3, 4], resume: true, finalChunk: false, resumeAt: 2, ks: ks)
      #expect(last["status"]?.intValue == 2)
    }
  }

  @Test func addFromUploadedFileAsKalturaUploaderSendsIt() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(
        try await h.call("uploadToken", "add", [("uploadToken:fileName", "u.mp4")], ks: ks)["id"]?.stringValue)
      let early = try await h.call(
        "media", "addFromUploadedFile", [("uploadTokenId", tokenId), ("mediaEntry:mediaType", "1")], ks: ks)
      #expect(errorCode(early) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
      _ = try await h.upload(token: tokenId, data: [7, 7, 7], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      // Form B, a trailing slash and colon keys, as kaltura-uploader posts it.
      let form = FormEncoding.encode([
        ("service", "media"), ("action", "addFromUploadedFile"), ("mediaEntry:objectType", "KalturaMediaEntry"),
        ("mediaEntry:name", "from uploader"), ("mediaEntry:mediaType", "1"), ("uploadTokenId", tokenId),
        ("ks", ks), ("format", "1"),
      ])
      let reply = try await h.post(
        h.origin + "//api_v3/", body: Array(form.utf8), contentType: "application/x-www-form-urlencoded")
      let entry = try JSONValue(parsing: reply.body)
      #expect(entry["name"]?.stringValue == "from uploader")
      let entryId = try #require(entry["id"]?.stringValue)
      let ready = try await h.waitUntilReady(entryId, ks: ks)
      #expect(try await h.get(try #require(ready["downloadUrl"]?.stringValue)).body == [7, 7, 7])
      let partner = try await h.call("partner", "get", [("id", String(h.server.partnerID))], ks: ks)
      #expect(partner["objectType"]?.stringValue == "KalturaPartner")
    }
  }

  @Test func resumeRulesAndAppend() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let early = try await h.upload(
        token: tokenId, data: [1, 2], resume: true, finalChunk: false, resumeAt: 0, ks: ks)
      #expect(errorCode(early) == "UPLOAD_TOKEN_CANNOT_RESUME")
      _ = try await h.upload(token: tokenId, data: [1, 2, 3], resume: false, finalChunk: false, resumeAt: -1, ks: ks)
      let appended = try await h.upload(
        token: tokenId, data: [4, 5], resume: true, finalChunk: false, resumeAt: -1, ks: ks)
      #expect(appended["uploadedFileSize"]?.intValue == 5)
      // Restarting with resume=false replaces what was there.
      let restarted = try await h.upload(
        token: tokenId, data: [9], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      #expect(restarted["uploadedFileSize"]?.intValue == 1)
      #expect(restarted["status"]?.intValue == 2)
      #expect(restarted["fileName"]?.stringValue == "clip.mp4")

      let missingFile = try await h.call("uploadToken", "upload", [("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(missingFile) == "MISSING_MANDATORY_PARAMETER")
      let unknown = try await h.upload(
        token: "0_nope", data: [1], resume: false, finalChunk: true, resumeAt: -1, ks: ks)
      #expect(errorCode(unknown) == "UPLOAD_TOKEN_NOT_FOUND")

      _ = try await h.call("uploadToken", "delete", [("uploadTokenId", tokenId)], ks: ks)
      let gone = try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(gone) == "UPLOAD_TOKEN_NOT_FOUND")
    }
  }

  @Test func tokenListFiltersAndPager() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      for name in ["a.mp4", "b.mp4", "c.mp4"] {
        _ = try await h.call(
          "uploadToken", "add", [("uploadToken:fileName", name), ("uploadToken:fileSize", "10")], ks: ks)
      }
      let all = try await h.call("uploadToken", "list", [], ks: ks)
      #expect(all["totalCount"]?.intValue == 3)
      #expect(all["objectType"]?.stringValue == "KalturaUploadTokenListResponse")
      let byName = try await h.call("uploadToken", "list", [("filter:fileNameEqual", "b.mp4")], ks: ks)
      #expect(byName["objects"]?.arrayValue?.count == 1)
      let paged = try await h.call("uploadToken", "list", [("pager:pageSize", "2"), ("pager:pageIndex", "2")], ks: ks)
      #expect(paged["objects"]?.arrayValue?.count == 1)
      #expect(paged["totalCount"]?.intValue == 3)
      let readOnly = try await h.call("uploadToken", "add", [("uploadToken:status", "2")], ks: ks)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
    }
  }
}
