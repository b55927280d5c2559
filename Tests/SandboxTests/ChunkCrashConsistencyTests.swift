import Foundation
import KalturaWire
import Testing

@testable import Sandbox

/// A kill at any point of `uploadToken.upload` leaves files and database that agree: the
/// interrupted chunk is sent again and the upload completes with the right bytes. The crash is
/// simulated by `UploadEngine.crashPoint` throwing (nothing after it runs, the transaction is
/// not committed); a fresh engine over the same directory plays the restarted sandbox.
@Suite struct ChunkCrashConsistencyTests {
  struct Killed: Error {}

  final class CrashSandbox: Sendable {
    let directory = NSTemporaryDirectory() + "crash-test-" + UUID().uuidString
    let store: SandboxStore
    let files: FileStorage
    let caller = Caller(partnerId: 100, userId: "admin", isAdmin: true, session: nil)

    init() throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      store = try SandboxStore(path: directory + "/sandbox.sqlite")
      files = try FileStorage(root: directory + "/uploads")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func engine(crashingAt point: UploadEngine.CrashPoint? = nil) -> UploadEngine {
      var engine = UploadEngine(store: store, files: files, locks: KeyedLock())
      engine.finalChunkWait = 0
      if let point { engine.crashPoint = { if $0 == point { throw Killed() } } }
      return engine
    }

    func newToken() throws -> String {
      let id = "0_" + UUID().uuidString.prefix(8).lowercased()
      try store.insertToken(
        UploadTokenRecord(
          id: id, partnerId: 100, userId: "admin", status: .pending, fileName: nil, fileSize: nil,
          uploadedFileSize: 0, hasData: false, autoFinalize: 0, createdAt: unixNow(), updatedAt: unixNow()))
      return id
    }

    func upload(
      _ engine: UploadEngine, _ token: String, _ data: ArraySlice<UInt8>, resume: Bool, final: Bool,
      at resumeAt: Int64
    ) async throws -> UploadTokenRecord {
      let path = files.newSpoolPath()
      _ = FileManager.default.createFile(atPath: path, contents: Data(data))
      return try await engine.upload(
        .init(
          tokenId: token, chunk: SpooledFile(path: path, length: Int64(data.count), fileName: "f.bin"),
          resume: resume, finalChunk: final, resumeAt: resumeAt), caller: caller)
    }

    func stored(_ token: String) throws -> [UInt8] {
      Array(try Data(contentsOf: URL(fileURLWithPath: files.tokenDataPath(token))))
    }
  }

  static let content = lcgBytes(3000, seed: 12)
  static let a = content[0..<1000]
  static let b = content[1000..<2000]
  static let c = content[2000..<3000]

  @Test(arguments: [UploadEngine.CrashPoint.filesWritten, .committed])
  func aKilledAppendIsResentAndTheUploadCompletes(point: UploadEngine.CrashPoint) async throws {
    let sandbox = try CrashSandbox()
    let token = try sandbox.newToken()
    _ = try await sandbox.upload(sandbox.engine(), token, Self.a, resume: false, final: false, at: 0)
    await #expect(throws: Killed.self) {
      _ = try await sandbox.upload(
        sandbox.engine(crashingAt: point), token, Self.b, resume: true, final: false, at: 1000)
    }
    let restarted = sandbox.engine()
    // The client resends the chunk it got no answer for.
    let middle = try await sandbox.upload(restarted, token, Self.b, resume: true, final: false, at: 1000)
    #expect(middle.uploadedFileSize == 2000)
    let done = try await sandbox.upload(restarted, token, Self.c, resume: true, final: true, at: 2000)
    #expect(done.status == .fullUpload)
    #expect(done.uploadedFileSize == 3000)
    #expect(try sandbox.stored(token) == Self.content)
  }

  @Test(arguments: [UploadEngine.CrashPoint.filesWritten, .committed])
  func aKilledDrainOfWaitingChunksIsRedone(point: UploadEngine.CrashPoint) async throws {
    let sandbox = try CrashSandbox()
    let token = try sandbox.newToken()
    let engine = sandbox.engine()
    let content = lcgBytes(4000, seed: 5)
    let (a, b, c, d) = (content[0..<1000], content[1000..<2000], content[2000..<3000], content[3000...])
    _ = try await sandbox.upload(engine, token, a, resume: false, final: false, at: 0)
    _ = try await sandbox.upload(engine, token, c, resume: true, final: false, at: 2000)  // waits
    _ = try await sandbox.upload(engine, token, b, resume: true, final: false, at: 1000)
    // The final chunk waits too, then drains c and itself into the data file: killed there.
    await #expect(throws: Killed.self) {
      _ = try await sandbox.upload(sandbox.engine(crashingAt: point), token, d, resume: true, final: true, at: 3000)
    }
    let state = try #require(try sandbox.store.token(id: token))
    if point == .filesWritten {
      #expect(state.uploadedFileSize == 2000)  // nothing of the killed call counts
      let retried = try await sandbox.upload(sandbox.engine(), token, d, resume: true, final: true, at: 3000)
      #expect(retried.status == .fullUpload)
    } else {
      #expect(state.status == .fullUpload)  // recorded whole; only leftover files to forget
    }
    #expect(try sandbox.store.token(id: token)?.uploadedFileSize == 4000)
    #expect(try sandbox.stored(token) == content)
    #expect(try sandbox.store.pendingChunks(tokenId: token).isEmpty)
  }

  @Test func aKilledRestartLeavesAnEmptyUploadThatResumesFromZero() async throws {
    let sandbox = try CrashSandbox()
    let token = try sandbox.newToken()
    _ = try await sandbox.upload(sandbox.engine(), token, Self.c, resume: false, final: false, at: 0)
    await #expect(throws: Killed.self) {
      _ = try await sandbox.upload(
        sandbox.engine(crashingAt: .filesWritten), token, Self.a, resume: false, final: false, at: 0)
    }
    // The database counts no bytes it cannot vouch for, so a resume from 0 rebuilds the file.
    #expect(try sandbox.store.token(id: token)?.uploadedFileSize == 0)
    let engine = sandbox.engine()
    _ = try await sandbox.upload(engine, token, Self.a, resume: true, final: false, at: 0)
    _ = try await sandbox.upload(engine, token, Self.b, resume: true, final: false, at: 1000)
    let done = try await sandbox.upload(engine, token, Self.c, resume: true, final: true, at: 2000)
    #expect(done.status == .fullUpload)
    #expect(try sandbox.stored(token) == Self.content)
  }
}
