import ChildProcess
import Foundation
import JSONValue
import Testing

@testable import Sandbox

/// `media.list` and `baseEntry.list` finding entries by their custom metadata: an
/// `advancedSearch` of class `KalturaMetadataSearchItem`, as Kaltura's portal sends it.
@Suite struct MetadataSearchTests {
  static let xsd = """
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:element name="metadata"><xsd:complexType><xsd:sequence>
        <xsd:element name="Color" minOccurs="0" maxOccurs="unbounded">
          <xsd:simpleType><xsd:restriction base="listType">
            <xsd:enumeration value="Red"/><xsd:enumeration value="Green"/><xsd:enumeration value="Blue"/>
          </xsd:restriction></xsd:simpleType>
        </xsd:element>
        <xsd:element name="Rating" minOccurs="0" maxOccurs="1" type="dateType"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
    """

  static func color(_ name: String) -> String { "/*[local-name()='metadata']/*[local-name()='\(name)']" }

  /// A sandbox with a profile, a second profile, and three entries tagged:
  /// a Red 5, b Green 3, c Red+Blue 1; b is also Red in the second profile.
  struct Fixture {
    let h: Harness
    let ks: String
    let profile: String
    let otherProfile: String
    let a: String, b: String, c: String
    var metadataIds: [String: String]

    static func make(_ h: Harness) async throws -> Fixture {
      let ks = try await h.adminKS()
      func profile(_ name: String) async throws -> String {
        let reply = try await h.call(
          "metadata_metadataprofile", "add",
          [("metadataProfile[metadataObjectType]", "1"), ("metadataProfile[name]", name), ("xsdData", xsd)], ks: ks)
        return try #require(reply["id"]?.displayText)
      }
      let main = try await profile("main")
      let other = try await profile("other")
      var ids: [String] = []
      for name in ["a", "b", "c"] {
        ids.append(try #require(try await h.mediaEntry(ks: ks, [("name", name)])["id"]?.stringValue))
      }
      var fixture = Fixture(
        h: h, ks: ks, profile: main, otherProfile: other, a: ids[0], b: ids[1], c: ids[2], metadataIds: [:])
      fixture.metadataIds[ids[0]] = try await fixture.add(main, ids[0], "<Color>Red</Color><Rating>5</Rating>")
      fixture.metadataIds[ids[1]] = try await fixture.add(main, ids[1], "<Color>Green</Color><Rating>3</Rating>")
      fixture.metadataIds[ids[2]] = try await fixture.add(
        main, ids[2], "<Color>Red</Color><Color>Blue</Color><Rating>1</Rating>")
      _ = try await fixture.add(other, ids[1], "<Color>Red</Color>")
      return fixture
    }

    func add(_ profile: String, _ entry: String, _ fields: String, ks: String? = nil) async throws -> String {
      let reply = try await h.call(
        "metadata_metadata", "add",
        [
          ("metadataProfileId", profile), ("objectType", "1"), ("objectId", entry),
          ("xmlData", "<metadata>\(fields)</metadata>"),
        ], ks: ks ?? self.ks)
      return try #require(reply["id"]?.displayText, "\(reply)")
    }

    /// The names of the entries `media.list` finds with `advancedSearch` given as form keys.
    func found(_ search: [(String, String)], service: String = "media", ks: String? = nil) async throws
      -> Set<String>
    {
      let reply = try await h.call(service, "list", params(search), ks: ks ?? self.ks)
      let objects = try #require(reply["objects"]?.arrayValue, "\(reply)")
      return Set(objects.compactMap { $0["name"]?.stringValue })
    }

    func params(_ search: [(String, String)]) -> [(String, String)] {
      // Entries without content are NO_CONTENT (7), which a listing shows only when asked.
      [("filter[statusEqual]", "7")] + search.map { ("filter[advancedSearch]" + $0.0, $0.1) }
    }

    func item(profile: String? = nil, type: Int = 1) -> [(String, String)] {
      MetadataSearchTests.item(profile: profile, type: type)
    }
  }

  static func item(profile: String? = nil, type: Int = 1) -> [(String, String)] {
    [("[objectType]", "KalturaMetadataSearchItem"), ("[type]", String(type))]
      + (profile.map { [("[metadataProfileId]", $0)] } ?? [])
  }

  static func condition(_ index: Int, _ field: String, _ value: String, prefix: String = "") -> [(String, String)] {
    [
      ("\(prefix)[items][\(index)][objectType]", "KalturaSearchCondition"),
      ("\(prefix)[items][\(index)][field]", color(field)), ("\(prefix)[items][\(index)][value]", value),
    ]
  }

