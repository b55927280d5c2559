import JSONValue
import KalturaWire
import TerminalUI
import Testing
import Walkthrough

/// Quitting keeps the work: what is unsaved, and a running upload's checkpoint, is saved
/// before the runtime exits; `q` during a request asks first.
@Suite struct QuitTests {
  static let checkpoint: JSONValue = [
    "uploadTokenId": "0_tok", "file": ["path": "/data/big.mp4", "size": .int(29_989_273)],
    "acknowledgedBytes": .int(8 << 20), "acknowledged": [[0, .int(8 << 20)]],
  ]

  static func edited() -> Model {
    var model = Fixtures.widgetModel()
    model.focusField("name")
    model.send(.key(.enter))
    model.type("kept")
    model.send(.key(.enter))
    return model
  }

  @Test func qWithAnUnsavedEditSavesThenQuits() {
    var model = Self.edited()
    #expect(model.saveState == .unsaved)
    #expect(model.screen.contains("unsaved"))
    model.focus = .steps
    #expect(model.send(.key(.character("q"))) == [.saveSession(path: "walk.json"), .quit])
    #expect(model.isQuitting)
  }

  @Test func qWithNothingUnsavedQuitsAtOnce() {
    var model = Fixtures.widgetModel()
    #expect(model.send(.key(.character("q"))) == [.quit])
  }

  @Test func controlCAndTerminationSignalsSaveWithoutAsking() {
    var model = Self.edited()
    #expect(model.send(.key(.control("c"))) == [.saveSession(path: "walk.json"), .quit])
    var running = Fixtures.widgetModel()
    running.running = RunningRequest(step: 0)
    #expect(running.send(.terminationRequested) == [.saveSession(path: "walk.json"), .quit])
  }

  @Test func qDuringAnUploadAsksAndNStays() {
    var model = Fixtures.widgetModel()
    model.running = RunningRequest(
      step: 0, progress: UploadProgress(bytesDone: 8 << 20, bytesTotal: 28 << 20, chunksInFlight: 2))
    model.focus = .steps
    #expect(model.send(.key(.character("q"))) == [])
    #expect(model.isConfirmingQuit)
    #expect(model.screen.contains("upload in progress: quit and keep the checkpoint? y/n"))
    #expect(model.send(.key(.character("n"))) == [])
    #expect(!model.isConfirmingQuit)
    #expect(!model.isQuitting)
    #expect(model.running != nil)
    #expect(model.send(.key(.character("q"))) == [])
    #expect(model.send(.key(.character("y"))) == [.saveSession(path: "walk.json"), .quit])
    #expect(model.isQuitting)
  }

  @Test func checkpointsAskForAThrottledSave() {
    var model = Fixtures.widgetModel()
    model.running = RunningRequest(step: 0)
    #expect(
      model.send(.uploadCheckpoint(step: 0, Self.checkpoint))
        == [.saveCheckpoint(path: "walk.json", acknowledgedBytes: 8 << 20)])
    #expect(model.engine.session[0].uploadCheckpoint == Self.checkpoint)
  }

  @Test func aSaveFinishingAfterAnEditLeavesItUnsaved() {
    var model = Fixtures.widgetModel()
    model.saveState = .saving
    model.focusField("name")
    model.send(.key(.enter))
    model.type("x")
    model.send(.key(.enter), .sessionSaved(path: "walk.json"))
    #expect(model.saveState == .unsaved)
  }

  @Test func aReopenedPartialUploadSaysWhereItStopped() {
    var state = StepState()
    state.uploadCheckpoint = Self.checkpoint
    let model = Fixtures.widgetModel(session: WalkthroughSession(steps: [state, StepState()]))
    #expect(model.screen.contains("upload stopped at 27% (8.0 MiB of 28.6 MiB) · r resumes"))
  }
}
