import JSONValue
import KalturaWire

/// The two uploadToken actions the uploader speaks, as requests and classified replies.
/// Parameters travel as multipart fields (as curl users send them); the KS is never in the URL.
enum UploadTokenCalls {
  static let expectedSizeMismatch = "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"

  static func upload(
    _ job: ChunkedUploadJob, range: FileRange, resume: Bool, finalChunk: Bool, resumeAt: Int64
  ) -> HTTPRequestSpec {
    var parts = commonFields(job).map { MultipartPart.field(name: $0.0, value: $0.1) }
    parts += [
      .field(name: "uploadTokenId", value: job.uploadTokenID),
      .field(name: "resume", value: resume ? "true" : "false"),
      .field(name: "finalChunk", value: finalChunk ? "true" : "false"),
      .field(name: "resumeAt", value: String(resumeAt)),
      .file(
        name: "fileData", path: job.filePath, filename: job.fileName, contentType: "application/octet-stream",
        range: range),
    ]
    // Generous for slow links (60 s plus 128 KB/s); the final call may wait on the server.
    let timeout = 60 + Double(range.length) / 128_000 + (finalChunk ? 60 : 0)
    return HTTPRequestSpec(
      url: job.serviceURL + "/service/uploadtoken/action/upload", body: .multipart(parts), timeout: timeout)
  }

  static func get(_ job: ChunkedUploadJob) -> HTTPRequestSpec {
    var object = JSONObject()
    for (key, value) in commonFields(job) { object[key] = .string(value) }
    object["uploadTokenId"] = .string(job.uploadTokenID)
    return HTTPRequestSpec(
      url: job.serviceURL + "/service/uploadtoken/action/get", body: .json(.object(object)), timeout: 60)
  }

  private static func commonFields(_ job: ChunkedUploadJob) -> [(String, String)] {
    var fields = [("format", "1")]
    if let ks = job.ks { fields.append(("ks", ks)) }
    if let partnerID = job.partnerID { fields.append(("partnerId", String(partnerID))) }
    return fields
  }

  enum Answer: Sendable {
    case token(UploadTokenState)
    /// Worth another try: 5xx.
    case retryable(String)
    case expectedSizeMismatch(KalturaAPIError)
    case failed(ChunkedUploadError)
  }

  static func classify(_ reply: HTTPReply, request: HTTPRequestSpec) -> Answer {
    if RetryPolicy.isRetryable(status: reply.status) { return .retryable("HTTP \(reply.status)") }
    guard (200...299).contains(reply.status) else {
      return .failed(.httpStatus(reply.status, body: reply.bodyText))
    }
    guard let json = try? JSONValue(parsing: reply.body) else {
      return .failed(.unreadableReply(reply.bodyText))
    }
    if let error = KalturaAPIError(reply: json) {
      if error.code == expectedSizeMismatch { return .expectedSizeMismatch(error) }
      return .failed(.api(error, reply: reply, request: request))
    }
    guard json.objectValue != nil else { return .failed(.unreadableReply(reply.bodyText)) }
    return .token(UploadTokenState(json))
  }
}

/// The fields of a `KalturaUploadToken` the uploader acts on, read leniently (the server may send
/// sizes as strings or floats).
struct UploadTokenState: Sendable {
  var status: Int?
  var uploadedFileSize: Int64?

  static let fullUpload = 2
  static let closed = 3

  var takesNoMoreBytes: Bool { status == Self.fullUpload || status == Self.closed }

  /// The upload into this token is finished and holds `size` bytes: resuming it sends nothing.
  func isComplete(size: Int64) -> Bool { takesNoMoreBytes && uploadedFileSize == size }

  init(_ json: JSONValue) {
    status = Self.number(json["status"]).map { Int($0) }
    uploadedFileSize = Self.number(json["uploadedFileSize"])
  }

  private static func number(_ value: JSONValue?) -> Int64? {
    switch value {
    case .int(let i): return Int64(i)
    case .double(let d) where d.isFinite: return Int64(d)
    case .string(let s): return Int64(s) ?? Double(s).flatMap { $0.isFinite ? Int64($0) : nil }
    default: return nil
    }
  }
}
