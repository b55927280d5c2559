import KalturaWire

/// Why a chunked upload stopped. API errors carry the exchange so callers can show and save it.
public enum ChunkedUploadError: Error, Sendable, CustomStringConvertible {
  /// The server answered with a Kaltura API error (never retried, except the expected-size one).
  case api(KalturaAPIError, reply: HTTPReply, request: HTTPRequestSpec)
  /// An HTTP status that is neither 2xx nor 5xx.
  case httpStatus(Int, body: String)
  /// A 2xx reply that is not the JSON the protocol promises.
  case unreadableReply(String)
  /// A chunk kept failing with transport errors or 5xx replies.
  case retriesExhausted(offset: Int64, attempts: Int, lastFailure: String)
  /// The file is not the one the checkpoint was made for.
  case fileChanged(path: String)
  /// The token holds a different number of bytes than the file could give it: another file.
  case tokenHoldsOtherFile(uploaded: Int64, fileSize: Int64)
  /// The final chunk kept getting UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE.
  case finalChunkNeverMatched(expected: Int64, lastUploaded: Int64?)

  public var description: String {
    switch self {
    case .api(let error, _, _): return "Kaltura API error \(error.code): \(error.message)"
    case .httpStatus(let status, let body): return "HTTP \(status): \(body.prefix(200))"
    case .unreadableReply(let text): return "unexpected reply (not Kaltura JSON): \(text.prefix(200))"
    case .retriesExhausted(let offset, let attempts, let failure):
      return "chunk at byte \(offset) failed \(attempts) times; last: \(failure)"
    case .fileChanged(let path): return "\(path) changed since the upload started; start a new upload"
    case .tokenHoldsOtherFile(let uploaded, let size):
      return
        "the upload token holds \(uploaded) bytes, which does not fit this file of \(size) bytes: wrong token or file"
    case .finalChunkNeverMatched(let expected, let uploaded):
      return "the server never completed the file (expected \(expected) bytes, has \(uploaded.map(String.init) ?? "?"))"
    }
  }
}
