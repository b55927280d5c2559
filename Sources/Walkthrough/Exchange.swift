import JSONValue

/// One request and its reply, as recorded in the session. The request is stored already
/// masked (no KS, no secrets); the reply is kept as received so later steps can link to it,
/// and is redacted when printed or saved (`redacted`).
public struct Exchange: Sendable, Hashable {
  public var method: String
  /// Full URL with the KS masked.
  public var url: String
  /// The request body with secrets masked: the JSON body, or for multipart
  /// `{"fields": {...}, "files": [{"name", "path", "size"}]}`.
  public var requestBody: JSONValue?
  /// HTTP status; nil when no reply arrived (transport failure).
  public var status: Int?
  /// Parsed JSON, or the text of a non-JSON reply.
  public var reply: JSONValue?
  public var replyIsJSON: Bool
  /// HTTP 2xx and not a `KalturaAPIException`.
  public var ok: Bool
  /// What went wrong, for people: "ENTRY_ID_NOT_FOUND: Entry id "x" not found", "HTTP 502", ...
  public var error: String?
  /// The API error code, when the reply was a `KalturaAPIException`.
  public var errorCode: String?
  public var milliseconds: Double
  /// Unix seconds when the request was sent.
  public var startedAt: Double
  /// Why earlier attempts failed, one per retry the transport made ("HTTP 503", "connection reset").
  public var retries: [String] = []
  /// The server said (`X-Sandbox-Synthesized: true`) that it made the reply up: the embedded
  /// sandbox has no semantics for the action, only its schema.
  public var synthesized = false

  public init(
    method: String, url: String, requestBody: JSONValue? = nil, status: Int? = nil, reply: JSONValue? = nil,
    replyIsJSON: Bool = false, ok: Bool, error: String? = nil, errorCode: String? = nil, milliseconds: Double = 0,
    startedAt: Double = 0
  ) {
    self.method = method
    self.url = url
    self.requestBody = requestBody
    self.status = status
    self.reply = reply
    self.replyIsJSON = replyIsJSON
    self.ok = ok
    self.error = error
    self.errorCode = errorCode
    self.milliseconds = milliseconds
    self.startedAt = startedAt
  }

  /// A copy whose reply has KS-looking strings and secret-named members masked.
  public var redacted: Exchange {
    var copy = self
    copy.reply = reply.map(Redaction.redact)
    copy.requestBody = requestBody.map(Redaction.redact)
    copy.url = Redaction.redactURL(url)
    copy.error = error.map(Redaction.redactText)
    return copy
  }
}
