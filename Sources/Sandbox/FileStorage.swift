import Foundation

/// The files behind upload tokens and entries, under `<data>/uploads`.
struct FileStorage: Sendable {
  let root: String

  init(root: String) throws {
    self.root = root
    for dir in [root, tokensDirectory, spoolDirectory, entriesDirectory] {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    // Spooled request bodies of a previous run that never reached a token are garbage.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: spoolDirectory)) ?? [] {
      try? FileManager.default.removeItem(atPath: spoolDirectory + "/" + name)
    }
  }

  var tokensDirectory: String { root + "/tokens" }
  var spoolDirectory: String { root + "/spool" }
  var entriesDirectory: String { root + "/entries" }

  func tokenDataPath(_ tokenId: String) -> String { tokensDirectory + "/" + tokenId + ".data" }
  func pendingPath(_ tokenId: String, offset: Int64) -> String {
    tokensDirectory + "/" + tokenId + "." + String(offset) + ".pending"
  }
  func newSpoolPath() -> String { spoolDirectory + "/" + UUID().uuidString }
  /// Relative to `root`, as stored in the entry row.
  func entryContentRelativePath(_ entryId: String) -> String { "entries/" + entryId + ".data" }
  func absolute(_ relative: String) -> String { root + "/" + relative }

  func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

  func move(_ from: String, to: String) throws {
    remove(to)
    try FileManager.default.moveItem(atPath: from, toPath: to)
  }

  func size(_ path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
  }

  /// Copies `source[skip...]` into `destination` at `offset`, in bounded blocks so a large chunk
  /// never sits in memory whole.
  func write(from source: String, skipping skip: Int64, into destination: String, at offset: Int64) throws {
    if !FileManager.default.fileExists(atPath: destination) {
      _ = FileManager.default.createFile(atPath: destination, contents: nil)
    }
    let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
    defer { try? input.close() }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
    defer { try? output.close() }
    try input.seek(toOffset: UInt64(skip))
    try output.seek(toOffset: UInt64(offset))
    while true {
      let block = try input.read(upToCount: 1 << 20) ?? Data()
      if block.isEmpty { break }
      try output.write(contentsOf: block)
    }
  }

  func truncate(_ path: String, to length: Int64) throws {
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.truncate(atOffset: UInt64(length))
  }
}
