import Foundation
import JSONValue
import KalturaWire

/// Performs prepared requests: the only asynchronous part of a walkthrough. Whole-file uploads
/// go through the injected `ChunkedUploading` when `UploadPlan` says so.
public struct StepRunner: Sendable {
  public var transport: any HTTPTransport
  public var uploader: (any ChunkedUploading)?
  /// Files larger than this go through `uploader` (when set).
  public var chunkSize: Int64
  public var parallelism: Int

  public init(
    transport: any HTTPTransport, uploader: (any ChunkedUploading)? = nil, chunkSize: Int64 = 8 << 20,
    parallelism: Int = 4
  ) {
    self.transport = transport
    self.uploader = uploader
    self.chunkSize = chunkSize
    self.parallelism = parallelism
  }

  /// Builds, sends and records one step. A step that cannot be built (no session) or sends
  /// nothing is reported as a failed exchange that is not recorded.
  ///
  /// A file larger than one chunk goes through the uploader. When the step holds a checkpoint
  /// for the same upload token (an earlier, interrupted run of this step, or a loaded session),
  /// or `resumeUpload` is set, the upload resumes: the server is asked what it holds and only the
  /// missing bytes are sent. Every checkpoint is stored in the step and passed to `onCheckpoint`
  /// (save the session there to resume after a crash).
  public func run(
    step: Int, engine: inout WalkthroughEngine, resumeUpload: Bool = false,
    onCheckpoint: @escaping @Sendable (JSONValue) -> Void = { _ in },
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async -> Exchange {
    let prepared: PreparedRequest
    do {
      prepared = try engine.prepareRequest(step: step)
    } catch {
      return Exchange(method: "POST", url: "", ok: false, error: error.description, startedAt: Self.now())
    }
    let plan = self.plan(for: prepared, state: engine.session[step], resumeRequested: resumeUpload)
    let latest = CheckpointBox()
    let exchange = await send(
      prepared, credentials: engine.credentials, plan: plan,
      onCheckpoint: { checkpoint in
        latest.set(checkpoint)
        onCheckpoint(checkpoint)
      }, progress: progress)
    if let checkpoint = latest.value { engine.session[step].uploadCheckpoint = checkpoint }
    engine.record(exchange, step: step)
    return exchange
  }

  /// Sends a prepared request and judges the reply. Never throws: failures are exchanges too.
  public func send(
    _ prepared: PreparedRequest, credentials: ServiceCredentials,
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async -> Exchange {
    await send(prepared, credentials: credentials, uploadStart: .fresh, onCheckpoint: { _ in }, progress: progress)
  }

  /// `send` with control over a chunked upload: how it starts (`.resume` carries the step's
  /// checkpoint, if any) and where its checkpoints go.
  public func send(
    _ prepared: PreparedRequest, credentials: ServiceCredentials, uploadStart: UploadStart,
    onCheckpoint: @escaping @Sendable (JSONValue) -> Void, progress: @escaping @Sendable (UploadProgress) -> Void
  ) async -> Exchange {
    let checkpoint: JSONValue? = if case .resume(let saved) = uploadStart { saved } else { nil }
    let resumes = uploadStart != .fresh
    let plan = UploadPlan.decide(
      upload: prepared.upload, fileSize: prepared.upload.map { fileSize($0.filePath) } ?? 0, checkpoint: checkpoint,
      resumeRequested: resumes, policy: policy)
    return await send(prepared, credentials: credentials, plan: plan, onCheckpoint: onCheckpoint, progress: progress)
  }

  /// Sends `prepared` as `plan` says: one request, or through the uploader.
  func send(
    _ prepared: PreparedRequest, credentials: ServiceCredentials, plan: UploadPlan,
    onCheckpoint: @escaping @Sendable (JSONValue) -> Void, progress: @escaping @Sendable (UploadProgress) -> Void
  ) async -> Exchange {
    let startedAt = Self.now()
    let clock = ContinuousClock()
    let start = clock.now
    var exchange = Exchange(
      method: prepared.spec.method, url: prepared.displayURL, requestBody: prepared.displayBody, ok: false,
      startedAt: startedAt)
    if let missing = missingFile(prepared.spec.body) {
      exchange.error = "file not found: \(missing)"
      return exchange
    }
    do {
      let reply: HTTPReply
      if let upload = prepared.upload, let uploader, let managed = plan.managed {
        let job = ChunkedUploadJob(
          serviceURL: credentials.apiBaseURL, ks: credentials.ks, partnerID: credentials.partnerID,
          uploadTokenID: upload.uploadTokenID, filePath: upload.filePath, fileName: upload.fileName,
          chunkSize: managed.chunkSize, parallelism: managed.parallelism)
        let result =
          if let resumable = uploader as? any ResumableChunkedUploading {
            try await resumable.upload(job, start: plan.start, onCheckpoint: onCheckpoint, progress: progress)
          } else {
            try await uploader.upload(job, progress: progress)
          }
        reply = result.reply
        // The form's one request never went as such: the exchange shows the final chunk the
        // uploader sent, whose reply it keeps (its resume/finalChunk/resumeAt are the uploader's).
        exchange.url = Redaction.redactURL(result.request.url)
        exchange.requestBody = Self.finalChunkBody(result.request, shown: exchange.requestBody)
      } else {
        exchange.requestBody = Self.withFileSamples(exchange.requestBody)
        reply = try await transport.send(prepared.spec)
        exchange.retries = reply.retries
      }
      let judged = JudgedReply(reply)
      exchange.status = reply.status
      exchange.reply = judged.body
      exchange.replyIsJSON = judged.isJSON
      exchange.ok = judged.ok
      exchange.error = judged.error
      exchange.errorCode = judged.errorCode
      exchange.synthesized = reply.headers.contains {
        $0.key.lowercased() == "x-sandbox-synthesized" && $0.value == "true"
      }
    } catch {
      exchange.error = Redaction.scrub(String(describing: error), secrets: credentials.secretStrings)
    }
    exchange.milliseconds = Self.milliseconds(clock.now - start)
    return exchange
  }

  /// The settings `UploadPlan.decide` weighs for this runner.
  public var policy: UploadPolicy {
    let support: UploaderSupport =
      uploader == nil ? .none : uploader is any ResumableChunkedUploading ? .resumable : .chunked
    return UploadPolicy(chunkSize: chunkSize, parallelism: parallelism, uploader: support)
  }

  /// How `prepared` would travel for a step in `state` (its checkpoint, if any); the TUI shows
  /// the managed upload's `managedFields` as set by the uploader.
  public func plan(for prepared: PreparedRequest, state: StepState?, resumeRequested: Bool = false) -> UploadPlan {
    UploadPlan.decide(
      upload: prepared.upload, fileSize: prepared.upload.map { fileSize($0.filePath) } ?? 0,
      checkpoint: state?.uploadCheckpoint, resumeRequested: resumeRequested, policy: policy)
  }

  /// Fetches a dynamic enum's choices for a field, with the session.
  public func options(step: Int, path: String, engine: WalkthroughEngine) async throws -> [EnumChoice] {
    guard let field = engine.form(step)?.field(path), let dynamicEnum = field.dynamicEnum,
      let prepared = engine.dynamicEnumRequest(step: step, path: path)
    else { return [] }
    let exchange = await send(prepared, credentials: engine.credentials)
    guard exchange.ok, let reply = exchange.reply else {
      throw TransportError(exchange.error ?? "listing the choices failed")
    }
    return DynamicEnumOptions.choices(in: reply, for: dynamicEnum)
  }

  /// The final chunk's form fields (secrets masked) with the files of the shown body.
  static func finalChunkBody(_ request: HTTPRequestSpec, shown: JSONValue?) -> JSONValue? {
    guard case .multipart(let parts) = request.body else { return shown }
    var fields = JSONObject()
    for case .field(let name, let value) in parts { fields[name] = .string(value) }
    var body = JSONObject()
    body["fields"] = Redaction.redact(.object(fields))
    if let files = shown?["files"] { body["files"] = files }
    return .object(body)
  }

  /// The shown multipart body with each file's size and sample hash beside its path, so a
  /// replay notices a file that changed since (`{"files": [{"name", "path", "size", "headTailSHA256"}]}`).
  static func withFileSamples(_ body: JSONValue?) -> JSONValue? {
    guard var shown = body?.objectValue, let files = shown["files"]?.arrayValue else { return body }
    shown["files"] = .array(
      files.map { file in
        guard var entry = file.objectValue, let path = entry["path"]?.stringValue,
          let sample = FileSample.of(path: path)
        else { return file }
        entry["size"] = .int(Int(sample.size))
        entry["headTailSHA256"] = .string(sample.headTailSHA256)
        return .object(entry)
      })
    return .object(shown)
  }

  private func missingFile(_ body: HTTPRequestBody) -> String? {
    guard case .multipart(let parts) = body else { return nil }
    for case .file(_, let path, _, _, _) in parts where !FileManager.default.isReadableFile(atPath: path) {
      return path
    }
    return nil
  }

  func fileSize(_ path: String) -> Int64 {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
  }

  static func now() -> Double { Date().timeIntervalSince1970 }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }
}

/// A whole-file upload the uploader takes over: chunks of about `chunkSize` bytes, `parallelism`
/// at a time, each with its own `resume`/`finalChunk`/`resumeAt`, so the form's values of those
/// fields are not what is sent.
public struct ManagedUpload: Sendable, Hashable {
  public var uploadTokenID: String
  public var filePath: String
  public var fileSize: Int64
  /// The starting chunk size and parallelism (the uploader adapts them to the throughput).
  public var chunkSize: Int64
  public var parallelism: Int
  /// The step holds a checkpoint for this token: running it continues that upload.
  public var resumesSavedUpload: Bool
  /// Form fields whose values the uploader sets per chunk.
  public var managedFields: [String] { Self.managedFieldNames }

  public static let managedFieldNames = ["resume", "finalChunk", "resumeAt"]

  public init(
    uploadTokenID: String, filePath: String, fileSize: Int64, chunkSize: Int64, parallelism: Int,
    resumesSavedUpload: Bool
  ) {
    self.uploadTokenID = uploadTokenID
    self.filePath = filePath
    self.fileSize = fileSize
    self.chunkSize = chunkSize
    self.parallelism = parallelism
    self.resumesSavedUpload = resumesSavedUpload
  }
}

/// The last checkpoint an upload reported, read once the upload is over.
private final class CheckpointBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: JSONValue?
  func set(_ value: JSONValue) { lock.withLock { stored = value } }
  var value: JSONValue? { lock.withLock { stored } }
}
