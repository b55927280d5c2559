import KalturaWire
import NIOCore

/// The bytes of a `BodyLayout`, produced block by block: file ranges are read from disk only
/// when the HTTP client asks for more (it asks when the socket can take it), so memory holds a
/// few blocks per request whatever the file size.
struct StreamedBody: AsyncSequence, Sendable {
  typealias Element = ByteBuffer

  let layout: BodyLayout
  let blockSize: Int
  /// Called with the file bytes handed to the client (their place in the file), as they are handed over.
  let onFileBytes: (@Sendable (FileBytesHandedOver) -> Void)?

  func makeAsyncIterator() -> Iterator {
    Iterator(segments: layout.segments, blockSize: blockSize, onFileBytes: onFileBytes)
  }

  struct Iterator: AsyncIteratorProtocol {
    let segments: [BodyLayout.Segment]
    let blockSize: Int
    let onFileBytes: (@Sendable (FileBytesHandedOver) -> Void)?
    var index = 0
    var positionInSegment: Int64 = 0
    var reader: FileRangeReader?

    init(segments: [BodyLayout.Segment], blockSize: Int, onFileBytes: (@Sendable (FileBytesHandedOver) -> Void)?) {
      self.segments = segments
      self.blockSize = Swift.max(4096, blockSize)
      self.onFileBytes = onFileBytes
    }

    mutating func next() async throws -> ByteBuffer? {
      while index < segments.count {
        try Task.checkCancellation()
        switch segments[index] {
        case .bytes(let buffer):
          index += 1
          if buffer.readableBytes > 0 { return buffer }
        case .file(let path, let offset, let length):
          if positionInSegment >= length {
            index += 1
            positionInSegment = 0
            reader = nil
            continue
          }
          if reader?.path != path { reader = try FileRangeReader(path: path) }
          let count = Int(Swift.min(Int64(blockSize), length - positionInSegment))
          let block = try await reader!.read(offset: offset + positionInSegment, count: count)
          guard block.readableBytes == count else {
            throw FileReadError(path: path, message: "the file became shorter while it was being sent")
          }
          onFileBytes?(FileBytesHandedOver(offset: offset + positionInSegment, count: count))
          positionInSegment += Int64(count)
          return block
        }
      }
      return nil
    }
  }
}
