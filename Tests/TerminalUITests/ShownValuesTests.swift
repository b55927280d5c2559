import JSONValue
import Testing
import Walkthrough

@testable import TerminalUI

/// The form shows the current step's values as `update` resolved them after the last change:
/// drawing a frame resolves nothing, and an update that changes nothing they read keeps them.
@Suite struct ShownValuesTests {
  /// The model with the cached value of `name` replaced by a marker no resolution produces:
  /// the marker on screen says the frame was drawn from the cache.
  static func modelWithMarkedCache() -> Model {
    var model = ScreenScenarios.widgetsAt100x30()
    var cached = model.caches.values!
    let index = cached.values.fields.firstIndex { $0.path == "name" }!
    cached.values.fields[index].value = "cached-marker"
    cached.values.fields[index].source = .user
    model.caches.values = cached
    return model
  }

  @Test func framesAreDrawnFromTheCacheNotResolvedAgain() {
    let model = Self.modelWithMarkedCache()
    #expect(model.line(containing: "name*").contains("cached-marker"))
    #expect(model.screen == model.screen, "the same model draws the same screen twice")
  }

  @Test func anUpdateThatChangesNothingTheValuesReadKeepsThem() {
    var model = Self.modelWithMarkedCache()
    model.send(.tick, .resize(width: 110, height: 32), .key(.down))
    #expect(model.line(containing: "name*").contains("cached-marker"))
  }

  @Test func anAnswerResolvesTheValuesAgain() {
    var model = Self.modelWithMarkedCache()
    model.engine.setValue("Logo", step: 0, path: "name")
    model.send(.tick)
    #expect(!model.screen.contains("cached-marker"))
    #expect(model.line(containing: "name*").contains("Logo"))
  }

  @Test func aReplyToTheLinkedStepResolvesTheLinkAgain() {
    var model = ScreenScenarios.widgetsAt100x30()
    model.currentStep = 1
    model.send(.tick)
    #expect(model.line(containing: "entryId").contains("(empty)"))
    model.send(.stepReplied(step: 0, Replies.mediaList(1, id: "0_linked")))
    #expect(model.line(containing: "entryId").contains("0_linked"))
    #expect(model.line(containing: "entryId").contains("✓"))
  }

  @Test func anotherStepIsResolvedWhenAsked() {
    var model = ScreenScenarios.widgetsAt100x30()
    model.engine.setValue("elsewhere", step: 1, path: "entryId")
    #expect(model.shownValues(1)["entryId"]?.value == "elsewhere")
    #expect(model.shownValues(0).stepIndex == 0)
  }
}
