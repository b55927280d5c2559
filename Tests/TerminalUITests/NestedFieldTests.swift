import JSONValue
import Recipes
import TerminalUI
import Testing
import Walkthrough

/// Body fields nested under their objects, JSON and datetime widgets (no spec needed).
@Suite struct NestedFieldTests {
  static let recipeText = """
    # Nested
    Body fields.

    ## Add an entry
    Fill the entry.

    ### API Call
    ```json
    {
      "method": "post",
      "path": "/service/media/action/add",
      "parameters": [
        {
          "name": "body",
          "in": "body",
          "schema": {
            "type": "object",
            "properties": {
              "entry": {
                "type": "object",
                "properties": {
                  "name": {"type": "string"},
                  "tags": {"type": "array"},
                  "startDate": {"type": "integer", "x-inputType": "datetime"}
                }
              }
            }
          }
        }
      ]
    }
    ```
    """

  static func model() -> Model {
    let recipe = Recipe.parse(text: recipeText, file: "nested.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: Fixtures.credentials)
    return Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: nil, isEmbeddedSandbox: true,
      colorMode: .none, width: 100, height: 30)
  }

  @Test func nestedFieldsAreIndentedUnderTheirObject() {
    let model = Self.model()
    #expect(
      model.currentRows.map(\.path) == [
        "body", "body.entry", "body.entry.name", "body.entry.tags", "body.entry.startDate",
      ])
    #expect(model.line(containing: "▸ body").hasSuffix("│ ▸ body"))
    #expect(model.line(containing: "  entry").hasSuffix("│     entry"))
    #expect(model.line(containing: "name").contains("│       name "))
    #expect(model.line(containing: "startDate").contains("│       startDate "))
  }

  @Test func jsonFieldsAreEditedInTheEditorAndValidated() {
    var model = Self.model()
    model.focusField("body.entry.tags")
    #expect(model.send(.key(.enter)) == [.openEditor(step: 0, field: "body.entry.tags", initialText: "")])
    model.send(.editorFinished(step: 0, field: "body.entry.tags", text: "[\"a\", \n"))
    #expect(model.engine.values(0)["body.entry.tags"]?.value == nil)
    #expect(model.line(containing: "! body.entry.tags").isEmpty)
    #expect(model.screen.contains("! invalid JSON"))
    model.send(.editorFinished(step: 0, field: "body.entry.tags", text: "[\"a\", \"b\"]\n"))
    #expect(model.engine.values(0)["body.entry.tags"]?.value == ["a", "b"])
    #expect(model.line(containing: "tags").contains("[\"a\",\"b\"] ✎"))
    #expect(!model.screen.contains("invalid JSON"))
    #expect(
      model.send(.key(.enter)) == [
        .openEditor(step: 0, field: "body.entry.tags", initialText: "[\n  \"a\",\n  \"b\"\n]")
      ])
  }

  @Test func datetimesTakeEpochSeconds() {
    var model = Self.model()
    model.focusField("body.entry.startDate")
    model.send(.key(.enter))
    model.type("17o0")
    #expect(model.footerMessage == "datetime fields take digits")
    model.send(.key(.enter))
    #expect(model.engine.values(0)["body.entry.startDate"]?.value == .int(170))
  }

  @Test func objectRowsHaveNoValueToEdit() {
    var model = Self.model()
    #expect(model.send(.key(.enter)) == [])
    #expect(model.mode == .navigate)
    model.send(.key(.character("x")))
    #expect(model.footerMessage == nil)
  }
}

@Suite struct DatetimeDisplayTests {
  @Test func epochSecondsShowTheirUTCDate() {
    var model = NestedFieldTests.model()
    model.engine.setValue(.int(1_700_000_000), step: 0, path: "body.entry.startDate")
    model.send(.tick)  // the form shows the values `update` resolved
    #expect(model.line(containing: "startDate").contains("1700000000  2023-11-14T22:13Z"))
    model.engine.setValue(.int(951_782_400), step: 0, path: "body.entry.startDate")
    model.send(.tick)
    #expect(model.line(containing: "startDate").contains("951782400  2000-02-29T00:00Z"))
  }
}
