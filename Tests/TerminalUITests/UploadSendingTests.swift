import KalturaWire
import Testing

@testable import TerminalUI

/// The progress bar counts the bytes of the chunks on their way, not only acknowledged ones.
@Suite struct UploadSendingTests {
  @Test func theBarMovesAsChunksGoOutAndACancelKeepsWhatWasAcknowledged() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.send(.key(.character("r")))
    model.send(.uploadProgress(step: 1, UploadProgress(bytesDone: 0, bytesTotal: 100 << 20, chunksInFlight: 4)))
    #expect(model.screen.contains("0 B / 100.0 MiB"))
    model.send(.uploadSent(step: 1, bytes: 32 << 20))
    #expect(model.line(containing: "▕").contains("▏ 32%"))
    #expect(model.screen.contains("32.0 MiB / 100.0 MiB"))
    #expect(model.screen.contains("4 chunks in flight"))

    model.send(.uploadProgress(step: 1, UploadProgress(bytesDone: 8 << 20, bytesTotal: 100 << 20, chunksInFlight: 4)))
    #expect(model.screen.contains("32.0 MiB / 100.0 MiB"), "an acknowledgement behind the bytes sent")
    model.send(.uploadSent(step: 1, bytes: 104 << 20))
    #expect(model.screen.contains("100.0 MiB / 100.0 MiB · finishing (server assembling)"), "a retry counts twice")

    model.send(.key(.escape), .stepCancelled(step: 1))
    #expect(model.screen.contains("Upload cancelled at 8% (8.0 MiB / 100.0 MiB)"), "bytes not acknowledged are lost")
  }

  @Test func bytesSentForAnotherStepAreNotShown() {
    var model = ScreenScenarios.uploadStep2At100x30()
    model.send(.key(.character("r")))
    model.send(.uploadProgress(step: 1, UploadProgress(bytesDone: 0, bytesTotal: 100 << 20, chunksInFlight: 4)))
    model.send(.uploadSent(step: 0, bytes: 32 << 20))
    #expect(model.screen.contains("0 B / 100.0 MiB"))
  }

  @Test func aResumedUploadCountsFromWhatTheServerHeld() {
    var sending = UploadSending()
    #expect(sending.bytes == nil)
    sending.progressed(UploadProgress(bytesDone: 0, bytesTotal: 100))
    sending.progressed(UploadProgress(bytesDone: 60, bytesTotal: 100))
    sending.handedOver(5)
    #expect(sending.bytes == 65)
    sending.progressed(UploadProgress(bytesDone: 70, bytesTotal: 100))
    sending.handedOver(10)
    #expect(sending.bytes == 75, "a chunk acknowledged later was counted when it went out")
  }
}
