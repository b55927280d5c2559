import JSONValue
import KalturaWire
import TerminalUI
import Testing
import Walkthrough

/// The upload recipe over its own spec fixture.
@Suite struct UploadFlowTests {
  @Test func sendingAStepAsksTheRuntimeAndShowsASpinner() throws {
    var model = Fixtures.uploadModel()
    let commands = model.send(.key(.enter))
    guard case .send(let step, let request) = try #require(commands.first) else {
      Issue.record("expected a send command, got \(commands)")
      return
    }
    #expect(step == 0)
    #expect(request.operationID == "uploadToken.add")
    #expect(model.screen.contains("⠋ Sending step 1…  Esc cancels"))
    #expect(model.line(containing: "Uploading Files - ").contains("⠋"))
    model.send(.tick)
    #expect(model.screen.contains("⠙ Sending step 1…"))
    #expect(model.needsTicks)
    #expect(model.send(.key(.character("r"))) == [])
    #expect(model.footerMessage == "Step 1 is still running · Esc cancels it")
  }

  @Test func escapeCancelsTheRunningRequest() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("r")))
    #expect(model.send(.key(.escape)) == [.cancel(step: 0)])
    model.send(.stepCancelled(step: 0))
    #expect(model.running == nil)
    #expect(model.screen.contains("Step 1 cancelled"))
    #expect(model.status(of: 0) == .pending)
  }

  @Test func aUserValueThatDiffersFromTheLinkIsStale() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.send(.key(.enter))
    model.send(.key(.control("u")))
    model.type("0_other")
    model.send(.key(.enter))
    #expect(model.line(containing: "uploadTokenId").contains("← step 1 · id stale"))
    model.send(.key(.character("x")))
    #expect(model.line(containing: "uploadTokenId").contains("0_tok123"))
    #expect(model.line(containing: "uploadTokenId").contains("← step 1 · id ✓"))
  }

  @Test func aLinkWaitsUntilItsStepRan() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("2")))
    #expect(model.line(containing: "uploadTokenId").contains("← step 1 · id waiting"))
    #expect(model.screen.contains("run step 1 first"))
  }

  @Test func aFailedReplyShowsStatusAndTheKalturaError() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.entryNotFound))
    #expect(model.line(containing: "Uploading Files - ").contains("✗"))
    #expect(model.screen.contains("HTTP 200 · 8 ms · ENTRY_ID_NOT_FOUND"))
    #expect(model.screen.contains("ENTRY_ID_NOT_FOUND: Entry id \"0_nope\" not found"))
    #expect(model.status(of: 0) == .failed)
  }

  @Test func uploadProgressShowsBytesRateETAAndChunks() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.send(.key(.character("r")))
    let progress = UploadProgress(
      bytesDone: 50 << 20, bytesTotal: 100 << 20, bytesPerSecond: 10 * 1_048_576, etaSeconds: 5, chunksInFlight: 4,
      retries: 1, chunkSize: 8 << 20)
    model.send(.uploadProgress(step: 1, progress))
    #expect(model.line(containing: "▕").contains("▏ 50%"))
    // At 100 columns the figures wrap between items (binary units are wider).
    #expect(model.screen.contains("50.0 MiB / 100.0 MiB · 10.0 MiB/s · ETA 5s · 4 chunks in flight\n"))
    #expect(model.lines.contains { $0.hasSuffix("│ 1 retry") })
  }

  @Test func resumeFieldsAreTheUploadersForLargeFiles() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/data/big.mp4")
    #expect(model.send(.key(.enter)) == [.statFile(step: 1, field: "fileData", path: "/data/big.mp4")])
    // Form rows (indented past the focus mark), not the prose that names the fields.
    #expect(model.line(containing: "   resume ").contains("false ▾"))
    model.send(.fileSize(step: 1, field: "fileData", bytes: 100 << 20))
    #expect(model.line(containing: "fileData").contains("/data/big.mp4  100.0 MiB"))
    for name in ["resume ", "finalChunk", "resumeAt"] {
      #expect(model.line(containing: "   " + name).contains("managed by the uploader"), "\(name)")
    }
    model.focusField("resume")
    model.send(.key(.enter))
    #expect(model.footerMessage == "resume is set by the chunked uploader")
  }

  /// The plan is decided when its inputs change, not by `view` for every row of every frame:
  /// a size changed behind `update`'s back leaves the screen as the last change decided it.
  @Test func theFormShowsTheUploadPlanDecidedAtTheLastChange() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/data/big.mp4")
    model.send(.key(.enter))
    model.send(.fileSize(step: 1, field: "fileData", bytes: 100 << 20))
    #expect(model.line(containing: "   resumeAt").contains("managed by the uploader"))

    model.fileSizes[FieldKey(step: 1, path: "fileData")] = 1024
    #expect(model.line(containing: "   resumeAt").contains("managed by the uploader"))

    model.send(.fileSize(step: 1, field: "fileData", bytes: 1024))
    #expect(!model.line(containing: "   resumeAt").contains("managed by the uploader"))
    model.send(.fileSize(step: 1, field: "fileData", bytes: 100 << 20))
    #expect(model.line(containing: "   resumeAt").contains("managed by the uploader"))
  }

  @Test func theSessionAutosavesAfterEveryExchange() {
    var model = Fixtures.uploadModel()
    model.sessionPath = "walk.json"
    model.saveState = .saved
    let commands = model.send(.key(.character("r")), .stepReplied(step: 0, Replies.tokenAdded()))
    #expect(commands.contains(.saveSession(path: "walk.json")))
    #expect(model.screen.contains("session walk.json saving…"))
    model.send(.sessionSaved(path: "walk.json"))
    #expect(model.screen.contains("session walk.json saved"))
    model.send(.sessionSaveFailed(path: "walk.json", error: "disk full"))
    #expect(model.screen.contains("session walk.json save failed"))
    #expect(model.screen.contains("Could not save walk.json: disk full"))
  }

  @Test func saveAsAsksForAPath() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("s")))
    #expect(model.screen.contains("Save session as: session.json"))
    model.send(.key(.control("u")))
    model.type("mine.json")
    #expect(model.send(.key(.enter)) == [.saveSession(path: "mine.json")])
    model.send(.sessionSaved(path: "mine.json"))
    #expect(model.sessionPath == "mine.json")
    #expect(model.screen.contains("session mine.json saved"))
  }

  @Test func theRequestTabMasksTheKS() {
    var model = Fixtures.uploadModel()
    model.focus = .reply
    model.send(.key(.character("l")))
    #expect(model.screen.contains("Preview, not sent yet"))
    #expect(model.screen.contains("POST http://127.0.0.1:8080/api_v3/service/uploadtoken/action/add"))
    #expect(!model.screen.contains("SecretKsValue"))
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.tokenAdded()))
    model.replyTab = .request
    // The URL wraps at the reply's width; its query starts on the continuation line.
    #expect(model.screen.contains("POST http://127.0.0.1:8080/api_v3/service/uploadtoken/action/add"))
    #expect(model.screen.contains("ks="))
    #expect(!model.screen.contains("SecretKsValue"))
  }

  @Test func theCodeTabShowsSampleCodeInEveryLanguage() {
    var model = Fixtures.uploadModel()
    model.focus = .reply
    model.replyTab = .code
    let first = model.screen
    #expect(first.contains("uploadToken") || first.contains("uploadtoken"))
    model.send(.key(.character("c")))
    #expect(model.screen != first)
    #expect(model.screen.contains("c: next language"))
  }

  @Test func dynamicEnumsLoadWithASpinnerThenPick() throws {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("5")))
    model.focusField("uiConf")
    let commands = model.send(.key(.enter))
    guard case .loadDynamicEnum(4, "uiConf", let request) = try #require(commands.first) else {
      Issue.record("expected loadDynamicEnum, got \(commands)")
      return
    }
    #expect(request.displayURL.contains("uiconf/action/list"))
    #expect(model.screen.contains("loading"))
    model.send(
      .dynamicOptionsLoaded(
        step: 4, field: "uiConf",
        [
          EnumChoice(value: 101, label: "Player A"), EnumChoice(value: 202, label: "Player B"),
        ]))
    #expect(model.line(containing: "Player B").contains("Player B  202"))
    model.send(.key(.down), .key(.enter))
    #expect(model.line(containing: "uiConf").contains("Player B [202] ▾"))
    #expect(model.send(.key(.enter)) == [])
  }

  @Test func aDynamicEnumErrorShowsInline() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("5")))
    model.focusField("uiConf")
    model.send(.key(.enter), .dynamicOptionsFailed(step: 4, field: "uiConf", error: "HTTP 502"))
    #expect(model.line(containing: "uiConf").contains("! HTTP 502"))
    #expect(model.mode == .navigate)
    #expect(model.send(.key(.enter)).count == 1)
  }
}

@Suite struct SendFailureTests {
  @Test func aStepThatCouldNotBeSentSaysWhyUntilSentAgain() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("r")), .stepFailed(step: 0, error: "connection refused"))
    #expect(model.screen.contains("! Not sent: connection refused"))
    #expect(model.status(of: 0) == .pending)
    model.send(.key(.character("r")))
    #expect(!model.screen.contains("connection refused"))
  }
}

@Suite struct ProgressWrapTests {
  @Test func progressFiguresWrapBetweenItemsOnNarrowScreens() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.send(.resize(width: 80, height: 24), .key(.character("r")))
    model.send(
      .uploadProgress(
        step: 1,
        UploadProgress(
          bytesDone: 30 << 20, bytesTotal: 100 << 20, bytesPerSecond: 5e6, etaSeconds: 140, chunksInFlight: 3,
          retries: 2)))
    #expect(model.line(containing: "▕").hasSuffix("▏ 30%"))
    #expect(model.line(containing: "30.0 MiB").hasSuffix("30.0 MiB / 100.0 MiB · 4.8 MiB/s · ETA 2m 20s"))
    #expect(model.line(containing: "in flight").hasSuffix("3 chunks in flight · 2 retries"))
  }
}
