import JSONValue
import KalturaWire

/// The result of a chunked upload: the final exchange (its reply is the `KalturaUploadToken`),
/// the checkpoint as it ended, and what it cost.
public struct UploadOutcome: Sendable {
  public var reply: HTTPReply
  public var request: HTTPRequestSpec
  public var checkpoint: UploadCheckpoint
  /// File bytes put into requests by this run, retries included.
  public var fileBytesSent: Int64
  public var retries: Int
}

/// Uploads a file into an upload token as Kaltura's parallel protocol describes: a first chunk with
/// `resume=false`, the rest in parallel with `resume=true, resumeAt=offset`, then an empty final
/// chunk with `finalChunk=true, resumeAt=size`, retried while the server answers
/// UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE. A file no larger than one chunk goes in one request.
/// Chunks are streamed from disk by the transport; failed chunks are retried with backoff.
public struct ParallelChunkedUploader: ResumableChunkedUploading {
  public var transport: any HTTPTransport
  public var tuning: UploadTuning
  public var retry: RetryPolicy
  /// How patiently the final chunk is repeated while the server still assembles the file.
  public var finalChunkRetry: RetryPolicy

  public init(
    transport: any HTTPTransport, tuning: UploadTuning = UploadTuning(), retry: RetryPolicy = .chunks,
    finalChunkRetry: RetryPolicy = RetryPolicy(maxAttempts: 30, baseDelay: 0.2, maxDelay: 2, jitter: 0.2)
  ) {
    self.transport = transport
    self.tuning = tuning
    self.retry = retry
    self.finalChunkRetry = finalChunkRetry
  }

  public func upload(
    _ job: ChunkedUploadJob, progress: @escaping @Sendable (UploadProgress) -> Void
  ) async throws -> (reply: HTTPReply, request: HTTPRequestSpec) {
    let outcome = try await start(job, onCheckpoint: nil, progress: progress)
    return (outcome.reply, outcome.request)
  }

  /// The walkthrough's entry point: checkpoints travel as JSON (`UploadCheckpoint.json`). A
  /// checkpoint that does not parse, or names another token, is ignored: the server is asked anyway.
  public func upload(
    _ job: ChunkedUploadJob, start: UploadStart, onCheckpoint: @escaping @Sendable (JSONValue) -> Void,
    progress: @escaping @Sendable (UploadProgress) -> Void
  ) async throws -> (reply: HTTPReply, request: HTTPRequestSpec) {
    let report: @Sendable (UploadCheckpoint) -> Void = { onCheckpoint($0.json) }
    let outcome: UploadOutcome
    switch start {
    case .fresh:
      outcome = try await self.start(job, onCheckpoint: report, progress: progress)
    case .resume(let saved):
      let checkpoint = saved.flatMap(UploadCheckpoint.init(json:))
      outcome = try await resume(job, checkpoint: checkpoint, onCheckpoint: report, progress: progress)
    }
    return (outcome.reply, outcome.request)
  }

  /// Uploads the whole file from its first byte into a fresh token; `onCheckpoint` hears of every
  /// acknowledged chunk (keep the last checkpoint in the session file to resume across restarts).
  public func start(
    _ job: ChunkedUploadJob, onCheckpoint: (@Sendable (UploadCheckpoint) -> Void)? = nil,
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async throws -> UploadOutcome {
    var run = try await UploadRun.start(self, job: job, onCheckpoint: onCheckpoint, progress: progress)
    return try await run.fromScratch()
  }

  /// Resumes an interrupted upload: asks the server (`uploadToken.get`) how many contiguous bytes
  /// it holds, skips the chunks the checkpoint says it acknowledged beyond them, and sends the rest.
  /// Without a checkpoint only the server's `uploadedFileSize` is trusted. A token already complete
  /// is returned as is. Throws `fileChanged` when the file no longer matches the checkpoint.
  public func resume(
    _ job: ChunkedUploadJob, checkpoint: UploadCheckpoint? = nil,
    onCheckpoint: (@Sendable (UploadCheckpoint) -> Void)? = nil,
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async throws -> UploadOutcome {
    var run = try await UploadRun.start(self, job: job, onCheckpoint: onCheckpoint, progress: progress)
    if let checkpoint, checkpoint.uploadTokenID == job.uploadTokenID {
      guard checkpoint.fingerprint.sameContent(as: run.checkpoint.fingerprint) else {
        throw ChunkedUploadError.fileChanged(path: job.filePath)
      }
      run.checkpoint = UploadCheckpoint(
        uploadTokenID: job.uploadTokenID, fingerprint: run.checkpoint.fingerprint,
        acknowledged: checkpoint.acknowledged)
    }
    return try await run.resuming()
  }
}
