import JSONValue
import KalturaWire

/// How the console judges a reply (kaltura-api.md §9, recipe-format §2.7): success is HTTP 2xx
/// and a body that is not a `KalturaAPIException` (nor OTT's `{result: {error}}`); non-JSON
/// bodies are kept as text.
public struct JudgedReply: Sendable, Hashable {
  public var ok: Bool
  /// Parsed JSON, or the text of the body.
  public var body: JSONValue
  public var isJSON: Bool
  public var error: String?
  public var errorCode: String?

  public init(_ reply: HTTPReply) {
    let parsed = try? JSONValue(parsing: reply.body)
    isJSON = parsed != nil
    body = parsed ?? .string(reply.bodyText)
    let apiError = parsed.flatMap {
      KalturaAPIError(reply: $0) ?? $0["result"]?["error"].flatMap(KalturaAPIError.init(reply:))
    }
    let httpOK = (200..<300).contains(reply.status)
    ok = httpOK && apiError == nil
    errorCode = apiError?.code
    if let apiError {
      error = apiError.description
    } else if !httpOK {
      error = "HTTP \(reply.status)"
    }
  }
}
