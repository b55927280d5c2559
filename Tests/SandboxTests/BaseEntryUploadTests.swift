import ChildProcess
import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// `baseEntry.addFromUploadedFile`: entries of any type from a complete upload token.
@Suite struct BaseEntryUploadTests {
  /// A FULL_UPLOAD token holding `data` under `fileName`.
  static func completeToken(_ h: Harness, ks: String, fileName: String, data: [UInt8]) async throws -> String {
    let token = try await h.call("uploadToken", "add", [("uploadToken:fileName", fileName)], ks: ks)
    let tokenId = try #require(token["id"]?.stringValue)
    let done = try await h.upload(
      token: tokenId, data: data, resume: false, finalChunk: true, resumeAt: -1, ks: ks, fileName: fileName)
    try #require(done["status"]?.intValue == 2, "upload did not complete: \(done.compactText)")
    return tokenId
  }

  static func addFromUploadedFile(_ h: Harness, _ params: [(String, String)], ks: String) async throws -> JSONValue {
    try await h.call("baseEntry", "addFromUploadedFile", params, ks: ks)
  }

  static func tokenStatus(_ h: Harness, _ tokenId: String, ks: String) async throws -> Int? {
    try await h.call("uploadToken", "get", [("uploadTokenId", tokenId)], ks: ks)["status"]?.intValue
  }

  /// Every status, so lists show entries whatever state they are in.
  static let anyStatus = ("filter:statusIn", "-2,-1,0,1,2,4,5,6,7")

