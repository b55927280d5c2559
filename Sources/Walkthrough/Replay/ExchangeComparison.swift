import JSONValue

extension ReplyComparison {
  /// Compares a recorded exchange's reply with a new one's. Both are redacted first (a saved
  /// session holds masked values; a new reply holds real ones), and every KS, whether real or
  /// masked, reads as the same placeholder, since a session is new on every run.
  /// `identities`: what earlier steps of the replay learned.
  public static func differences(
    recorded: Exchange, new: Exchange, ignoring rules: IgnoreRules,
    substituting identities: IdentitySubstitution = IdentitySubstitution()
  ) -> [ReplyDifference] {
    differences(
      recorded: comparable(recorded.reply), new: comparable(new.reply), ignoring: rules, substituting: identities)
  }

  static let sessionPlaceholder: JSONValue = "(a KS)"

  static func comparable(_ reply: JSONValue?) -> JSONValue {
    guard let reply else { return .null }
    return replacingSessions(Redaction.redact(reply))
  }

  private static func replacingSessions(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text): return isMaskedKS(text) ? sessionPlaceholder : value
    case .array(let items): return .array(items.map(replacingSessions))
    case .object(let object):
      var result = JSONObject()
      for member in object { result[member.key] = replacingSessions(member.value) }
      return .object(result)
    default: return value
    }
  }

  /// `KalturaKS.mask` output: eight characters, `…[`, the length, `]`.
  static func isMaskedKS(_ text: String) -> Bool {
    guard text.hasSuffix("]"), let open = text.range(of: "…[") else { return false }
    return text.distance(from: text.startIndex, to: open.lowerBound) == 8
      && Int(text[open.upperBound..<text.index(before: text.endIndex)]) != nil
  }
}
