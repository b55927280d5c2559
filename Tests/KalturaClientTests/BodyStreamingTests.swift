import Foundation
import JSONValue
import KalturaWire
import NIOCore
import Testing

@testable import KalturaClient

@Suite("Request bodies")
struct BodyStreamingTests {
  private func collect(_ layout: BodyLayout, blockSize: Int = 4096) async throws -> ([UInt8], [FileBytesHandedOver]) {
    let counter = Recorder<FileBytesHandedOver>()
    var bytes: [UInt8] = []
    for try await block in StreamedBody(layout: layout, blockSize: blockSize, onFileBytes: { counter.append($0) }) {
      bytes += Array(buffer: block)
    }
    return (bytes, counter.values)
  }

  @Test("multipart with a file range streams exactly the declared length and the right bytes")
  func multipartFileRange() async throws {
    let file = try TestFile(size: 100_000)
    defer { file.remove() }
    let layout = try BodyLayout.make(
      .multipart([
        .field(name: "resume", value: "true"),
        .file(
          name: "fileData", path: file.path, filename: "a \"b\".mp4", contentType: "video/mp4",
          range: FileRange(offset: 1000, length: 50_000)),
      ]), boundary: "B")
    #expect(layout.contentType == "multipart/form-data; boundary=B")
    let (bytes, handedOver) = try await collect(layout)
    #expect(Int64(bytes.count) == layout.length)
    #expect(handedOver.reduce(0) { $0 + $1.count } == 50_000)
    // Each block says where in the file it is: one after the other, from the range's start.
    #expect(handedOver.first?.offset == 1000)
    #expect(zip(handedOver, handedOver.dropFirst()).allSatisfy { $0.range.upperBound == $1.offset })
    let head =
      "--B\r\nContent-Disposition: form-data; name=\"resume\"\r\n\r\ntrue\r\n--B\r\n"
      + "Content-Disposition: form-data; name=\"fileData\"; filename=\"a %22b%22.mp4\"\r\n"
      + "Content-Type: video/mp4\r\n\r\n"
    #expect(Array(bytes.prefix(head.utf8.count)) == Array(head.utf8))
    #expect(Array(bytes[head.utf8.count..<(head.utf8.count + 50_000)]) == Array(file.bytes[1000..<51_000]))
    #expect(bytes.suffix(9) == Array("\r\n--B--\r\n".utf8))
  }

  @Test("a range outside the file is refused before anything is sent")
  func rangeOutsideFile() throws {
    let file = try TestFile(size: 10)
    defer { file.remove() }
    #expect(throws: FileReadError.self) {
      _ = try BodyLayout.make(
        .multipart([
          .file(name: "f", path: file.path, filename: "f", contentType: "", range: FileRange(offset: 5, length: 6))
        ]))
    }
    #expect(throws: FileReadError.self) {
      _ = try BodyLayout.make(
        .multipart([.file(name: "f", path: file.path + ".missing", filename: "f", contentType: "", range: nil)]))
    }
  }

  @Test("JSON bodies use exactly application/json; forms are percent-encoded")
  func jsonAndForm() async throws {
    let json = try BodyLayout.make(.json(["ks": "a b", "n": 1]))
    #expect(json.contentType == "application/json")
    #expect(String(decoding: try await collect(json).0, as: UTF8.self) == #"{"ks":"a b","n":1}"#)
    let form = try BodyLayout.make(.form([("entry:name", "a&b c"), ("x", "é")]))
    #expect(form.contentType == "application/x-www-form-urlencoded")
    #expect(String(decoding: try await collect(form).0, as: UTF8.self) == "entry%3Aname=a%26b+c&x=%C3%A9")
  }

  @Test("a file that shrinks while being sent fails instead of sending a short body")
  func shrinkingFile() async throws {
    let file = try TestFile(size: 20_000)
    defer { file.remove() }
    let layout = try BodyLayout.make(
      .multipart([.file(name: "f", path: file.path, filename: "f", contentType: "", range: nil)]))
    try Data(file.bytes.prefix(100)).write(to: URL(fileURLWithPath: file.path))
    await #expect(throws: FileReadError.self) { _ = try await collect(layout) }
  }
}
