import Foundation
import KalturaWire

/// `uploadToken.upload`: Kaltura's chunk state machine (protocol notes §5.3). Contiguous bytes
/// live in `<token>.data`; chunks beyond a gap wait as `<token>.<offset>.pending` files until the
/// gap closes. Calls for one token are serialised; different tokens proceed in parallel.
struct UploadEngine: Sendable {
  let store: SandboxStore
  let files: FileStorage
  let locks: KeyedLock
  /// How long a final chunk waits for chunks still in flight before answering
  /// `UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE`. Kaltura waits 45 s; clients time out sooner.
  var finalChunkWait: Double = 2
  /// A partial upload untouched this long cannot be resumed (`upload_token_max_resume_time`).
  static let maxResumeSeconds = 7 * 24 * 3600

  struct Request: Sendable {
    var tokenId: String
    var chunk: SpooledFile
    var resume: Bool
    var finalChunk: Bool
    var resumeAt: Int64
  }

  private enum Step: Sendable {
    case done(UploadTokenRecord)
    case incomplete
  }

  func upload(_ request: Request, caller: Caller) async throws -> UploadTokenRecord {
    let first = try await locks.withLock(request.tokenId) { try self.apply(request, caller: caller) }
    if case .done(let token) = first { return token }
    let deadline = Date().addingTimeInterval(finalChunkWait)
    while Date() < deadline {
      try await Task.sleep(nanoseconds: 50_000_000)
      let step = try await locks.withLock(request.tokenId) { try self.retryFinal(request, caller: caller) }
      if case .done(let token) = step { return token }
    }
    throw KalturaAPIError.uploadTokenCannotMatchExpectedSize
  }

  func visibleToken(_ id: String, caller: Caller) throws -> UploadTokenRecord {
    guard let token = try store.token(id: id), caller.canSee(token) else { throw KalturaAPIError.uploadTokenNotFound }
    return token
  }

  /// Where a test may stop a chunk as a kill would (`crashPoint`): after the files changed but
  /// before the database did, or after the database but before drained chunk files are removed.
  enum CrashPoint: Sendable {
    case filesWritten
    case committed
  }

  /// Fault injection for tests: throwing here leaves files and database as a kill at that point
  /// would (nothing after it runs; the open transaction is not committed).
  var crashPoint: (@Sendable (CrashPoint) throws -> Void)?

  /// What one call changes in the database, committed as one transaction after the files.
  private struct ChunkChange {
    var adding: [PendingChunk] = []
    var drained: [PendingChunk] = []
  }

  private func apply(_ request: Request, caller: Caller) throws -> Step {
    var token = try visibleToken(request.tokenId, caller: caller)
    guard token.status == .pending || token.status == .partialUpload else {
      throw KalturaAPIError.uploadTokenInvalidStatusForUpload
    }
    if token.status == .partialUpload && token.updatedAt < unixNow() - Self.maxResumeSeconds {
      throw KalturaAPIError.uploadPassedMaxResumeTime(seconds: Self.maxResumeSeconds)
    }
    if token.fileName?.isEmpty ?? true, !request.chunk.fileName.isEmpty { token.fileName = request.chunk.fileName }
    let chunk = request.chunk
    if chunk.length == 0 && !request.finalChunk && request.resumeAt > 0 { return .done(token) }
    var pending = try reconcile(token)

    let dataPath = files.tokenDataPath(token.id)
    var contiguous = token.uploadedFileSize
    var change = ChunkChange()
    let verifiesFinal = request.resume && request.finalChunk && request.resumeAt > 0
    if !request.resume {
      // Starting over rewrites bytes the database counts: record the reset first, so a crash
      // while writing leaves an empty upload rather than a count over foreign bytes.
      token.hasData = true
      token.uploadedFileSize = 0
      try store.updateToken(token)
      try files.truncate(dataPath, to: 0)
      try files.write(from: chunk.path, skipping: 0, into: dataPath, at: 0)
      contiguous = chunk.length
    } else if !token.hasData {
      throw KalturaAPIError.uploadTokenCannotResume
    } else if request.resumeAt < 0 {
      try files.write(from: chunk.path, skipping: 0, into: dataPath, at: contiguous)
      contiguous += chunk.length
    } else if verifiesFinal {
      contiguous = try place(chunk, at: request.resumeAt, token: token.id, contiguous: contiguous, &change)
      pending = Self.merged(pending, change.adding)
      contiguous = try drainPending(&pending, token: token.id, contiguous: contiguous, &change)
    } else {
      // Kaltura's middle-chunk order: first append the waiting chunks that start exactly at the
      // end, then place this one. A gap this chunk closes is counted on the next call, so the
      // reply's `uploadedFileSize` matches the real server's (protocol notes §5.3, §5.6).
      contiguous = try drainWaitingAtEnd(&pending, token: token.id, contiguous: contiguous, &change)
      contiguous = try place(chunk, at: request.resumeAt, token: token.id, contiguous: contiguous, &change)
      // autoFinalize treats the chunk that completes the declared size as the final one.
      if token.autoFinalize == 1 && token.fileSize != nil {
        pending = Self.merged(pending, change.adding)
        contiguous = try drainPending(&pending, token: token.id, contiguous: contiguous, &change)
      }
    }
    token.uploadedFileSize = contiguous
    token.updatedAt = unixNow()

    if verifiesFinal && contiguous != request.resumeAt + chunk.length {
      // Keep what arrived; the final call is retried (by us briefly, then by the client).
      if token.status == .pending { token.status = .partialUpload }
      try commit(token, change)
      return .incomplete
    }
    token.status = request.finalChunk || reachedAutoFinalizeSize(token) ? .fullUpload : .partialUpload
    try commit(token, change)
    return .done(token)
  }

