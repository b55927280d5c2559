import JSONValue
import Testing

@testable import Walkthrough

@Suite struct ReplayComparisonTests {
  let recorded: JSONValue = [
    "objectType": "KalturaMediaEntry", "id": "0_old", "name": "Demo", "mediaType": 1, "status": 2,
    "partnerId": 100, "createdAt": 1_700_000_000,
    "dataUrl": "http://127.0.0.1:1/p/100/sp/10000/playManifest/entryId/0_old/format/url/protocol/http",
    "tags": ["a", "b"],
  ]

  @Test func volatileFieldsAreIgnoredByDefault() {
    var new = recorded
    new.setValue("0_new", atPath: "id")
    new.setValue(200, atPath: "partnerId")
    new.setValue(1_800_000_000, atPath: "createdAt")
    new.setValue("http://127.0.0.1:2/p/200/entryId/0_new", atPath: "dataUrl")
    #expect(ReplyComparison.differences(recorded: recorded, new: new, ignoring: .standard()).isEmpty)
  }

  @Test func changedValuesAreListedByPath() {
    var new = recorded
    new.setValue(2, atPath: "mediaType")
    new.setValue("c", atPath: "tags.1")
    let differences = ReplyComparison.differences(recorded: recorded, new: new, ignoring: .standard())
    #expect(differences.map(\.description) == ["mediaType: 1 → 2", "tags.1: \"b\" → \"c\""])
  }

  @Test func missingAndExtraMembersAndElements() {
    var new = recorded
    new.setValue(nil, atPath: "name")
    new.setValue("x", atPath: "description")
    new.setValue(["a"], atPath: "tags")
    let differences = ReplyComparison.differences(recorded: recorded, new: new, ignoring: .standard())
    #expect(
      differences.map(\.description) == [
        "name: \"Demo\" → (absent)", "tags.1: \"b\" → (absent)", "description: (absent) → \"x\"",
      ])
  }

  @Test func numbersCompareByValueAndKeyOrderDoesNotMatter() throws {
    let a = try JSONValue(parsing: #"{"a": 1, "b": 2.0}"#)
    let b = try JSONValue(parsing: #"{"b": 2, "a": 1.0}"#)
    #expect(ReplyComparison.differences(recorded: a, new: b, ignoring: IgnoreRules(patterns: [])).isEmpty)
  }

  @Test func userPatternsWithWildcards() {
    let a: JSONValue = ["objects": [["name": "x", "views": 1], ["name": "y", "views": 2]]]
    let b: JSONValue = ["objects": [["name": "x2", "views": 1], ["name": "y2", "views": 3]]]
    let rules = IgnoreRules.standard(adding: ["objects.*.name"])
    #expect(ReplyComparison.differences(recorded: a, new: b, ignoring: rules).map(\.path) == ["objects.1.views"])
    #expect(IgnoreRules(patterns: ["objects"]).ignores(["objects", "0", "name"]))
    #expect(!IgnoreRules(patterns: ["**.*Id"]).ignores(["Id"]))
  }

  @Test func aWholeReplyOfAnotherTypeIsOneDifference() {
    let differences = ReplyComparison.differences(recorded: "text", new: ["a": 1], ignoring: .standard())
    #expect(differences.map(\.description) == ["(reply): \"text\" → {\"a\":1}"])
  }
}
