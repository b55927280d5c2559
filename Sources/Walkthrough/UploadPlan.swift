import JSONValue
import KalturaWire

/// What a runner can hand a whole-file upload to.
public enum UploaderSupport: Sendable, Hashable {
  /// No uploader: every step goes as one request.
  case none
  /// Chunks, but no resume from a checkpoint.
  case chunked
  /// Chunks, resumed from a checkpoint or from what the server holds.
  case resumable
}

/// The runner's upload settings the plan is decided with.
public struct UploadPolicy: Sendable, Hashable {
  /// Files larger than this go through the uploader.
  public var chunkSize: Int64
  public var parallelism: Int
  public var uploader: UploaderSupport

  public init(chunkSize: Int64 = 8 << 20, parallelism: Int = 4, uploader: UploaderSupport) {
    self.chunkSize = chunkSize
    self.parallelism = parallelism
    self.uploader = uploader
  }
}

/// How a step's upload travels and how it starts: the one decision the console (its form and
/// its send), `run` and `replay` share.
public struct UploadPlan: Sendable, Hashable {
  /// nil: one request with the form's values; else the uploader takes over.
  public var managed: ManagedUpload?
  public var start: UploadStart

  public var isChunked: Bool { managed != nil }

  public init(managed: ManagedUpload?, start: UploadStart) {
    self.managed = managed
    self.start = start
  }

  /// - A file larger than one chunk goes through the uploader whatever the form's `resume`,
  ///   `resumeAt` and `finalChunk` say: the uploader sets them per chunk, so values left from an
  ///   earlier small-file attempt never block it.
  /// - It resumes when `checkpoint` belongs to the same token (an upload stopped with Esc, a
  ///   killed run, a loaded session) or a resume is asked for (`run --resume`), and the uploader
  ///   can resume.
  /// - A resumed file of one chunk still goes through the uploader when the form asks for the
  ///   whole file: it asks the server first, so a token that already holds the file is done.
  /// - Otherwise (no uploader, no upload intent, a small file sent afresh or a hand-made chunk)
  ///   the step is one request with the form's values.
  public static func decide(
    upload: UploadIntent?, fileSize: Int64, checkpoint: JSONValue?, resumeRequested: Bool, policy: UploadPolicy
  ) -> UploadPlan {
    guard policy.uploader != .none, let upload else { return UploadPlan(managed: nil, start: .fresh) }
    let savedHere = checkpoint?["uploadTokenId"]?.stringValue == upload.uploadTokenID
    let resumes = policy.uploader == .resumable && (savedHere || resumeRequested)
    let start: UploadStart = resumes ? .resume(checkpoint: savedHere ? checkpoint : nil) : .fresh
    if fileSize > policy.chunkSize {
      let managed = ManagedUpload(
        uploadTokenID: upload.uploadTokenID, filePath: upload.filePath, fileSize: fileSize,
        chunkSize: policy.chunkSize, parallelism: policy.parallelism, resumesSavedUpload: savedHere)
      return UploadPlan(managed: managed, start: start)
    }
    guard resumes, upload.asksWholeFile else { return UploadPlan(managed: nil, start: .fresh) }
    let managed = ManagedUpload(
      uploadTokenID: upload.uploadTokenID, filePath: upload.filePath, fileSize: fileSize,
      chunkSize: policy.chunkSize, parallelism: 1, resumesSavedUpload: true)
    return UploadPlan(managed: managed, start: start)
  }
}
