import JSONValue

// The effect boundary between the pure walkthrough and the network. Walkthrough builds
// `HTTPRequestSpec`s and reads `HTTPReply`s; KalturaClient performs them with AsyncHTTPClient;
// tests use in-memory fakes. It lives here because both sides already depend on KalturaWire.

/// One part of a multipart/form-data body.
public enum MultipartPart: Sendable, Hashable {
  /// A plain form field.
  case field(name: String, value: String)
  /// A file (or a byte range of one) streamed from disk, never read whole into memory.
  case file(name: String, path: String, filename: String, contentType: String, range: FileRange?)
  /// Small in-memory bytes sent as a file part (tests, generated content).
  case bytes(name: String, filename: String, contentType: String, data: [UInt8])
}

/// A byte range of a file: `offset` from the start, `length` bytes.
public struct FileRange: Sendable, Hashable, Codable {
  public var offset: Int64
  public var length: Int64
  public init(offset: Int64, length: Int64) {
    self.offset = offset
    self.length = length
  }
}

public enum HTTPRequestBody: Sendable, Hashable {
  case none
  case json(JSONValue)
  case form([(String, String)])
  case multipart([MultipartPart])
  case bytes([UInt8], contentType: String)

  public static func == (a: HTTPRequestBody, b: HTTPRequestBody) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.json(let x), .json(let y)): return x == y
    case (.form(let x), .form(let y)): return x.elementsEqual(y, by: { $0 == $1 })
    case (.multipart(let x), .multipart(let y)): return x == y
    case (.bytes(let x, let cx), .bytes(let y, let cy)): return x == y && cx == cy
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .none: hasher.combine(0)
    case .json(let v): hasher.combine(v)
    case .form(let f): for (k, v) in f { hasher.combine(k); hasher.combine(v) }
    case .multipart(let p): hasher.combine(p)
    case .bytes(let b, let c): hasher.combine(b); hasher.combine(c)
    }
  }
}

/// A fully built HTTP request: what the walkthrough decided to send.
public struct HTTPRequestSpec: Sendable, Hashable {
  public var method: String
  /// Absolute URL including the query string.
  public var url: String
  public var headers: [String: String]
  public var body: HTTPRequestBody
  /// Per-request timeout in seconds (nil = the transport's default).
  public var timeout: Double?

  public init(
    method: String = "POST", url: String, headers: [String: String] = [:],
    body: HTTPRequestBody = .none, timeout: Double? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// What came back, as bytes; decoding is the caller's business.
public struct HTTPReply: Sendable, Hashable {
  public var status: Int
  public var headers: [String: String]
  public var body: [UInt8]
  /// Wall time of the exchange in milliseconds.
  public var milliseconds: Double

  /// Why earlier attempts of this request failed ("connection reset", "HTTP 503"), one per retry.
  public var retries: [String] = []

  public init(status: Int, headers: [String: String] = [:], body: [UInt8], milliseconds: Double = 0) {
    self.status = status
    self.headers = headers
    self.body = body
    self.milliseconds = milliseconds
  }

  public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Transport failures (no HTTP reply at all). API errors are replies, not these.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// True when the connection failed before any byte of the request left (refused, no route):
  /// the server cannot have acted, so even a call that is not safe to repeat may be sent again.
  public var nothingSent: Bool
  public init(_ message: String, nothingSent: Bool = false) {
    self.message = message
    self.nothingSent = nothingSent
  }
  public var description: String { message }
}

/// Sends one request. Implementations: KalturaClient's HTTP transport, test fakes.
public protocol HTTPTransport: Sendable {
  func send(_ request: HTTPRequestSpec) async throws -> HTTPReply
}

// MARK: - chunked uploads

/// A snapshot of an upload in progress, for progress bars.
public struct UploadProgress: Sendable, Hashable {
  public var bytesDone: Int64
  public var bytesTotal: Int64
  /// Bytes per second over the recent window.
  public var bytesPerSecond: Double
  public var etaSeconds: Double?
  public var chunksInFlight: Int
  public var retries: Int
  public var chunkSize: Int64

  public init(
    bytesDone: Int64, bytesTotal: Int64, bytesPerSecond: Double = 0, etaSeconds: Double? = nil,
    chunksInFlight: Int = 0, retries: Int = 0, chunkSize: Int64 = 0
  ) {
    self.bytesDone = bytesDone
    self.bytesTotal = bytesTotal
    self.bytesPerSecond = bytesPerSecond
    self.etaSeconds = etaSeconds
    self.chunksInFlight = chunksInFlight
    self.retries = retries
    self.chunkSize = chunkSize
  }

  public var fraction: Double { bytesTotal > 0 ? Double(bytesDone) / Double(bytesTotal) : 1 }
}

/// What the uploader needs to know to send a file into an existing upload token.
public struct ChunkedUploadJob: Sendable, Hashable {
  /// e.g. "https://www.kaltura.com/api_v3" (no trailing slash).
  public var serviceURL: String
  public var ks: String?
  public var partnerID: Int?
  public var uploadTokenID: String
  public var filePath: String
  public var fileName: String
  public var chunkSize: Int64
  public var parallelism: Int

  public init(
    serviceURL: String, ks: String?, partnerID: Int?, uploadTokenID: String, filePath: String,
    fileName: String, chunkSize: Int64 = 8 << 20, parallelism: Int = 4
  ) {
    self.serviceURL = serviceURL
    self.ks = ks
    self.partnerID = partnerID
    self.uploadTokenID = uploadTokenID
    self.filePath = filePath
    self.fileName = fileName
    self.chunkSize = chunkSize
    self.parallelism = parallelism
  }
}

/// Uploads a file into an upload token in parallel resumable chunks. The result is the final
/// `KalturaUploadToken` reply (as parsed JSON) and the exchange of the final chunk.
public protocol ChunkedUploading: Sendable {
  func upload(
    _ job: ChunkedUploadJob, progress: @escaping @Sendable (UploadProgress) -> Void
  ) async throws -> (reply: HTTPReply, request: HTTPRequestSpec)
}

/// How a resumable upload begins: from the file's first byte, or by asking the server what the
/// token already holds (`uploadToken.get`) and sending only what is missing.
public enum UploadStart: Sendable, Hashable {
  case fresh
  /// `checkpoint` is the last one `onCheckpoint` reported (from a session file), nil when none was
  /// saved; the server's `uploadedFileSize` is asked either way.
  case resume(checkpoint: JSONValue?)
}

/// A chunked uploader whose progress survives restarts. A checkpoint (upload token id, file
/// fingerprint, acknowledged byte ranges) is reported after every acknowledged chunk as JSON the
/// walkthrough keeps in the session file without reading more than its `uploadTokenId` member;
/// it is handed back to resume.
public protocol ResumableChunkedUploading: ChunkedUploading {
  func upload(
    _ job: ChunkedUploadJob, start: UploadStart, onCheckpoint: @escaping @Sendable (JSONValue) -> Void,
    progress: @escaping @Sendable (UploadProgress) -> Void
  ) async throws -> (reply: HTTPReply, request: HTTPRequestSpec)
}