  /// Simultaneous calls on one token: exactly one entry is made and gets the file; the others
  /// fail with Kaltura's status error. (The entry is created under the token's lock; this
  /// machine's scheduling did not reproduce the old window, so the test guards the outcome.)
  @Test(arguments: ["baseEntry", "media"])
  func simultaneousCallsOnOneTokenMakeOneEntry(service: String) async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "race.bin", data: bytes(20_000, seed: 5))
      let objectKey = service == "media" ? "mediaEntry" : "entry"
      let params = [
        ("\(objectKey):objectType", "KalturaMediaEntry"), ("\(objectKey):name", "race"), ("uploadTokenId", tokenId),
      ]
      let replies = try await withThrowingTaskGroup(of: JSONValue.self) { group in
        for _ in 0..<6 { group.addTask { try await h.call(service, "addFromUploadedFile", params, ks: ks) } }
        return try await group.reduce(into: [JSONValue]()) { $0.append($1) }
      }
      #expect(replies.filter { $0["objectType"]?.stringValue == "KalturaMediaEntry" }.count == 1)
      #expect(replies.compactMap(errorCode).allSatisfy { $0 == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY" })
      let listed = try await h.call("baseEntry", "list", [Self.anyStatus], ks: ks)
      #expect(listed["totalCount"]?.intValue == 1, "\(listed.compactText)")
    }
  }

  @Test func dataEntryFromTheFormKalturaUploaderSends() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let content = bytes(70_000, seed: 3)
      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "bench.bin", data: content)
      // Exactly `_create_data_entry` of kaltura-uploader 0.1.3: form B on /api_v3/, colon keys.
      let form = FormEncoding.encode([
        ("service", "baseEntry"), ("action", "addFromUploadedFile"), ("entry:objectType", "KalturaDataEntry"),
        ("type", "6"), ("entry:name", "bench.bin"), ("entry:conversionProfileId", "-1"), ("uploadTokenId", tokenId),
        ("ks", ks), ("format", "1"),
      ])
      let reply = try await h.post(
        h.origin + "/api_v3/", body: Array(form.utf8), contentType: "application/x-www-form-urlencoded")
      #expect(reply.status == 200)
      let entry = try JSONValue(parsing: reply.body)
      #expect(entry["objectType"]?.stringValue == "KalturaDataEntry", "\(entry.compactText)")
      #expect(entry["type"]?.intValue == 6)
      #expect(entry["name"]?.stringValue == "bench.bin")
      #expect(entry["status"]?.intValue == 2, "data entries need no conversion")
      for mediaOnly in ["mediaType", "dataUrl", "duration", "plays", "flavorParamsIds", "msDuration"] {
        #expect(entry[mediaOnly] == nil, "\(mediaOnly) is a media entry field")
      }
      let entryId = try #require(entry["id"]?.stringValue)
      let download = try #require(entry["downloadUrl"]?.stringValue)
      #expect(download.contains("/raw/entry_id/\(entryId)/"))
      #expect(try await h.get(download).body == content)
      #expect(try await Self.tokenStatus(h, tokenId, ks: ks) == 3, "the token is closed")

      let again = try await Self.addFromUploadedFile(
        h, [("entry:objectType", "KalturaDataEntry"), ("type", "6"), ("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(again) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")

      // The base entry service answers it as a data entry ...
      let got = try await h.call("baseEntry", "get", [("entryId", entryId)], ks: ks)
      #expect(got["objectType"]?.stringValue == "KalturaDataEntry")
      #expect(got["downloadUrl"]?.stringValue == download)
      let listed = try await h.call("baseEntry", "list", [], ks: ks)
      let item = listed["objects"]?.arrayValue?.first { $0["id"]?.stringValue == entryId }
      #expect(item?["objectType"]?.stringValue == "KalturaDataEntry")
      let dataOnly = try await h.call("baseEntry", "list", [("filter:typeEqual", "6")], ks: ks)
      #expect(dataOnly["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [entryId])
      let mediaOnly = try await h.call("baseEntry", "list", [("filter:typeEqual", "1"), Self.anyStatus], ks: ks)
      #expect(mediaOnly["totalCount"]?.intValue == 0)

      // ... and the media service does not see it at all.
      let asMedia = try await h.call("media", "get", [("entryId", entryId)], ks: ks)
      #expect(errorCode(asMedia) == "ENTRY_ID_NOT_FOUND")
      #expect(asMedia["args"]?["ENTRY_ID"]?.stringValue == entryId)
      let mediaList = try await h.call("media", "list", [Self.anyStatus], ks: ks)
      #expect(mediaList["totalCount"]?.intValue == 0)
      let update = try await h.call("media", "update", [("entryId", entryId), ("mediaEntry:name", "x")], ks: ks)
      #expect(errorCode(update) == "ENTRY_ID_NOT_FOUND")
      let delete = try await h.call("media", "delete", [("entryId", entryId)], ks: ks)
      #expect(errorCode(delete) == "ENTRY_ID_NOT_FOUND")
      #expect(try await h.call("baseEntry", "get", [("entryId", entryId)], ks: ks)["status"]?.intValue == 2)
    }
  }

  @Test func mediaEntryThroughTheBaseEntryService() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let content = bytes(5_000, seed: 9)
      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "clip.mp4", data: content)
      let entry = try await Self.addFromUploadedFile(
        h,
        [
          ("entry:objectType", "KalturaMediaEntry"), ("entry:name", "via base"), ("entry:mediaType", "1"),
          ("entry:tags", "a,b"), ("uploadTokenId", tokenId),
        ], ks: ks)
      #expect(entry["objectType"]?.stringValue == "KalturaMediaEntry", "\(entry.compactText)")
      #expect(entry["type"]?.intValue == 1)
      #expect(entry["mediaType"]?.intValue == 1)
      #expect(entry["tags"]?.stringValue == "a,b")
      let entryId = try #require(entry["id"]?.stringValue)
      #expect(try await Self.tokenStatus(h, tokenId, ks: ks) == 3)
      // A media clip converts like any other and is then served by the media service too.
      let ready = try await h.waitUntilReady(entryId, ks: ks)
      #expect(ready["name"]?.stringValue == "via base")
      #expect(try await h.get(try #require(ready["downloadUrl"]?.stringValue)).body == content)
      let listed = try await h.call("media", "list", [("filter:idEqual", entryId)], ks: ks)
      #expect(listed["totalCount"]?.intValue == 1)
    }
  }

  @Test func theTypeParameterThenTheClassThenTheFileDecide() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      func add(_ fileName: String, _ params: [(String, String)]) async throws -> JSONValue {
        let tokenId = try await Self.completeToken(h, ks: ks, fileName: fileName, data: [1, 2, 3])
        return try await Self.addFromUploadedFile(h, params + [("uploadTokenId", tokenId)], ks: ks)
      }
      // AUTOMATIC with the generic class: Kaltura's extension rule (media file → clip, else document).
      let song = try await add("song.mp3", [("entry:objectType", "KalturaBaseEntry"), ("type", "-1")])
      #expect(song["objectType"]?.stringValue == "KalturaMediaEntry")
      #expect(song["mediaType"]?.intValue == 5)
      let notes = try await add("notes.txt", [("entry:name", "notes")])
      #expect(notes["objectType"]?.stringValue == "KalturaDocumentEntry")
      #expect(notes["type"]?.intValue == 10)
      #expect(notes["documentType"]?.intValue == 11)
      // The class decides when the type is AUTOMATIC.
      let data = try await add("clip.mp4", [("entry:objectType", "KalturaDataEntry")])
      #expect(data["objectType"]?.stringValue == "KalturaDataEntry")
      let pdf = try await add("slides.pdf", [("entry:objectType", "KalturaDocumentEntry")])
      #expect(pdf["documentType"]?.intValue == 13)
      // The type parameter wins over both.
      let forced = try await add("clip.mp4", [("entry:objectType", "KalturaBaseEntry"), ("type", "6")])
      #expect(forced["objectType"]?.stringValue == "KalturaDataEntry")
      #expect(forced["type"]?.intValue == 6)
      let badDocument = try await add(
        "a.pdf", [("entry:objectType", "KalturaDocumentEntry"), ("entry:documentType", "3")])
      #expect(errorCode(badDocument) == "INVALID_ENUM_VALUE")
    }
  }

  @Test func tokenStatusTypeAndFieldsAreChecked() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let data = [("entry:objectType", "KalturaDataEntry"), ("type", "6")]
      let pending = try #require(try await h.call("uploadToken", "add", [], ks: ks)["id"]?.stringValue)
      let early = try await Self.addFromUploadedFile(h, data + [("uploadTokenId", pending)], ks: ks)
      #expect(errorCode(early) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
      #expect(early["message"]?.stringValue?.hasPrefix("Upload token is in an invalid status for adding entry") == true)
      _ = try await h.upload(token: pending, data: [1, 2], resume: false, finalChunk: false, resumeAt: 0, ks: ks)
      let partial = try await Self.addFromUploadedFile(h, data + [("uploadTokenId", pending)], ks: ks)
      #expect(errorCode(partial) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
      let unknown = try await Self.addFromUploadedFile(h, data + [("uploadTokenId", "0_nope")], ks: ks)
      #expect(errorCode(unknown) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")

      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "x.bin", data: [9])
      let playlist = try await Self.addFromUploadedFile(
        h, [("entry:name", "p"), ("type", "5"), ("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(playlist) == "ENTRY_TYPE_NOT_SUPPORTED")
      #expect(playlist["message"]?.stringValue == "Entry type \"5\" not suppported")
      #expect(playlist["args"]?["ENTRY_TYPE"]?.stringValue == "5")
      let bogus = try await Self.addFromUploadedFile(
        h, [("entry:name", "p"), ("type", "42"), ("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(bogus) == "INVALID_ENUM_VALUE")
      let readOnly = try await Self.addFromUploadedFile(
        h, data + [("entry:status", "2"), ("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
      #expect(readOnly["args"]?["PROP_NAME"]?.stringValue == "KalturaDataEntry::status")
      let noEntry = try await Self.addFromUploadedFile(h, [("uploadTokenId", tokenId)], ks: ks)
      #expect(errorCode(noEntry) == "MISSING_MANDATORY_PARAMETER")
      let noToken = try await Self.addFromUploadedFile(h, data, ks: ks)
      #expect(errorCode(noToken) == "MISSING_MANDATORY_PARAMETER")
      #expect(noToken["args"]?["PARAM_NAME"]?.stringValue == "uploadTokenId")
      let noKS = try await Self.addFromUploadedFile(h, data + [("uploadTokenId", tokenId)], ks: "")
      #expect(errorCode(noKS) == "SERVICE_FORBIDDEN")

      // Nothing was created and the complete token is still usable.
      let all = try await h.call("baseEntry", "list", [Self.anyStatus], ks: ks)
      #expect(all["totalCount"]?.intValue == 0)
      #expect(try await Self.tokenStatus(h, tokenId, ks: ks) == 2)
      let made = try await Self.addFromUploadedFile(h, data + [("uploadTokenId", tokenId)], ks: ks)
      #expect(made["objectType"]?.stringValue == "KalturaDataEntry")
      // Without a name, Kaltura names the entry "<partnerId>_<unix time>".
      #expect(made["name"]?.stringValue?.hasPrefix("\(h.server.partnerID)_") == true)
    }
  }

  @Test func anotherPartnersTokenAndEntriesStayInvisible() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let otherSecret = try h.server.addPartner(id: 4343)
      let otherKS = KalturaKS.generateV2(adminSecret: otherSecret, partnerID: 4343, type: .admin)
      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "mine.bin", data: [4, 5, 6])
      let data = [("entry:objectType", "KalturaDataEntry"), ("type", "6"), ("uploadTokenId", tokenId)]

      let stolen = try await Self.addFromUploadedFile(h, data, ks: otherKS)
      #expect(errorCode(stolen) == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
      #expect(try await Self.tokenStatus(h, tokenId, ks: ks) == 2, "the owner's token is untouched")
      let othersEntries = try await h.call("baseEntry", "list", [Self.anyStatus], ks: otherKS)
      #expect(othersEntries["totalCount"]?.intValue == 0)

      let entry = try await Self.addFromUploadedFile(h, data, ks: ks)
      let entryId = try #require(entry["id"]?.stringValue)
      let peek = try await h.call("baseEntry", "get", [("entryId", entryId)], ks: otherKS)
      #expect(errorCode(peek) == "ENTRY_ID_NOT_FOUND")
      let list = try await h.call("baseEntry", "list", [], ks: otherKS)
      #expect(list["totalCount"]?.intValue == 0)
    }
  }

  @Test func entryTypesSurviveARestart() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var entryId = ""
    try await Harness.with(dataDirectory: directory, adminSecret: "restart-secret") { h in
      let ks = try await h.adminKS()
      let tokenId = try await Self.completeToken(h, ks: ks, fileName: "keep.bin", data: [1])
      let entry = try await Self.addFromUploadedFile(
        h, [("entry:objectType", "KalturaDataEntry"), ("type", "6"), ("uploadTokenId", tokenId)], ks: ks)
      entryId = try #require(entry["id"]?.stringValue)
    }
    try await Harness.with(dataDirectory: directory, adminSecret: "restart-secret") { h in
      let ks = try await h.adminKS()
      let entry = try await h.call("baseEntry", "get", [("entryId", entryId)], ks: ks)
      #expect(entry["objectType"]?.stringValue == "KalturaDataEntry")
      #expect(try await h.get(try #require(entry["downloadUrl"]?.stringValue)).body == [1])
    }
  }

  /// A database written before entry types existed: its entries open as media clips.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "no sqlite3 CLI"))
  func entriesFromBeforeTheTypeColumnAreMediaClips() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/sandbox.sqlite"
    _ = try SandboxStore(path: path, lastMigration: "v2-import")
    let insert = """
      INSERT INTO entry (id, partnerId, userId, name, description, tags, referenceId, mediaType, deleted,
        contentPath, contentFileName, contentSize, contentAddedAt, createdAt, updatedAt, version, importTokenId)
      VALUES ('0_legacy01', 100, 'admin', 'old', '', '', NULL, 1, 0, NULL, NULL, 0, NULL, 1700000000, 1700000000,
        0, NULL);
      """
    let inserted = try await ChildProcess.run("/usr/bin/sqlite3", [path, insert], timeout: .seconds(60))
    try #require(inserted.status == 0, "sqlite3: \(inserted.output)")
    try await Harness.with(dataDirectory: directory) { h in
      let ks = try await h.adminKS()
      let entry = try await h.call("media", "get", [("entryId", "0_legacy01")], ks: ks)
      #expect(entry["objectType"]?.stringValue == "KalturaMediaEntry", "\(entry.compactText)")
      #expect(entry["type"]?.intValue == 1)
      #expect(entry["name"]?.stringValue == "old")
    }
  }
}