  static func comparable(_ index: Int, _ field: String, _ comparison: Int, _ value: String) -> [(String, String)] {
    [
      ("[items][\(index)][objectType]", "KalturaSearchComparableCondition"),
      ("[items][\(index)][field]", color(field)), ("[items][\(index)][value]", value),
      ("[items][\(index)][comparison]", String(comparison)),
    ]
  }

  @Test func conditionsCombineByTheOperatorsType() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let p = f.profile
      #expect(try await f.found(f.item(profile: p) + Self.condition(0, "Color", "Red")) == ["a", "c"])
      #expect(try await f.found(f.item(profile: p) + Self.condition(0, "Color", "red")) == ["a", "c"])
      #expect(
        try await f.found(f.item(profile: p) + Self.condition(0, "Color", "Red") + Self.condition(1, "Color", "Blue"))
          == ["c"])
      #expect(
        try await f.found(
          f.item(profile: p, type: 2) + Self.condition(0, "Color", "Green") + Self.condition(1, "Color", "Blue"))
          == ["b", "c"])
      #expect(try await f.found(f.item(profile: p) + Self.comparable(0, "Rating", 2, "2")) == ["a", "b"])
      #expect(try await f.found(f.item(profile: p) + Self.comparable(0, "Rating", 5, "3")) == ["b", "c"])
      #expect(try await f.found(f.item(profile: p) + Self.comparable(0, "Rating", 1, "5")) == ["a"])
      // A plain field name is the same field as Kaltura's XPath.
      #expect(
        try await f.found(
          f.item(profile: p) + [
            ("[items][0][objectType]", "KalturaSearchCondition"), ("[items][0][field]", "Color"),
            ("[items][0][value]", "Green"),
          ]) == ["b"])
      #expect(
        try await f.found(f.item(profile: p) + Self.condition(0, "Color", "Green"), service: "baseentry") == ["b"])
    }
  }

  @Test func aNestedOperatorIsItsOwnGroup() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      // Rating > 2 AND (Color Green OR Color Blue): b only (c is Blue but rated 1).
      let nested: [(String, String)] =
        [("[items][1][objectType]", "KalturaSearchOperator"), ("[items][1][type]", "2")]
        + Self.condition(0, "Color", "Green", prefix: "[items][1]")
        + Self.condition(1, "Color", "Blue", prefix: "[items][1]")
      #expect(try await f.found(f.item(profile: f.profile) + Self.comparable(0, "Rating", 2, "2") + nested) == ["b"])
    }
  }

  @Test func theProfileRestrictsWhichMetadataMatches() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      #expect(try await f.found(f.item(profile: f.profile) + Self.condition(0, "Color", "Red")) == ["a", "c"])
      #expect(try await f.found(f.item(profile: f.otherProfile) + Self.condition(0, "Color", "Red")) == ["b"])
      #expect(try await f.found(f.item() + Self.condition(0, "Color", "Red")) == ["a", "b", "c"])
    }
  }

  @Test func anUpdateOrADeleteChangesWhatMatches() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let red = f.item(profile: f.profile) + Self.condition(0, "Color", "Red")
      #expect(try await f.found(red) == ["a", "c"])
      let metadataA = try #require(f.metadataIds[f.a])
      _ = try await h.call(
        "metadata_metadata", "update", [("id", metadataA), ("xmlData", "<metadata><Color>Green</Color></metadata>")],
        ks: f.ks)
      #expect(try await f.found(red) == ["c"])
      #expect(try await f.found(f.item(profile: f.profile) + Self.condition(0, "Color", "Green")) == ["a", "b"])
      #expect(try await f.found(f.item(profile: f.profile) + Self.comparable(0, "Rating", 3, "0")) == ["b", "c"])
      _ = try await h.call("metadata_metadata", "delete", [("id", try #require(f.metadataIds[f.c]))], ks: f.ks)
      #expect(try await f.found(red).isEmpty)
    }
  }

  @Test func aSearchOfOnlyObjectTypeAndOrderRestrictsNothing() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      #expect(
        try await f.found([("[objectType]", "KalturaMetadataSearchItem"), ("[orderBy]", "-createdAt")])
          == ["a", "b", "c"])
    }
  }

  @Test(
    arguments: [
      (
        [("[items][0][field]", "/metadata/Color"), ("[items][0][value]", "Red")], "SANDBOX_FILTER_NOT_SUPPORTED",
        "/metadata/Color"
      ),
      ([("[items][0][field]", "Color")], "MISSING_MANDATORY_PARAMETER", "advancedSearch:items:0:value"),
      ([("[items][0][value]", "Red")], "MISSING_MANDATORY_PARAMETER", "advancedSearch:items:0:field"),
    ] as [([(String, String)], String, String)])
  func whatTheSandboxCannotEvaluateIsRefused(members: [(String, String)], code: String, named: String) async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let reply = try await h.call(
        "media", "list",
        f.params(f.item(profile: f.profile) + [("[items][0][objectType]", "KalturaSearchCondition")] + members),
        ks: f.ks)
      #expect(errorCode(reply) == code, "\(reply)")
      #expect(reply["message"]?.stringValue?.contains(named) == true, "\(reply)")
    }
  }

  @Test func anotherSearchClassIsRefused() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let reply = try await h.call(
        "media", "list",
        f.params([("[objectType]", "KalturaEntryCaptionAssetSearchItem"), ("[contentLike]", "x")]), ks: f.ks)
      #expect(errorCode(reply) == "SANDBOX_FILTER_NOT_SUPPORTED")
      #expect(reply["message"]?.stringValue?.contains("KalturaEntryCaptionAssetSearchItem") == true, "\(reply)")
    }
  }

  @Test func aJSONBodyCarriesItemsAsAnArray() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let body: JSONValue = [
        "format": 1, "ks": .string(f.ks),
        "filter": [
          "objectType": "KalturaMediaEntryFilter", "statusEqual": 7,
          "advancedSearch": [
            "objectType": "KalturaMetadataSearchItem", "metadataProfileId": .string(f.profile), "type": 2,
            "items": [
              ["objectType": "KalturaSearchCondition", "field": .string(Self.color("Color")), "value": "Green"],
              [
                "objectType": "KalturaSearchComparableCondition", "field": .string(Self.color("Rating")),
                "value": "4", "comparison": "3",
              ],
            ],
          ],
        ],
      ]
      let reply = try JSONValue(parsing: try await h.callJSON("/service/media/action/list", body).body)
      let names = Set((reply["objects"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
      #expect(names == ["a", "b"], "\(reply)")
    }
  }

  /// Kaltura's colon keys (`filter:advancedSearch:items:0:field`) nest as the brackets do.
  @Test func colonKeysCarryItemsByIndex() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let search = "filter:advancedSearch:"
      let reply = try await h.call(
        "media", "list",
        [
          ("filter:statusEqual", "7"), (search + "objectType", "KalturaMetadataSearchItem"),
          (search + "metadataProfileId", f.profile), (search + "type", "2"),
          (search + "items:1:objectType", "KalturaSearchCondition"), (search + "items:1:field", "Color"),
          (search + "items:1:value", "Blue"), (search + "items:0:objectType", "KalturaSearchComparableCondition"),
          (search + "items:0:field", Self.color("Rating")), (search + "items:0:value", "5"),
          (search + "items:0:comparison", "1"),
        ], ks: f.ks)
      let names = Set((reply["objects"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
      #expect(names == ["a", "c"], "\(reply)")
    }
  }

  @Test func aUserSessionFindsOnlyItsOwnEntries() async throws {
    try await Harness.with { h in
      let f = try await Fixture.make(h)
      let userKS = try await h.userKS("alice")
      let own = try #require(try await h.mediaEntry(ks: userKS, [("name", "mine")])["id"]?.stringValue)
      _ = try await f.add(f.profile, own, "<Color>Red</Color>", ks: userKS)
      let red = f.item(profile: f.profile) + Self.condition(0, "Color", "Red")
      #expect(try await f.found(red, ks: userKS) == ["mine"])
      #expect(try await f.found(red) == ["a", "c", "mine"])
    }
  }
}

/// Metadata kept before the value index existed is found once the sandbox migrates.
@Suite struct MetadataValuesMigrationTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "no sqlite3 CLI"))
  func metadataFromBeforeTheIndexIsFound() async throws {
    let directory = Harness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var profile = ""
    try await Harness.with(dataDirectory: directory) { h in
      let f = try await MetadataSearchTests.Fixture.make(h)
      profile = f.profile
    }
    // The database as a sandbox without the index left it.
    let dropped = try await ChildProcess.run(
      "/usr/bin/sqlite3",
      [
        directory + "/sandbox.sqlite",
        """
        DROP TRIGGER entryMetadataValuesDeleted; DROP TABLE metadataValue;
        DELETE FROM grdb_migrations WHERE identifier = 'v10-metadata-values';
        """,
      ], timeout: .seconds(60))
    try #require(dropped.status == 0, "sqlite3: \(dropped.output)")
    try await Harness.with(dataDirectory: directory) { h in
      let ks = try await h.adminKS()
      let reply = try await h.call(
        "media", "list",
        [("filter[statusEqual]", "7")]
          + (MetadataSearchTests.item(profile: profile) + MetadataSearchTests.condition(0, "Color", "Red")).map {
            ("filter[advancedSearch]" + $0.0, $0.1)
          }, ks: ks)
      let names = Set((reply["objects"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
      #expect(names == ["a", "c"], "\(reply)")
    }
  }
}
