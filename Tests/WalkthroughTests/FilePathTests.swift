import JSONValue
import Recipes
import Testing
import Walkthrough

@Suite struct FilePathTests {
  @Test func tildeIsTheHomeDirectory() {
    #expect(FilePath.normalized("~/clip.mp4", home: "/home/ana") == "/home/ana/clip.mp4")
    #expect(FilePath.normalized("~/clip.mp4", home: "/home/ana/") == "/home/ana/clip.mp4")
    #expect(FilePath.normalized("~", home: "/home/ana") == "/home/ana")
    #expect(FilePath.normalized("  /tmp/a b.mp4 ", home: "/home/ana") == "/tmp/a b.mp4")
    #expect(FilePath.normalized("~bob/x", home: "/home/ana") == "~bob/x")
    #expect(FilePath.normalized("dir/~/x", home: "/home/ana") == "dir/~/x")
    #expect(FilePath.normalized("~/x", home: nil) == "~/x")
  }

  @Test func aFileFieldStoresTheNormalisedPathAndSendsIt() throws {
    let text = """
      # Files
      ## Upload
      ### API Call
      ```json
      {"method": "post", "path": "/service/uploadtoken/action/upload", "parameters": [
        {"name": "fileData", "in": "formData", "type": "file"}]}
      ```
      """
    var engine = WalkthroughEngine(
      recipe: Recipe.parse(text: text, file: "f.md"), document: nil, credentials: testCredentials)
    engine.homeDirectory = "/home/ana"
    try engine.setInput("~/clip.mp4", step: 0, path: "fileData")
    #expect(engine.session[0].edits["fileData"] == "/home/ana/clip.mp4")
    engine.setValue("~/other.mp4", step: 0, path: "fileData")
    #expect(engine.values(0)["fileData"]?.value == "/home/ana/other.mp4")
  }
}

/// JSON given for an object node sets its fields (never sent as `{}`), or is refused.
@Suite struct ObjectInputTests {
  static let recipe = """
    # Entries
    ## Add
    ### API Call
    ```json
    {"method": "post", "path": "/service/media/action/add", "parameters": [{"name": "body", "in": "body",
      "schema": {"type": "object", "properties": {"entry": {"type": "object", "properties": {
        "name": {"type": "string"}, "mediaType": {"type": "integer"}}}, "extra": {}}}}]}
    ```
    """

  func engine() -> WalkthroughEngine {
    WalkthroughEngine(
      recipe: Recipe.parse(text: Self.recipe, file: "e.md"), document: nil, credentials: testCredentials)
  }

  @Test func jsonOnAnObjectSetsItsFields() throws {
    var engine = engine()
    try engine.setInput(#"{"name": "x", "mediaType": 1}"#, step: 0, path: "body.entry")
    #expect(engine.values(0)["body.entry.name"]?.value == "x")
    #expect(engine.values(0)["body.entry.mediaType"]?.value == 1)
    let body = try engine.prepareRequest(step: 0).spec.body
    guard case .json(let json) = body else { Issue.record("expected a JSON body, got \(body)"); return }
    #expect(json["entry"] == ["name": "x", "mediaType": 1])
  }

  @Test func anUnknownKeyIsRefusedWithTheFieldsThereAre() {
    var engine = engine()
    #expect(throws: FieldInputError.self) { try engine.setInput(#"{"nmae": "x"}"#, step: 0, path: "body.entry") }
    do { try engine.setInput(#"{"nmae": "x"}"#, step: 0, path: "body.entry") } catch {
      #expect(error.message == "`body.entry` has no field `nmae`; its fields: name, mediaType")
    }
  }

  @Test func anUntypedFieldGivenAnObjectSendsTheObject() throws {
    var engine = engine()
    try engine.setInput(#"{"a": 1}"#, step: 0, path: "body.extra")
    #expect(engine.values(0)["body.extra"]?.value == ["a": 1])
  }
}
