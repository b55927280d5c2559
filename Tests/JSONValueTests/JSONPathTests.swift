import Testing

@testable import JSONValue

@Suite struct JSONPathTests {
  let reply: JSONValue = [
    "objects": [["id": "0_first", "tags": ["a", "b"]], ["id": "0_second"]],
    "totalCount": 2,
  ]

  @Test func followsDotPathsWithArrayIndexes() {
    #expect(reply.value(atPath: "objects.0.id") == "0_first")
    #expect(reply.value(atPath: "objects.1.id") == "0_second")
    #expect(reply.value(atPath: "objects.0.tags.1") == "b")
    #expect(reply.value(atPath: "totalCount") == 2)
  }

  @Test func emptyPathIsTheWholeValue() {
    #expect(reply.value(atPath: "") == reply)
  }

  @Test func missingSegmentsGiveNil() {
    #expect(reply.value(atPath: "objects.2.id") == nil)
    #expect(reply.value(atPath: "objects.x") == nil)
    #expect(reply.value(atPath: "totalCount.value") == nil)
    #expect(reply.value(atPath: "nothing") == nil)
  }

  @Test func setCreatesIntermediateObjectsAndKeepsOrder() {
    var body: JSONValue = ["entry": ["name": "a"]]
    body.setValue("VIDEO", atPath: "entry.mediaType")
    body.setValue("x", atPath: "resource.token")
    #expect(body.compactText == #"{"entry":{"name":"a","mediaType":"VIDEO"},"resource":{"token":"x"}}"#)
    body.setValue(nil, atPath: "entry.name")
    #expect(body.compactText == #"{"entry":{"mediaType":"VIDEO"},"resource":{"token":"x"}}"#)
  }

  @Test func setGrowsArrays() {
    var value: JSONValue = ["list": []]
    value.setValue(1, atPath: "list.2")
    #expect(value["list"] == [nil, nil, 1])
  }

  @Test func objectSubscriptReplacesInPlace() {
    var object = JSONObject([("a", 1), ("b", 2)])
    object["a"] = 3
    #expect(object.keys == ["a", "b"])
    #expect(object["a"] == 3)
    object["a"] = nil
    #expect(object.keys == ["b"])
  }
}
