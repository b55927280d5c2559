import KalturaWire
import Testing

@testable import TerminalUI

/// The reply area and footer say one clear thing about a step: its latest outcome, an upload
/// that is being assembled, a send that still needs an earlier step.
@Suite struct ClearStateTests {
  @Test func aStepWhoseLinkIsUnresolvedAsksBeforeSending() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("2")))
    #expect(model.send(.key(.character("r"))) == [])
    #expect(model.footerMessage == "step 1 has not run: send anyway? y/n")
    #expect(model.running == nil)
    model.send(.key(.character("n")))
    #expect(model.running == nil)
    #expect(model.footerMessage == "Step 2 not sent")
    model.send(.key(.character("r")))
    let commands = model.send(.key(.character("y")))
    guard case .send(step: 1, _)? = commands.first else {
      Issue.record("expected step 2 to be sent after y, got \(commands)")
      return
    }
    #expect(model.running?.step == 1)
  }

  @Test func aStepWhoseLinkIsFilledSendsWithoutAsking() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1)))
    model.send(.key(.character("2")))
    let commands = model.send(.key(.character("r")))
    guard case .send(step: 1, _)? = commands.first else {
      Issue.record("expected step 2 to be sent at once, got \(commands)")
      return
    }
  }

  @Test func anUploadWithEveryByteSentSaysTheServerIsAssembling() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("r")))
    model.send(.uploadProgress(step: 0, UploadProgress(bytesDone: 4 << 20, bytesTotal: 8 << 20, chunksInFlight: 4)))
    #expect(model.screen.contains("4 chunks in flight"))
    #expect(!model.screen.contains("finishing"))
    model.send(.uploadProgress(step: 0, UploadProgress(bytesDone: 8 << 20, bytesTotal: 8 << 20, chunksInFlight: 1)))
    #expect(model.screen.contains("finishing (server assembling)"))
    #expect(!model.screen.contains("in flight"))
  }

  @Test func aCancelledSendShowsOnlyTheCancellation() {
    var model = Fixtures.widgetModel(width: 120, height: 40)
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.entryNotFound))
    #expect(model.screen.contains("ENTRY_ID_NOT_FOUND"))
    model.send(.key(.character("r")), .stepCancelled(step: 0))
    #expect(model.screen.contains("✗ Cancelled"))
    #expect(!model.screen.contains("ENTRY_ID_NOT_FOUND"), "the earlier failure is not the latest outcome")
    model.send(.key(.character("<")))
    #expect(model.screen.contains("ENTRY_ID_NOT_FOUND"), "< still reaches the earlier send")
  }

  @Test func aSendThatFailedShowsOnlyItsFailure() {
    var model = Fixtures.widgetModel(width: 120, height: 40)
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1)))
    #expect(model.screen.contains("KalturaMediaListResponse"))
    model.send(.key(.character("r")), .stepFailed(step: 0, error: "connection refused"))
    #expect(model.screen.contains("! Not sent: connection refused"))
    #expect(!model.screen.contains("KalturaMediaListResponse"))
  }
}
