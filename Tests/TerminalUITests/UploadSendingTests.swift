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
    #expect(
      model.screen.contains("100.0 MiB / 100.0 MiB · finishing (server assembling)"), "never more than the total")

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
    sending.handedOver(FileBytesHandedOver(offset: 60, count: 5))
    #expect(sending.bytes == 65)
    sending.progressed(UploadProgress(bytesDone: 70, bytesTotal: 100))
    sending.handedOver(FileBytesHandedOver(offset: 65, count: 10))
    #expect(sending.bytes == 75, "a chunk acknowledged later was counted when it went out")
    sending.handedOver(FileBytesHandedOver(offset: 60, count: 10))
    #expect(sending.bytes == 75, "a retried chunk of the resumed part adds nothing")
  }

  /// 100 bytes in chunks of 40, two connections, 10-byte blocks: the first chunk fails after
  /// half its bytes and is sent again whole.
  @Test func aChunkRetriedAfterHalfItsBytesIsCountedOnce() {
    let size: Int64 = 100
    var sending = UploadSending()
    sending.progressed(UploadProgress(bytesDone: 0, bytesTotal: size))
    let blocks: [(offset: Int64, count: Int)] =
      [(0, 10), (40, 10), (10, 10), (50, 10)]  // chunk 1 half-way, then its connection drops
      + [(60, 10), (70, 10)]  // chunk 2 goes on
      + [(0, 10), (10, 10), (20, 10), (30, 10)]  // chunk 1 again, whole
      + [(80, 10), (90, 10)]  // the last chunk
    var shown: [Int64] = []
    for block in blocks {
      sending.handedOver(FileBytesHandedOver(offset: block.offset, count: block.count))
      shown.append(sending.bytes ?? -1)
    }
    #expect(shown == [10, 20, 30, 40, 50, 60, 60, 60, 70, 80, 90, 100])
    #expect(shown.allSatisfy { $0 <= size })
    #expect(sending.bytes == size, "ends exactly at the file size")
  }

  @Test func handedOverRangesMergeAndCountEachByteOnce() {
    var ranges = HandedOverRanges()
    ranges.insert(50..<60)
    ranges.insert(0..<10)
    ranges.insert(30..<40)
    #expect(ranges.byteCount(withHeldPrefix: 0) == 30)
    ranges.insert(5..<55)
    #expect(ranges.byteCount(withHeldPrefix: 0) == 60)
    #expect(ranges.byteCount(withHeldPrefix: 20) == 60, "a held prefix inside the ranges adds nothing")
    #expect(ranges.byteCount(withHeldPrefix: 70) == 70)
    ranges.insert(60..<60)
    #expect(ranges.byteCount(withHeldPrefix: 0) == 60)
  }
}
