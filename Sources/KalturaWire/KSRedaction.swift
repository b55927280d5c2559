/// Keeping sessions and secrets out of logs, screens and session files.
extension KalturaKS {
  /// A KS for display: its first 8 characters and its length, never the whole KS
  /// (`djJ8MTIz…[120]`). The prefix of a v2 KS only encodes `v2|partnerId`.
  public static func mask(_ ks: String) -> String {
    guard ks.count > 12 else { return "…" }
    return "\(ks.prefix(8))…[\(ks.count)]"
  }

  /// Parameter names whose values are masked by `redact`. `ks` values are shortened with
  /// `mask`; the others are replaced entirely.
  public static let sensitiveKeys: Set<String> = ["ks", "secret", "adminsecret", "password", "usersecret"]

  /// Masks sensitive values in URLs (`?ks=…&`, `/ks/…/`), form bodies (`ks=…`, `1:ks=…`),
  /// JSON (`"ks": "…"`, `"secret":"…"`) and XML (`<ks>…</ks>`), plus any bare v2 KS
  /// (base64 of `v2|`, which starts `djJ8`) in text.
  public static func redact(text: String) -> String {
    var out = redactPairs(text)
    out = redactJSONMembers(out)
    out = redactXMLElements(out)
    out = redactPathPairs(out)
    return redactBareV2(out)
  }

  /// `redact(text:)` for a URL.
  public static func redact(url: String) -> String { redact(text: url) }

  static func replacement(forKey key: String, value: String) -> String {
    guard !value.isEmpty else { return value }
    if value.contains("…") || value == "***" { return value }
    return key.lowercased().hasSuffix("ks") ? mask(value) : "***"
  }

  static func isSensitive(_ key: Substring) -> Bool {
    // `1:ks`, `entry[ks]`: the last name segment decides.
    let last = key.split(whereSeparator: { ":[]".contains($0) }).last.map(String.init) ?? String(key)
    return sensitiveKeys.contains(last.lowercased())
  }

  /// `key=value` pairs: value runs until `&`, whitespace, a quote or `#`.
  static func redactPairs(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let eq = rest.firstIndex(of: "=") {
      let before = rest[..<eq]
      var keyStart = before.endIndex
      while keyStart > before.startIndex {
        let c = before[before.index(before: keyStart)]
        if c.isLetter || c.isNumber || c == "_" || c == ":" || c == "[" || c == "]" || c == "%" {
          keyStart = before.index(before: keyStart)
        } else {
          break
        }
      }
      let key = before[keyStart...]
      out += before
      out += "="
      rest = rest[rest.index(after: eq)...]
      let end =
        rest.firstIndex { $0 == "&" || $0 == "#" || $0 == "\"" || $0 == "'" || $0.isWhitespace } ?? rest.endIndex
      let value = rest[..<end]
      out += !key.isEmpty && isSensitive(key) ? replacement(forKey: String(key), value: String(value)) : String(value)
      rest = rest[end...]
    }
    return out + rest
  }

  /// `"key": "value"` JSON members. Strings are scanned whole (escapes included) so a value
  /// is never mistaken for a key.
  static func redactJSONMembers(_ text: String) -> String {
    let chars = Array(text)
    var out = ""
    var i = 0
    var pendingKey: String?  // a sensitive key whose `:` has been seen
    while i < chars.count {
      guard chars[i] == "\"" else {
        if chars[i] != ":" && !chars[i].isWhitespace { pendingKey = nil }
        out.append(chars[i])
        i += 1
        continue
      }
      var end = i + 1
      while end < chars.count && chars[end] != "\"" { end += chars[end] == "\\" ? 2 : 1 }
      let content = String(chars[(i + 1)..<min(end, chars.count)])
      if let key = pendingKey {
        out += "\"" + replacement(forKey: key, value: content) + (end < chars.count ? "\"" : "")
        pendingKey = nil
      } else {
        out += "\"" + content + (end < chars.count ? "\"" : "")
        var next = end + 1
        while next < chars.count && chars[next].isWhitespace { next += 1 }
        if next < chars.count, chars[next] == ":", isSensitive(Substring(content)) {
          out += String(chars[(end + 1)...next])
          end = next
          pendingKey = content
        }
      }
      i = end + 1
    }
    return out
  }

  /// `<ks>value</ks>` and `<secret>…</secret>` elements.
  static func redactXMLElements(_ text: String) -> String {
    var out = text
    for key in sensitiveKeys {
      var result = ""
      var rest = Substring(out)
      while let open = rest.range(of: "<\(key)>"), let close = rest[open.upperBound...].range(of: "</\(key)>") {
        result += rest[..<open.upperBound]
        result += replacement(forKey: key, value: String(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.lowerBound...]
      }
      out = result + rest
    }
    return out
  }

  /// `/ks/<value>` path pairs of `/api_v3/service/S/action/A/ks/…`.
  static func redactPathPairs(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let found = rest.range(of: "/ks/") {
      result += rest[..<found.upperBound]
      rest = rest[found.upperBound...]
      let end =
        rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "&" || $0 == "\"" || $0.isWhitespace } ?? rest.endIndex
      result += replacement(forKey: "ks", value: String(rest[..<end]))
      rest = rest[end...]
    }
    return result + rest
  }

  /// Any remaining bare v2 KS (session.start returns one as its whole result).
  static func redactBareV2(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let found = rest.range(of: "djJ8") {
      result += rest[..<found.lowerBound]
      let token = rest[found.lowerBound...].prefix { $0.isLetter || $0.isNumber || "-_+/=".contains($0) }
      if token.count >= 40 && !token.contains("…") {
        result += mask(String(token))
      } else {
        result += token.isEmpty ? "djJ8" : token
      }
      rest = rest[(token.isEmpty ? found.upperBound : token.endIndex)...]
    }
    return result + rest
  }
}
