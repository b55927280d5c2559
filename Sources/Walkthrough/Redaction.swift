import JSONValue
import KalturaWire

/// Keeping secrets out of screens, logs and session files.
public enum Redaction {
  /// Answer and body keys whose values are secrets.
  public static let secretKeys: Set<String> = [
    "secret", "adminSecret", "userSecret", "password", "ks", "newPassword", "oldPassword", "tokenHash", "token_hash",
  ]

  /// A KS shortened so it can be recognised but not used (`KalturaKS.mask`).
  public static func maskKS(_ ks: String) -> String { KalturaKS.mask(ks) }

  /// A secret replaced by stars of a fixed length (the length of a secret is a secret too).
  public static func maskSecret(_ secret: String) -> String { secret.isEmpty ? "" : "********" }

  /// True when `text` is a KS (its envelope parses). Every string of every reply is asked, so
  /// the bytes decide first: a KS is base64 (standard or URL-safe) of a bounded length, and a
  /// 1 MiB reply text is refused without being decoded.
  public static func looksLikeKS(_ text: String) -> Bool {
    let bytes = text.utf8
    guard (40...maximumKSLength).contains(bytes.count), bytes.allSatisfy(isBase64Byte) else { return false }
    return (try? KalturaKS.envelope(text)) != nil
  }

  /// Longer than any KS a server issues (it travels in URLs, which servers cap at 8 to 16 KiB).
  static let maximumKSLength = 16 << 10

  private static func isBase64Byte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): return true
    default: return false
    }
  }

  /// `value` with every secret-named member masked, every KS-looking string masked, and a KS
  /// quoted inside a text (Kaltura's INVALID_KS message quotes the KS it refused) masked too.
  public static func redact(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let s):
      if looksLikeKS(s) { return .string(maskKS(s)) }
      return quotesKS(s) ? .string(KalturaKS.redact(text: s)) : value
    case .array(let items): return .array(items.map(redact))
    case .object(let object):
      var result = JSONObject()
      for member in object {
        if secretKeys.contains(member.key), case .string(let s) = member.value {
          // Bodies are redacted again when a recorded exchange is saved or shown: a value masked
          // already keeps its mask (a mask of the mask would tell the wrong KS length).
          result[member.key] = .string(isMasked(s) ? s : member.key == "ks" ? maskKS(s) : maskSecret(s))
        } else {
          result[member.key] = redact(member.value)
        }
      }
      return .object(result)
    default: return value
    }
  }

  /// How every v2 KS starts ("v2|" in base64); only texts holding it need the slower text scan.
  static let quotedKSMarker = Array("djJ8".utf8)

  /// `text` with any KS it quotes masked (error messages, log lines).
  public static func redactText(_ text: String) -> String {
    quotesKS(text) ? KalturaKS.redact(text: text) : text
  }

  /// True when `text` holds `quotedKSMarker`: a byte scan, as every reply string is asked.
  static func quotesKS(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      let marker = quotedKSMarker
      guard bytes.count >= marker.count else { return false }
      var index = 0
      let last = bytes.count - marker.count
      while index <= last {
        if bytes[index] == marker[0], bytes[index + 1] == marker[1], bytes[index + 2] == marker[2],
          bytes[index + 3] == marker[3]
        {
          return true
        }
        index += 1
      }
      return false
    }
  }

  /// `url` with the `ks` query value (and any secret-named query value) masked.
  public static func redactURL(_ url: String) -> String {
    guard let q = url.firstIndex(of: "?") else { return url }
    let query = url[url.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, secretKeys.contains(String(parts[0])) else { return String(pair) }
      let value = FormEncoding.unescape(parts[1])
      // A URL is redacted again when a recorded exchange is saved or shown: a value masked
      // already keeps its mask (and the KS length it tells).
      guard !isMasked(value) else { return String(pair) }
      let masked = parts[0] == "ks" ? maskKS(value) : maskSecret(value)
      return "\(parts[0])=\(masked)"
    }
    return String(url[...q]) + query.joined(separator: "&")
  }

  /// A value `maskKS` or `maskSecret` produced.
  static func isMasked(_ value: String) -> Bool {
    value == maskSecret("x") || value == "…" || value.wholeMatch(of: /[^…]{8}…\[\d+\]/) != nil
  }

  /// `text` with every occurrence of each secret replaced by its mask, and anything that looks
  /// like a KS or a `secret=` pair masked (a last line of defence for printed output).
  public static func scrub(_ text: String, secrets: [String]) -> String {
    var result = KalturaKS.redact(text: text)
    for secret in secrets where secret.count >= 6 {
      result = result.replacing(secret, with: looksLikeKS(secret) ? maskKS(secret) : maskSecret(secret))
    }
    return result
  }
}
