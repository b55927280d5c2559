import KalturaWire

/// The state of one upload while it runs; the coordinator owns it, chunk tasks only send.
struct UploadRun {
  let job: ChunkedUploadJob
  let sender: ChunkSender
  let finalChunkRetry: RetryPolicy
  let size: Int64
  let onCheckpoint: (@Sendable (UploadCheckpoint) -> Void)?
  let progress: @Sendable (UploadProgress) -> Void
  let origin = ContinuousClock.now
  var checkpoint: UploadCheckpoint
  var tuner: ThroughputTuner
  var meter = RateMeter()
  var bytesDone: Int64 = 0

  static func start(
    _ uploader: ParallelChunkedUploader, job: ChunkedUploadJob,
    onCheckpoint: (@Sendable (UploadCheckpoint) -> Void)?, progress: @escaping @Sendable (UploadProgress) -> Void
  ) async throws -> UploadRun {
    let fingerprint = try await FileFingerprint.compute(path: job.filePath)
    return UploadRun(
      job: job, sender: ChunkSender(transport: uploader.transport, retry: uploader.retry, tally: UploadTally()),
      finalChunkRetry: uploader.finalChunkRetry, size: fingerprint.size, onCheckpoint: onCheckpoint,
      progress: progress, checkpoint: UploadCheckpoint(uploadTokenID: job.uploadTokenID, fingerprint: fingerprint),
      tuner: ThroughputTuner(tuning: uploader.tuning, chunkSize: job.chunkSize, parallelism: job.parallelism))
  }

  mutating func fromScratch() async throws -> UploadOutcome {
    checkpoint = UploadCheckpoint(uploadTokenID: job.uploadTokenID, fingerprint: checkpoint.fingerprint)
    bytesDone = 0
    await emit(inFlight: 0)
    let first = FileRange(offset: 0, length: min(size, tuner.chunkSize))
    let single = first.length == size
    let request = UploadTokenCalls.upload(job, range: first, resume: false, finalChunk: single, resumeAt: 0)
    await emit(inFlight: 1)
    let sent: ChunkSender.Sent
    do { sent = try await sender.send(request, offset: 0, fileBytes: first.length) } catch {
      // The token refuses a first chunk when it already holds the whole file (the final chunk
      // landed, then the run was killed before it was recorded): that upload is done.
      guard Self.isInvalidStatusForUpload(error), let done = try await completedToken() else { throw error }
      acknowledge(FileRange(offset: 0, length: size))
      return await finished(reply: done, request: request)
    }
    try requireToken(sent, request: request)
    acknowledge(first)
    if single { return await finished(reply: sent.reply, request: request) }
    try await sendInParallel(checkpoint.missing(from: first.length, size: size))
    return try await sendFinalChunk(trustedPending: false)
  }

  mutating func resuming() async throws -> UploadOutcome {
    let request = UploadTokenCalls.get(job)
    let sent = try await sender.send(request, offset: 0, fileBytes: 0)
    guard case .token(let token) = sent.outcome else { return try await fromScratch() }
    let uploaded = token.uploadedFileSize ?? 0
    if token.takesNoMoreBytes {
      guard token.isComplete(size: size) else {
        throw ChunkedUploadError.tokenHoldsOtherFile(uploaded: uploaded, fileSize: size)
      }
      acknowledge(FileRange(offset: 0, length: size))
      return await finished(reply: sent.reply, request: request)
    }
    guard uploaded <= size else { throw ChunkedUploadError.tokenHoldsOtherFile(uploaded: uploaded, fileSize: size) }
    if uploaded == 0 { return try await fromScratch() }
    checkpoint.add(FileRange(offset: 0, length: uploaded))
    let missing = checkpoint.missing(from: uploaded, size: size)
    let trusted = missing.reduce(0) { $0 + $1.length } < size - uploaded
    bytesDone = size - missing.reduce(0) { $0 + $1.length }
    onCheckpoint?(checkpoint)
    await emit(inFlight: 0)
    try await sendInParallel(missing)
    return try await sendFinalChunk(trustedPending: trusted)
  }

  /// Middle chunks: `resume=true, finalChunk=false, resumeAt=offset`, up to `parallelism` at once.
  mutating func sendInParallel(_ ranges: [FileRange]) async throws {
    var queue = ChunkQueue(ranges: ranges)
    let sender = self.sender
    let job = self.job
    let origin = self.origin
    try await withThrowingTaskGroup(of: FinishedChunk.self) { group in
      var inFlight = 0
      while true {
        while inFlight < tuner.parallelism, let chunk = queue.next(size: tuner.chunkSize) {
          let request = UploadTokenCalls.upload(
            job, range: chunk, resume: true, finalChunk: false, resumeAt: chunk.offset)
          let startedAt = origin.secondsElapsed
          group.addTask {
            let sent = try await sender.send(request, offset: chunk.offset, fileBytes: chunk.length)
            return FinishedChunk(
              range: chunk, sent: sent, request: request, startedAt: startedAt, endedAt: origin.secondsElapsed)
          }
          inFlight += 1
        }
        await emit(inFlight: inFlight)
        guard let done = try await group.next() else { break }
        inFlight -= 1
        try requireToken(done.sent, request: done.request)
        acknowledge(done.range)
        tuner.chunkFinished(
          bytes: done.range.length, seconds: done.endedAt - done.startedAt, startedAt: done.startedAt,
          now: done.endedAt)
      }
    }
  }

