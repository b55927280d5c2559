import JSONValue
import TerminalUI
import Testing

@Suite struct TextEditingTests {
  @Test func lineEditorMovesByCharactersWordsAndWidths() {
    var editor = LineEditor("héllo wörld 日本")
    #expect(editor.cursorColumn == 16)
    editor.moveHome()
    editor.moveWordRight()
    #expect(editor.cursor == 5)
    editor.moveWordRight()
    #expect(editor.cursor == 11)
    editor.moveWordLeft()
    #expect(editor.cursor == 6)
    editor.moveEnd()
    editor.backspace()
    #expect(editor.text == "héllo wörld 日")
    editor.deleteWordBackward()
    #expect(editor.text == "héllo wörld ")
  }

  @Test func typedTextIsStoredThroughTheEngineOnEnter() {
    var model = Fixtures.widgetModel()
    model.send(.key(.enter))
    model.type("日本 ok")
    let row = model.line(containing: "name*")
    #expect(row.contains("日本 ok"))
    let y = model.lines.firstIndex { $0.contains("name*") }
    // The value column starts at 36 at 100 columns (the step list as wide as its titles, the
    // label column as its labels); "日本 " is 5 columns wide, "ok" 2 more.
    #expect(view(model).cursor == CursorPosition(x: 36 + 7, y: y ?? -1))
    model.send(.key(.home), .key(.character("A")), .key(.end), .key(.wordLeft), .key(.character("!")))
    model.send(.key(.enter))
    #expect(model.engine.values(0)["name"]?.value == "A日本 !ok")
    #expect(model.mode == .navigate)
    #expect(view(model).cursor == nil)
  }

  @Test func escapeDropsTheEdit() {
    var model = Fixtures.widgetModel()
    model.send(.key(.enter))
    model.type("draft")
    model.send(.key(.escape))
    #expect(model.engine.values(0)["name"]?.value == nil)
    #expect(model.line(containing: "name*").contains("(empty)"))
  }

  @Test func controlKeysDeleteWordsAndLines() {
    var model = Fixtures.widgetModel()
    model.send(.key(.enter))
    model.type("one two")
    model.send(.key(.control("w")), .key(.enter))
    #expect(model.engine.values(0)["name"]?.value == "one ")
    model.send(.key(.enter), .key(.control("u")))
    model.type("three")
    model.send(.key(.enter))
    #expect(model.engine.values(0)["name"]?.value == "three")
  }

  @Test func numbersAreValidatedAsTyped() {
    var model = Fixtures.widgetModel()
    model.focusField("count")
    model.send(.key(.enter))
    model.type("12a3")
    #expect(model.mode == .editing(path: "count", LineEditor("123")))
    #expect(model.footerMessage == "integer fields take digits")
    model.send(.key(.enter))
    #expect(model.engine.values(0)["count"]?.value == .int(123))
    #expect(model.line(containing: "count").contains("123"))
  }

  @Test func anUnfinishedNumberStaysInTheEditorWithItsProblem() {
    var model = Fixtures.widgetModel()
    model.focusField("count")
    model.send(.key(.enter), .key(.character("-")))
    #expect(model.screen.contains("! not an integer yet"))
    model.send(.key(.enter))
    #expect(model.mode == .editing(path: "count", LineEditor("-")))
    #expect(model.screen.contains("! expected an integer, got \"-\""))
    model.send(.key(.character("4")), .key(.enter))
    #expect(model.engine.values(0)["count"]?.value == .int(-4))
  }

  @Test func decimalNumbersParse() {
    var model = Fixtures.widgetModel()
    model.focusField("ratio")
    model.send(.key(.enter))
    model.type("1.5x")
    model.send(.key(.enter))
    #expect(model.engine.values(0)["ratio"]?.value == .double(1.5))
  }
}
