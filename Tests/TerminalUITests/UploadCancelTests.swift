import JSONValue
import KalturaWire
import TerminalUI
import Testing
import Walkthrough

/// Esc on a running upload, and sending it again: the step says how far it got, and the next
/// send resumes from the uploader's last checkpoint (upload token 0_tok123 from step 1).
@Suite struct UploadCancelTests {
  static func checkpoint(token: String = "0_tok123", acknowledged: Int = 500) -> JSONValue {
    ["uploadTokenId": .string(token), "fingerprint": ["size": 1000], "acknowledged": [[0, .int(acknowledged)]]]
  }

  /// Step 2 with a file typed in and its send running.
  static func uploading() throws -> (model: Model, prepared: PreparedRequest) {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/data/big.mp4")
    model.send(.key(.enter), .fileSize(step: 1, field: "fileData", bytes: 100 << 20))
    let commands = model.send(.key(.character("r")))
    guard case .send(1, let prepared) = try #require(commands.first) else {
      throw UploadNotSent(commands: "\(commands)")
    }
    return (model, prepared)
  }

  @Test func aCancelledUploadSaysHowFarItGotUntilSentAgain() throws {
    var model = try Self.uploading().model
    model.send(.uploadProgress(step: 1, UploadProgress(bytesDone: 50 << 20, bytesTotal: 100 << 20, chunksInFlight: 2)))
    #expect(model.send(.key(.escape)) == [.cancel(step: 1)])
    model.send(.stepCancelled(step: 1))
    #expect(model.running == nil)
    #expect(model.screen.contains("✗ Upload cancelled at 50% (50.0 MiB / 100.0 MiB) · r resumes it"))
    #expect(model.screen.contains("Step 2 cancelled · r resumes the upload"))
    #expect(!model.screen.contains("in flight"))
    #expect(model.status(of: 1) == .pending)

    model.send(.key(.character("1")), .key(.character("2")))
    #expect(model.screen.contains("✗ Upload cancelled at 50%"), "the step remembers it")
    model.send(.key(.character("r")))
    #expect(!model.screen.contains("cancelled at"))
    #expect(model.screen.contains("Sending step 2…"))
  }

  @Test func aRequestCancelledBeforeAnyProgressCanBeSentAgain() {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("r")), .key(.escape), .stepCancelled(step: 0))
    #expect(model.screen.contains("✗ Cancelled · r sends it again"))
    #expect(model.screen.contains("Step 1 cancelled · r sends it again"))
    #expect(!model.screen.contains("Upload cancelled"))
  }

  @Test func sendingAgainResumesFromTheLastCheckpointOfTheSameToken() throws {
    let started = try Self.uploading()
    var model = started.model
    let prepared = started.prepared
    #expect(prepared.upload?.uploadTokenID == "0_tok123")
    #expect(model.uploadStart(step: 1, for: prepared) == .fresh, "nothing acknowledged yet")
    model.send(.uploadCheckpoint(step: 1, Self.checkpoint()), .key(.escape), .stepCancelled(step: 1))
    // A chunk acknowledged after the cancel is on the server too.
    let later = Self.checkpoint(acknowledged: 700)
    model.send(.uploadCheckpoint(step: 1, later))
    #expect(model.engine.session[1].uploadCheckpoint == later)
    #expect(model.uploadStart(step: 1, for: prepared) == .resume(checkpoint: later))
  }

  @Test func aCheckpointOfAnotherTokenStartsAfresh() throws {
    let started = try Self.uploading()
    var model = started.model
    let prepared = started.prepared
    model.send(.uploadCheckpoint(step: 1, Self.checkpoint(token: "0_othertoken")))
    #expect(model.uploadStart(step: 1, for: prepared) == .fresh)
    #expect(model.uploadStart(step: 0, for: prepared) == .fresh, "checkpoints belong to their step")
  }

  @Test func cancellingAnUploadSavesItsCheckpoint() throws {
    var model = try Self.uploading().model
    model.sessionPath = "walk.json"
    model.send(.uploadCheckpoint(step: 1, Self.checkpoint()), .key(.escape))
    #expect(model.send(.stepCancelled(step: 1)) == [.saveSession(path: "walk.json")])
    #expect(model.screen.contains("session walk.json saving…"))
  }

  @Test func theCheckpointIsSavedWithTheSession() throws {
    var model = try Self.uploading().model
    model.send(.uploadCheckpoint(step: 1, Self.checkpoint()))
    let saved = SessionFile.encode(
      model.engine, recipe: RecipeIdentity(path: "recipes/upload.md", title: "Upload", sha256: "00"),
      includeSecrets: false)
    #expect(saved["steps"]?[1]?["upload"] == Self.checkpoint())
  }
}

/// The walk did not reach a running send of step 2: the test fails with what it got instead.
private struct UploadNotSent: Error, CustomStringConvertible {
  let commands: String
  var description: String { "expected step 2 to be sent, got \(commands)" }
}
