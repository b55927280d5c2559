import Foundation

/// A temporary file of pseudo-random bytes, removed by `remove()`.
struct TestFile {
  let path: String
  let bytes: [UInt8]

  init(size: Int, seed: UInt64 = 42) throws {
    var generator = SplitMix64(seed: seed &+ UInt64(size))
    var bytes = [UInt8](repeating: 0, count: size)
    for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) }
    self.bytes = bytes
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kaltura-client-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent("movie.bin").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }
}

struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Collects values reported from other tasks (progress events, checkpoints).
final class Recorder<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Value] = []
  func append(_ value: Value) { lock.withLock { storage.append(value) } }
  var values: [Value] { lock.withLock { storage } }
  var last: Value? { values.last }
}
