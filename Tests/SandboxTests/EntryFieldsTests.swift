import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// Writable entry fields the sandbox does not act on are kept as sent and answered back, as the
/// served OpenAPI document declares them writable; read-only ones are still refused.
@Suite struct EntryFieldsTests {
  @Test func writableFieldsAreKeptUpdatedClearedAndSurviveARestart() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var entryId = ""
    try await Harness.with(dataDirectory: directory, adminSecret: "entry-fields-secret-0123") { h in
      let ks = try await h.adminKS()
      let added = try await h.call(
        "media", "add",
        [
          ("entry:mediaType", "1"), ("entry:partnerData", "from the test"), ("entry:categories", "demo>clips"),
          ("entry:msDuration", "5000"),
        ], ks: ks)
      #expect(errorCode(added) == nil, "\(added.compactText)")
      entryId = try #require(added["id"]?.stringValue)
      #expect(added["partnerData"] == "from the test")
      #expect(added["categories"] == "demo>clips")
      #expect(added["msDuration"] == "5000")

      let updated = try await h.call(
        "media", "update",
        [("entryId", entryId), ("mediaEntry:partnerData", "changed"), ("mediaEntry:categories__null", "")], ks: ks)
      #expect(errorCode(updated) == nil, "\(updated.compactText)")
      #expect(updated["partnerData"] == "changed")
      #expect(updated["categories"] == "", "cleared back to the default")
      #expect(updated["msDuration"] == "5000", "a field not sent keeps its value")

      let readOnly = try await h.call("media", "add", [("entry:plays", "3")], ks: ks)
      #expect(errorCode(readOnly) == "PROPERTY_VALIDATION_NOT_UPDATABLE")
    }
    try await Harness.with(dataDirectory: directory, adminSecret: "entry-fields-secret-0123") { h in
      let entry = try await h.call("media", "get", [("entryId", entryId)], ks: try await h.adminKS())
      #expect(entry["partnerData"] == "changed")
      #expect(entry["name"] != nil)
    }
  }
}