  /// The empty closing chunk at `resumeAt=size`, repeated while the server is still assembling.
  /// When chunks the checkpoint trusted turn out to be gone, everything past the server's
  /// contiguous size is sent again once.
  mutating func sendFinalChunk(trustedPending: Bool) async throws -> UploadOutcome {
    let request = UploadTokenCalls.upload(
      job, range: FileRange(offset: size, length: 0), resume: true, finalChunk: true, resumeAt: size)
    var attempt = 1
    while true {
      await emit(inFlight: 1)
      let sent = try await sender.send(request, offset: size, fileBytes: 0)
      if case .token = sent.outcome { return await finished(reply: sent.reply, request: request) }
      if attempt < finalChunkRetry.maxAttempts {
        await sender.tally.retried()
        try await finalChunkRetry.sleep(afterAttempt: attempt)
        attempt += 1
        continue
      }
      let state = try await serverState()
      guard trustedPending, let uploaded = state.uploadedFileSize, uploaded < size else {
        throw ChunkedUploadError.finalChunkNeverMatched(expected: size, lastUploaded: state.uploadedFileSize)
      }
      checkpoint = UploadCheckpoint(
        uploadTokenID: job.uploadTokenID, fingerprint: checkpoint.fingerprint,
        acknowledged: [FileRange(offset: 0, length: uploaded)])
      bytesDone = uploaded
      try await sendInParallel([FileRange(offset: uploaded, length: size - uploaded)])
      return try await sendFinalChunk(trustedPending: false)
    }
  }

  /// The `uploadToken.get` reply when the token holds this whole file and takes no more bytes
  /// (FULL_UPLOAD or CLOSED with `uploadedFileSize` == the file's size).
  private func completedToken() async throws -> HTTPReply? {
    let sent = try await sender.send(UploadTokenCalls.get(job), offset: 0, fileBytes: 0)
    guard case .token(let token) = sent.outcome, token.isComplete(size: size) else { return nil }
    return sent.reply
  }

  static func isInvalidStatusForUpload(_ error: any Error) -> Bool {
    guard case ChunkedUploadError.api(let api, _, _) = error else { return false }
    return api.code == "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD"
  }

  private func serverState() async throws -> UploadTokenState {
    let request = UploadTokenCalls.get(job)
    let sent = try await sender.send(request, offset: 0, fileBytes: 0)
    guard case .token(let state) = sent.outcome else { return UploadTokenState(.null) }
    return state
  }

  private func requireToken(_ sent: ChunkSender.Sent, request: HTTPRequestSpec) throws {
    if case .expectedSizeMismatch(let error) = sent.outcome {
      throw ChunkedUploadError.api(error, reply: sent.reply, request: request)
    }
  }

  private mutating func acknowledge(_ range: FileRange) {
    checkpoint.add(range)
    bytesDone = min(size, bytesDone + range.length)
    onCheckpoint?(checkpoint)
  }

  private mutating func finished(reply: HTTPReply, request: HTTPRequestSpec) async -> UploadOutcome {
    bytesDone = size
    await emit(inFlight: 0)
    return UploadOutcome(
      reply: reply, request: request, checkpoint: checkpoint, fileBytesSent: await sender.tally.fileBytesSent,
      retries: await sender.tally.retries)
  }

  private mutating func emit(inFlight: Int) async {
    meter.record(bytesDone: bytesDone, at: origin.secondsElapsed)
    progress(
      UploadProgress(
        bytesDone: bytesDone, bytesTotal: size, bytesPerSecond: meter.bytesPerSecond,
        etaSeconds: meter.eta(remaining: size - bytesDone), chunksInFlight: inFlight,
        retries: await sender.tally.retries, chunkSize: tuner.chunkSize))
  }
}

struct FinishedChunk: Sendable {
  var range: FileRange
  var sent: ChunkSender.Sent
  var request: HTTPRequestSpec
  var startedAt: Double
  var endedAt: Double
}

/// Hands out chunks from a list of byte ranges, each as long as asked at the moment it is cut.
struct ChunkQueue {
  private var ranges: [FileRange]
  private var index = 0

  init(ranges: [FileRange]) { self.ranges = ranges.filter { $0.length > 0 } }

  mutating func next(size: Int64) -> FileRange? {
    guard index < ranges.count else { return nil }
    let range = ranges[index]
    let length = min(max(1, size), range.length)
    if length == range.length {
      index += 1
    } else {
      ranges[index] = FileRange(offset: range.offset + length, length: range.length - length)
    }
    return FileRange(offset: range.offset, length: length)
  }
}

extension ContinuousClock.Instant {
  var secondsElapsed: Double {
    let elapsed = duration(to: .now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}
