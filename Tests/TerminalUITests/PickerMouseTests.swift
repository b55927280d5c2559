import JSONValue
import TerminalUI
import Testing
import Walkthrough

/// Mouse clicks inside an open enum picker and in the path completion list.
@Suite struct PickerMouseTests {
  /// The widget step at 100×30 with mediaType's picker open (VIDEO, IMAGE, AUDIO).
  static func pickingMediaType() -> Model {
    var model = Fixtures.widgetModel()
    model.focusField("mediaType")
    model.send(.key(.enter))
    return model
  }

  /// The screen cell where `text` starts, on the first line that holds it.
  static func cell(of text: String, in model: Model) -> (x: Int, y: Int)? {
    for (y, line) in model.lines.enumerated() {
      if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
    }
    return nil
  }

  @Test func clickingAChoicePicksIt() throws {
    var model = Self.pickingMediaType()
    let image = try #require(Self.cell(of: "IMAGE  2", in: model))
    #expect(model.send(.mouse(.click(x: image.x + 3, y: image.y))) == [])
    #expect(model.mode == .navigate)
    #expect(model.line(containing: "mediaType").contains("IMAGE [2] ▾"))
    #expect(model.engine.values(0).answers["mediaType"] == 2)
  }

  @Test func clickingTheFilteredListPicksFromWhatIsShown() throws {
    var model = Self.pickingMediaType()
    model.type("o")  // VIDEO and AUDIO
    let audio = try #require(Self.cell(of: "AUDIO  5", in: model))
    #expect(audio.y == (Self.cell(of: "VIDEO  1", in: model)?.y ?? -9) + 1)
    model.send(.mouse(.click(x: audio.x, y: audio.y)))
    #expect(model.line(containing: "mediaType").contains("AUDIO [5] ▾"))
  }

  @Test func clickingTheBorderKeepsThePickerOpen() throws {
    var model = Self.pickingMediaType()
    let title = try #require(Self.cell(of: "filter: ", in: model))
    model.send(.mouse(.click(x: title.x, y: title.y)))
    #expect(model.mode == .picking(PickerState(path: "mediaType")))
    let video = try #require(Self.cell(of: "VIDEO  1", in: model))
    model.send(.mouse(.click(x: video.x - 2, y: video.y)))  // the left edge
    #expect(model.mode == .picking(PickerState(path: "mediaType")))
    #expect(model.line(containing: "mediaType").contains("VIDEO [1] ▾"))
  }

  @Test func clickingOutsideClosesThePickerAndActsAsUsual() throws {
    var model = Self.pickingMediaType()
    let secondStep = try #require(Self.cell(of: "Second step", in: model))
    model.send(.mouse(.click(x: secondStep.x, y: secondStep.y)))
    #expect(model.mode == .navigate)
    #expect(model.currentStep == 1)
    #expect(model.focus == .steps)
  }

  @Test func theWheelOverThePickerMovesTheHighlight() throws {
    var model = Self.pickingMediaType()
    let video = try #require(Self.cell(of: "VIDEO  1", in: model))
    model.send(.mouse(.scrollDown(x: video.x, y: video.y)), .mouse(.scrollDown(x: video.x, y: video.y)))
    #expect(model.mode == .picking(PickerState(path: "mediaType", selection: 2)))
    model.send(.mouse(.scrollUp(x: video.x, y: video.y)), .key(.enter))
    #expect(model.line(containing: "mediaType").contains("IMAGE [2] ▾"))
  }

  @Test func clickingALoadingDynamicPickerDoesNothing() throws {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("5")))
    model.focusField("uiConf")
    model.send(.key(.enter))
    let loading = try #require(Self.cell(of: "loading…", in: model))
    #expect(model.send(.mouse(.click(x: loading.x, y: loading.y))) == [])
    #expect(model.mode == .picking(PickerState(path: "uiConf")))
  }

  @Test func clickingACompletionPutsItInTheField() throws {
    var model = Fixtures.widgetModel()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/data/c")
    model.send(.key(.tab), .pathCompletions(step: 0, field: "fileData", ["/data/clip.mp4", "/data/cover.png"]))
    let cover = try #require(Self.cell(of: "/data/cover.png", in: model))
    #expect(model.send(.mouse(.click(x: cover.x, y: cover.y))) == [])
    guard case .editing("fileData", let editor) = model.mode else {
      Issue.record("expected to stay editing, got \(model.mode)")
      return
    }
    #expect(editor.text == "/data/cover.png")
    #expect(model.completions.isEmpty)
  }
}
