/// Whether a request may be sent again after a timeout or a dropped connection, when the server
/// may already have acted on it: reads (`get`, `list`, ...) and chunks that land at a `resumeAt`
/// may, and so do uploads that land at an offset; anything that creates or changes something (`add`, `addContent`, `update`, `delete`,
/// `session.start`, a multirequest, any action not known to be a read) may not, since a second
/// `media.add` makes a second entry.
public enum RepeatSafety {
  /// Actions that only read, by name or by prefix.
  static let readActions: Set<String> = ["get", "list", "count", "ping", "search"]
  static let readPrefixes = ["get", "list", "serve", "search"]

  public static func isSafeToRepeat(_ request: HTTPRequestSpec) -> Bool {
    guard let (service, action) = serviceAndAction(of: request.url) else { return false }
    if service == "uploadtoken" && action == "upload" { return landsAtAnOffset(request) }
    if service == "multirequest" { return false }
    return readActions.contains(action) || readPrefixes.contains { action.hasPrefix($0) }
  }

  /// `/service/{s}/action/{a}` in the path, else `service=`/`action=` in the query; lower-cased.
  static func serviceAndAction(of url: String) -> (String, String)? {
    let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    let segments = path.lowercased().split(separator: "/").map(String.init)
    if let s = segments.firstIndex(of: "service"), s + 1 < segments.count {
      if let a = segments.firstIndex(of: "action"), a + 1 < segments.count { return (segments[s + 1], segments[a + 1]) }
      if segments[s + 1] == "multirequest" { return ("multirequest", "") }
    }
    let query = queryPairs(url)
    guard let service = query["service"]?.lowercased() else { return nil }
    return (service, query["action"]?.lowercased() ?? "")
  }

  /// An upload lands by offset, so sending it twice writes the same bytes at the same place: a
  /// whole file (no `resume`) from byte 0, a chunk (or the empty final chunk) at its `resumeAt`.
  /// Only `resume=1` with `resumeAt=-1` appends, and would append twice.
  static func landsAtAnOffset(_ request: HTTPRequestSpec) -> Bool {
    var fields = queryPairs(request.url)
    switch request.body {
    case .multipart(let parts):
      for case .field(let name, let value) in parts { fields[name] = value }
    case .form(let pairs):
      for (name, value) in pairs { fields[name] = value }
    case .json(let value):
      if let object = value.objectValue {
        for member in object { fields[member.key] = member.value.displayText }
      }
    default: break
    }
    let resume = ["1", "true"].contains(fields["resume"]?.lowercased() ?? "")
    guard resume else { return true }
    return (fields["resumeAt"].flatMap { Int64($0) } ?? -1) >= 0
  }

  static func queryPairs(_ url: String) -> [String: String] {
    guard let q = url.firstIndex(of: "?") else { return [:] }
    var pairs: [String: String] = [:]
    for pair in url[url.index(after: q)...].split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      pairs[FormEncoding.unescape(parts[0])] = parts.count == 2 ? FormEncoding.unescape(parts[1]) : ""
    }
    return pairs
  }
}
