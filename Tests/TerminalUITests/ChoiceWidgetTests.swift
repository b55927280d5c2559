import JSONValue
import TerminalUI
import Testing

@Suite struct ChoiceWidgetTests {
  @Test func booleansToggleWithSpaceAndArrows() {
    var model = Fixtures.widgetModel()
    model.focusField("enabled")
    #expect(model.line(containing: "enabled").contains("[ ] false"))
    model.send(.key(.character(" ")))
    #expect(model.line(containing: "enabled").contains("[x] true"))
    model.send(.key(.character("l")))
    #expect(model.engine.values(0)["enabled"]?.value == false)
  }

  @Test func enumPickerShowsLabelsAndValuesAndFiltersAsYouType() {
    var model = Fixtures.widgetModel()
    model.focusField("mediaType")
    model.send(.key(.enter))
    #expect(model.screen.contains("filter: ▏"))
    #expect(model.line(containing: "IMAGE").contains("IMAGE  2"))
    #expect(model.line(containing: "AUDIO").contains("AUDIO  5"))
    model.type("au")
    #expect(!model.screen.contains("IMAGE"))
    #expect(model.screen.contains("filter: au▏"))
    model.send(.key(.enter))
    #expect(model.engine.values(0)["mediaType"]?.value == 5)
    #expect(model.line(containing: "mediaType").contains("AUDIO [5] ▾"))
  }

  @Test func enumPickerMovesWithArrowsAndClosesWithEscape() {
    var model = Fixtures.widgetModel()
    model.focusField("mediaType")
    model.send(.key(.enter), .key(.down), .key(.escape))
    #expect(model.engine.values(0)["mediaType"]?.value == 1)
    model.send(.key(.enter), .key(.down), .key(.enter))
    #expect(model.engine.values(0)["mediaType"]?.value == 2)
  }

  @Test func enumsCycleWithLeftAndRight() {
    var model = Fixtures.widgetModel()
    model.focusField("mediaType")
    model.send(.key(.right))
    #expect(model.line(containing: "mediaType").contains("IMAGE [2] ▾"))
    model.send(.key(.left), .key(.left))
    #expect(model.line(containing: "mediaType").contains("AUDIO [5] ▾"))
  }

  @Test func passwordsAreMaskedWhileTypedAndAfter() {
    var model = Fixtures.widgetModel()
    model.focusField("password")
    model.send(.key(.enter))
    model.type("s3cret")
    #expect(model.line(containing: "password").contains("••••••"))
    #expect(!model.screen.contains("s3cret"))
    model.send(.key(.enter))
    #expect(model.engine.values(0)["password"]?.value == "s3cret")
    #expect(model.line(containing: "password").contains("••••••"))
    #expect(!model.screen.contains("s3cret"))
  }

  @Test func hiddenFieldsAreCountedAndShownOnDemand() {
    var model = Fixtures.widgetModel()
    #expect(model.screen.contains("1 hidden (H shows)"))
    #expect(!model.screen.contains("secretField"))
    model.send(.key(.character("H")))
    #expect(model.screen.contains("1 hidden shown (H hides)"))
    #expect(model.screen.contains("secretField"))
  }

  @Test func theFocusedFieldShowsItsDescription() {
    var model = Fixtures.widgetModel()
    #expect(model.screen.contains("The name people see"))
    model.send(.key(.down))
    #expect(!model.screen.contains("The name people see"))
  }
}
