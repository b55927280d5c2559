import JSONValue

/// `service=multirequest`: splitting into sub-calls and resolving `{N:result:path}`
/// back-references, as Kaltura's front controller does (protocol notes §8).
public enum Multirequest {
  /// Parameters copied from the multirequest into sub-calls that lack them.
  static let inherited = ["ks", "partnerId", "clientTag"]

  /// The sub-calls in order. Keys start at 0 or 1 (whichever is smaller is present) and run
  /// on while each index has both `service` and `action`; the first gap ends the list. A
  /// sub-call's own `format` is dropped: the multirequest's format applies to the whole reply.
  public static func split(_ call: KalturaCall) -> [KalturaCall] {
    subCalls(call).map(\.call)
  }

  /// `split` for a decoded request: file parts named `<key>:fileData` go to their sub-call as
  /// `fileData`.
  public static func split(_ request: KalturaDecodedRequest) -> [KalturaDecodedRequest] {
    subCalls(request.call).map { key, call in
      let files = request.files.compactMap { file -> KalturaUploadedFile? in
        guard let name = fileName(file.name, forKey: key) else { return nil }
        var own = file
        own.name = name
        return own
      }
      return KalturaDecodedRequest(call: call, files: files)
    }
  }

  /// `split` with each sub-call's key ("0" or "1" onwards), for servers that keep file parts
  /// elsewhere: a part named `<key>:fileData` belongs to that sub-call as `fileData`
  /// (see `fileName(_:forKey:)`).
  public static func keyedSplit(_ call: KalturaCall) -> [(key: String, call: KalturaCall)] { subCalls(call) }

  /// The sub-call's own name of a multirequest file part (`"1:fileData"` for key "1" →
  /// `"fileData"`), or nil when the part belongs to another sub-call.
  public static func fileName(_ partName: String, forKey key: String) -> String? {
    let prefix = key + ":"
    return partName.hasPrefix(prefix) ? String(partName.dropFirst(prefix.count)) : nil
  }

  static func subCalls(_ call: KalturaCall) -> [(key: String, call: KalturaCall)] {
    var index = call.params["0"]?.objectValue == nil ? 1 : 0
    var calls: [(String, KalturaCall)] = []
    while let object = call.params[String(index)]?.objectValue,
      let service = object["service"].flatMap(KalturaValue.string), !service.isEmpty,
      let action = object["action"].flatMap(KalturaValue.string), !action.isEmpty
    {
      var params = object
      params["service"] = nil
      params["action"] = nil
      params["format"] = nil
      for name in inherited where params[name] == nil {
        if let value = call.params[name] { params[name] = value }
      }
      calls.append((String(index), KalturaCall(service: service, action: action, params: params)))
      index += 1
    }
    return calls
  }

  /// Replaces `{N:result[:path]}` in every string value (nested objects included) with a field
  /// of the N-th (1-based, by order of execution) earlier result. Paths are `:`-separated
  /// member names and array indexes; `_all` joins a field over an array (`"a,b,"`, trailing
  /// comma included). A missing value or an earlier error gives `""`. Like the server's greedy
  /// regex, one reference per string: it spans from `{N:result` to the last `}`.
  public static func resolveReferences(in params: JSONObject, results: [KalturaResult]) -> JSONObject {
    var out = JSONObject()
    for member in params { out[member.key] = resolve(member.value, results) }
    return out
  }

  /// `resolveReferences` over plain values; a `KalturaAPIException` object counts as an error.
  public static func resolveReferences(in params: JSONObject, results: [JSONValue]) -> JSONObject {
    resolveReferences(
      in: params, results: results.map { KalturaAPIError(reply: $0).map { .failure($0) } ?? .success($0) })
  }

  static func resolve(_ value: JSONValue, _ results: [KalturaResult]) -> JSONValue {
    switch value {
    case .string(let text): return .string(resolve(text, results))
    case .array(let items): return .array(items.map { resolve($0, results) })
    case .object(let object): return .object(resolveReferences(in: object, results: results))
    default: return value
    }
  }

  static func resolve(_ text: String, _ results: [KalturaResult]) -> String {
    guard text.contains(":result") else { return text }
    let chars = Array(text.unicodeScalars)
    var start = 0
    while start < chars.count {
      defer { start += 1 }
      guard chars[start] == "{" else { continue }
      var i = start + 1
      while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
      guard i > start + 1, match(chars, at: i, ":result") else { continue }
      guard let end = chars.lastIndex(of: "}"), end > i else { return text }
      let inner = String(String.UnicodeScalarView(chars[(start + 1)..<end]))
      let parts = inner.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      let ordinal = Int(parts[0]) ?? 0
      var replacement = ""
      if ordinal >= 1, ordinal <= results.count, case .success(let result) = results[ordinal - 1] {
        replacement = lookup(result, Array(parts.dropFirst(2))[...])
      }
      return String(String.UnicodeScalarView(chars[..<start])) + replacement
        + String(String.UnicodeScalarView(chars[(end + 1)...]))
    }
    return text
  }

  static func match(_ chars: [Unicode.Scalar], at index: Int, _ word: String) -> Bool {
    let scalars = Array(word.unicodeScalars)
    guard index + scalars.count <= chars.count else { return false }
    return Array(chars[index..<index + scalars.count]) == scalars
  }

  static func lookup(_ value: JSONValue, _ path: ArraySlice<String>) -> String {
    guard let head = path.first else { return KalturaValue.string(value) ?? "" }
    if head.isEmpty { return lookup(value, path.dropFirst()) }
    switch value {
    case .array(let items):
      if head == "_all" { return items.map { lookup($0, path.dropFirst()) + "," }.joined() }
      guard let index = Int(head), items.indices.contains(index) else { return "" }
      return lookup(items[index], path.dropFirst())
    case .object(let object):
      guard let child = object[head] else { return "" }
      return lookup(child, path.dropFirst())
    default: return ""
    }
  }
}
