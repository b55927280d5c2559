import APISchema
import Foundation
import JSONValue
import Recipes
import TerminalUI
import Testing
import Walkthrough

/// Fixtures: recipes written in the tests, and the repository's upload recipe with a spec of its
/// own (Fixtures/upload-openapi.json), so every screen test runs with or without ../shared.
enum Fixtures {
  static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The operations of the upload recipe (a copy of the sandbox's trimmed spec, so the upload
  /// screens are tested whether or not ../shared is there).
  static let uploadSpec: APIDocument = {
    let url = Bundle.module.url(forResource: "upload-openapi", withExtension: "json", subdirectory: "Fixtures")!
    return try! APIDocument(bytes: [UInt8](try! Data(contentsOf: url)))
  }()

  static var uploadRecipe: Recipe {
    let path = repository.appendingPathComponent("recipes/upload.md").path
    return Recipe.parse(bytes: [UInt8](FileManager.default.contents(atPath: path)!), file: path)
  }

  static let credentials = ServiceCredentials(
    serviceURL: "http://127.0.0.1:8080", partnerID: 100, ks: "djJ8MTAwfKsSecretKsValue", adminSecret: "adminsecret")

  /// The upload recipe over its own spec fixture.
  static func uploadModel(width: Int = 100, height: Int = 30, session: WalkthroughSession? = nil) -> Model {
    let engine = WalkthroughEngine(
      recipe: uploadRecipe, document: uploadSpec, credentials: credentials, session: session)
    return Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: nil, isEmbeddedSandbox: true,
      colorMode: .none, width: width, height: height)
  }

  /// One step with a field of every widget kind, no spec needed.
  static let widgetRecipe = """
    # Widgets
    Every kind of field.

    ## Fill the form
    Some *emphasis*, a `code span` and a [link](https://example.com/docs).

    - first item
    - second item

    ### API Call
    ```json
    {
      "method": "post",
      "path": "/service/media/action/list",
      "parameters": [
        {"name": "name", "type": "string", "required": true, "description": "The name people see"},
        {"name": "count", "type": "integer"},
        {"name": "ratio", "type": "number"},
        {"name": "enabled", "type": "boolean", "default": false},
        {"name": "mediaType", "type": "integer", "enum": [1, 2, 5], "enumLabels": ["VIDEO", "IMAGE", "AUDIO"]},
        {"name": "password", "type": "string", "x-inputType": "password"},
        {"name": "notes", "type": "string", "x-inputType": "textarea"},
        {"name": "fileData", "type": "file"},
        {"name": "secretField", "type": "string", "hidden": true}
      ]
    }
    ```

    ## Second step
    Uses the first.

    ### API Call
    ```json
    {
      "method": "post",
      "path": "/service/media/action/get",
      "parameters": [
        {"name": "entryId", "dynamicValue": {"fromStep": 0, "value": "objects.0.id"}}
      ]
    }
    ```
    """

  static func widgetModel(width: Int = 100, height: Int = 30, session: WalkthroughSession? = nil) -> Model {
    let recipe = Recipe.parse(text: widgetRecipe, file: "widgets.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: credentials, session: session)
    return Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: "walk.json", isEmbeddedSandbox: false,
      colorMode: .none, width: width, height: height)
  }
}

extension Model {
  /// Applies messages in order; returns every command they produced.
  @discardableResult
  mutating func send(_ messages: Message...) -> [Command] {
    messages.flatMap { update(&self, $0) }
  }

  /// Types text key by key.
  @discardableResult
  mutating func type(_ text: String) -> [Command] {
    text.flatMap { update(&self, .key(.character($0))) }
  }

  var screen: String { view(self).renderText() }
}

/// Replies the tests feed back as if the runtime had sent the step.
enum Replies {
  static func tokenAdded(_ id: String = "0_tok123") -> Exchange {
    Exchange(
      method: "POST",
      url: "http://127.0.0.1:8080/api_v3/service/uploadtoken/action/add?ks=djJ8MTAwfKsSecretKsValue&format=1",
      requestBody: ["partnerId": 100], status: 200,
      reply: ["id": .string(id), "objectType": "KalturaUploadToken", "status": 0, "fileSize": .null],
      replyIsJSON: true, ok: true, milliseconds: 12.4)
  }

  static func mediaList(_ mediaType: Int, id: String = "0_entry1") -> Exchange {
    Exchange(
      method: "POST", url: "http://127.0.0.1:8080/api_v3/service/media/action/list?format=1",
      status: 200,
      reply: [
        "objects": [["id": .string(id), "name": "Logo", "mediaType": .int(mediaType)]], "totalCount": 1,
        "objectType": "KalturaMediaListResponse",
      ], replyIsJSON: true, ok: true, milliseconds: 30)
  }

  static let entryNotFound = Exchange(
    method: "POST", url: "http://127.0.0.1:8080/api_v3/service/media/action/get?format=1", status: 200,
    reply: [
      "code": "ENTRY_ID_NOT_FOUND", "message": "Entry id \"0_nope\" not found", "objectType": "KalturaAPIException",
    ], replyIsJSON: true, ok: false, error: "ENTRY_ID_NOT_FOUND: Entry id \"0_nope\" not found",
    errorCode: "ENTRY_ID_NOT_FOUND", milliseconds: 8)
}

/// Compares a model's screen with the expected text, naming the first line that differs.
func expectScreen(_ model: Model, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let actual = model.screen
  guard actual != expected else { return }
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let row =
    Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 } ?? min(actualLines.count, expectedLines.count)
  let got = row < actualLines.count ? String(actualLines[row]) : "(no line)"
  let wanted = row < expectedLines.count ? String(expectedLines[row]) : "(no line)"
  Issue.record(
    "screen differs at row \(row):\n got: \(got)\nwant: \(wanted)\n\(actual)", sourceLocation: sourceLocation)
}

extension Model {
  var lines: [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

  /// The first screen line containing `text` (empty when none does).
  func line(containing text: String) -> String { lines.first { $0.contains(text) } ?? "" }

  /// Focuses the form row of a field.
  mutating func focusField(_ path: String) {
    focus = .form
    fieldCursor = currentRows.firstIndex { $0.path == path } ?? fieldCursor
  }
}

extension Fixtures {
  /// Lines of the widget step's prose at 80 columns: two of paragraph, a blank, two list items.
  static let proseLineCount80 = 5
}