  /// Brings the files back to what the database records, after a crash between the two: bytes
  /// past the counted end are cut off (they are sent again), and a waiting chunk whose file is
  /// gone or of another length is forgotten (the client resends it). Returns the waiting chunks.
  private func reconcile(_ token: UploadTokenRecord) throws -> [PendingChunk] {
    let dataPath = files.tokenDataPath(token.id)
    if token.hasData && files.size(dataPath) > token.uploadedFileSize {
      try files.truncate(dataPath, to: token.uploadedFileSize)
    }
    var pending = try store.pendingChunks(tokenId: token.id)
    let broken = pending.filter { files.size($0.path) != $0.length }
    if !broken.isEmpty {
      try store.commitChunk(token, adding: [], removing: broken.map(\.offset))
      pending.removeAll { broken.contains($0) }
    }
    return pending
  }

  /// The waiting chunks once `added` joins them: a chunk at an offset already waiting replaces
  /// it (its file did), lowest offset first, as the store lists them.
  private static func merged(_ pending: [PendingChunk], _ added: [PendingChunk]) -> [PendingChunk] {
    let offsets = Set(added.map(\.offset))
    return (pending.filter { !offsets.contains($0.offset) } + added).sorted { $0.offset < $1.offset }
  }

  /// Records the call's change in one transaction, then removes the files it drained.
  private func commit(_ token: UploadTokenRecord, _ change: ChunkChange) throws {
    try crashPoint?(.filesWritten)
    // A chunk placed and drained in the same call never needs a row.
    let drained = Set(change.drained.map(\.offset))
    try store.commitChunk(
      token, adding: change.adding.filter { !drained.contains($0.offset) }, removing: Array(drained))
    try crashPoint?(.committed)
    for chunk in change.drained { files.remove(chunk.path) }
  }

  /// `autoFinalize=1` with a `fileSize`: the upload completes once that many contiguous bytes
  /// are stored, even without `finalChunk` (Kaltura's counter rule, §5.4).
  private func reachedAutoFinalizeSize(_ token: UploadTokenRecord) -> Bool {
    guard token.autoFinalize == 1, let size = token.fileSize else { return false }
    return Double(token.uploadedFileSize) >= size
  }

  private func retryFinal(_ request: Request, caller: Caller) throws -> Step {
    var token = try visibleToken(request.tokenId, caller: caller)
    if token.status == .fullUpload { return .done(token) }
    guard token.status == .pending || token.status == .partialUpload else {
      throw KalturaAPIError.uploadTokenInvalidStatusForUpload
    }
    var pending = try reconcile(token)
    var change = ChunkChange()
    let contiguous = try drainPending(&pending, token: token.id, contiguous: token.uploadedFileSize, &change)
    token.uploadedFileSize = contiguous
    guard contiguous == request.resumeAt + request.chunk.length else {
      try commit(token, change)
      return .incomplete
    }
    token.status = .fullUpload
    token.updatedAt = unixNow()
    try commit(token, change)
    return .done(token)
  }

  /// Writes a chunk that touches the contiguous end, keeps one beyond it for later and drops one
  /// wholly inside it (a duplicate). Returns the new contiguous length.
  private func place(
    _ chunk: SpooledFile, at offset: Int64, token: String, contiguous: Int64, _ change: inout ChunkChange
  ) throws -> Int64 {
    let end = offset + chunk.length
    if offset <= contiguous {
      guard end > contiguous else { return contiguous }
      try files.write(from: chunk.path, skipping: contiguous - offset, into: files.tokenDataPath(token), at: contiguous)
      return end
    }
    guard chunk.length > 0 else { return contiguous }
    let pendingPath = files.pendingPath(token, offset: offset)
    try files.move(chunk.path, to: pendingPath)
    change.adding.append(PendingChunk(offset: offset, length: chunk.length, path: pendingPath))
    return contiguous
  }

  /// Appends waiting chunks whose offset is exactly the contiguous end, at most 10 per call
  /// (`kUploadTokenMgr::appendAvailableChunks`).
  private func drainWaitingAtEnd(
    _ pending: inout [PendingChunk], token: String, contiguous start: Int64, _ change: inout ChunkChange
  ) throws -> Int64 {
    var contiguous = start
    for _ in 0..<10 {
      guard let index = pending.firstIndex(where: { $0.offset == contiguous }) else { break }
      let chunk = pending.remove(at: index)
      try files.write(from: chunk.path, skipping: 0, into: files.tokenDataPath(token), at: contiguous)
      contiguous += chunk.length
      change.drained.append(chunk)
    }
    return contiguous
  }

  /// The final chunk's drain: every waiting chunk that touches or overlaps the end, lowest
  /// offset first, until none does.
  private func drainPending(
    _ pending: inout [PendingChunk], token: String, contiguous start: Int64, _ change: inout ChunkChange
  ) throws -> Int64 {
    var contiguous = start
    while let index = pending.firstIndex(where: { $0.offset <= contiguous }) {
      let chunk = pending.remove(at: index)
      let end = chunk.offset + chunk.length
      if end > contiguous {
        try files.write(
          from: chunk.path, skipping: contiguous - chunk.offset, into: files.tokenDataPath(token), at: contiguous)
        contiguous = end
      }
      change.drained.append(chunk)
    }
    return contiguous
  }
}

func unixNow() -> Int { Int(Date().timeIntervalSince1970) }
