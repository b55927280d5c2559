import JSONValue

/// The recorded walk's identities (ids, the partner) paired with the new walk's. A server derives
/// some values from them (the default entry name `100_1796240192` on partner 100 is
/// `200_1796240192` on partner 200), so a recorded value that equals the new one once its
/// identities are replaced is no difference.
public struct IdentitySubstitution: Sendable, Hashable {
  /// recorded text → new text, applied longest first so `0_ab12` is replaced before `ab12`.
  public private(set) var pairs: [String: String] = [:]

  /// Shorter values ("1", "20") occur by chance inside unrelated text.
  static let minimumLength = 3

  public init() {}

  public init(recordedPartner: Int?, newPartner: Int?) {
    if let recordedPartner, let newPartner { learn(String(recordedPartner), String(newPartner)) }
  }

  public mutating func learn(_ recorded: String, _ new: String) {
    guard recorded != new, recorded.count >= Self.minimumLength, pairs[recorded] == nil else { return }
    pairs[recorded] = new
  }

  /// Learns every scalar pair at the paths `rules` ignores (ids, tokens, partner ids).
  public mutating func learn(recorded: JSONValue, new: JSONValue, rules: IgnoreRules) {
    learn(recorded, new, path: [], rules: rules)
  }

  private mutating func learn(_ a: JSONValue, _ b: JSONValue, path: [String], rules: IgnoreRules) {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      for member in x {
        if let other = y[member.key] { learn(member.value, other, path: path + [member.key], rules: rules) }
      }
    case (.array(let x), .array(let y)):
      for i in 0..<min(x.count, y.count) { learn(x[i], y[i], path: path + [String(i)], rules: rules) }
    default:
      guard !path.isEmpty, rules.ignores(path), let old = Self.text(a), let new = Self.text(b) else { return }
      learn(old, new)
    }
  }

  /// These pairs with `newer`'s taking precedence: a reply's own ids and times say more about
  /// its values than those learned from earlier steps (two steps recorded in the same second
  /// share a timestamp that the replay splits into two).
  public func overridden(by newer: IdentitySubstitution) -> IdentitySubstitution {
    var merged = self
    merged.pairs.merge(newer.pairs) { _, new in new }
    return merged
  }

  /// `recorded` with every recorded identity replaced by its new counterpart, in one pass from
  /// the left taking the longest identity at each place, so a new value is never replaced again.
  public func applied(to recorded: String) -> String {
    let candidates = pairs.keys.filter { recorded.contains($0) }.sorted { $0.count > $1.count }
    guard !candidates.isEmpty else { return recorded }
    var result = ""
    var rest = recorded[...]
    while !rest.isEmpty {
      if let old = candidates.first(where: { rest.hasPrefix($0) }) {
        result += pairs[old]!
        rest = rest.dropFirst(old.count)
      } else {
        result.append(rest.removeFirst())
      }
    }
    return result
  }

  /// Whether two scalars are the same once the recorded one's identities are replaced.
  func matches(recorded: JSONValue, new: JSONValue) -> Bool {
    guard !pairs.isEmpty, let old = Self.text(recorded), let new = Self.text(new) else { return false }
    return applied(to: old) == new
  }

  private static func text(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    default: return nil
    }
  }
}
