import JSONValue

/// A reply as the console judges it (api.md §9).
public enum KalturaReply: Sendable, Hashable {
  /// A JSON value that is not an error (multirequest: an array, items may be errors).
  case result(JSONValue)
  case apiError(KalturaAPIError)
  /// Not JSON (XML, HTML, binary): kept as text.
  case text(String)
}

public enum KalturaReplyDecoder {
  public static func decode(_ bytes: [UInt8]) -> KalturaReply {
    guard let value = try? JSONValue(parsing: bytes) else { return .text(String(decoding: bytes, as: UTF8.self)) }
    if let error = KalturaAPIError(reply: value) { return .apiError(error) }
    return .result(value)
  }

  /// The items of a multirequest JSON reply, each as a result or an error.
  public static func multirequestItems(_ value: JSONValue) -> [KalturaResult]? {
    guard case .array(let items) = value else { return nil }
    return items.map { item in KalturaAPIError(reply: item).map { .failure($0) } ?? .success(item) }
  }
}
