import JSONValue

/// One structural difference between a recorded reply and a new one.
public struct ReplyDifference: Sendable, Hashable, CustomStringConvertible {
  /// Dot path of the difference ("" for the whole reply).
  public var path: String
  /// nil when the value is absent on that side.
  public var recorded: JSONValue?
  public var new: JSONValue?

  public init(path: String, recorded: JSONValue?, new: JSONValue?) {
    self.path = path
    self.recorded = recorded
    self.new = new
  }

  /// `path: recorded → new`, with "(absent)" for a missing side.
  public var description: String {
    let shown = path.isEmpty ? "(reply)" : path
    return "\(shown): \(ReplyDifference.show(recorded)) → \(ReplyDifference.show(new))"
  }

  static func show(_ value: JSONValue?) -> String {
    guard let value else { return "(absent)" }
    let text = value.compactText
    return text.count > 80 ? String(text.prefix(77)) + "..." : text
  }
}

/// Compares replies structurally: objects by key (order ignored), arrays by index, numbers by
/// value (1 == 1.0), skipping the paths the rules ignore; a scalar equal to the new one once the
/// ids and partner of the walk (`identities`, plus those in this reply) are replaced is the same.
public enum ReplyComparison {
  public static func differences(
    recorded: JSONValue, new: JSONValue, ignoring rules: IgnoreRules,
    substituting identities: IdentitySubstitution = IdentitySubstitution()
  ) -> [ReplyDifference] {
    var own = IdentitySubstitution()
    own.learn(recorded: recorded, new: new, rules: rules)
    let identities = identities.overridden(by: own)
    var out: [ReplyDifference] = []
    compare(recorded, new, path: [], rules: rules, identities: identities, into: &out)
    return out
  }

  static func compare(
    _ a: JSONValue, _ b: JSONValue, path: [String], rules: IgnoreRules, identities: IdentitySubstitution,
    into out: inout [ReplyDifference]
  ) {
    if !path.isEmpty && rules.ignores(path) { return }
    switch (a, b) {
    case (.object(let x), .object(let y)):
      for member in x {
        let childPath = path + [member.key]
        if let other = y[member.key] {
          compare(member.value, other, path: childPath, rules: rules, identities: identities, into: &out)
        } else if !rules.ignores(childPath) {
          out.append(ReplyDifference(path: dotted(childPath), recorded: member.value, new: nil))
        }
      }
      for member in y where !x.contains(member.key) {
        let childPath = path + [member.key]
        if !rules.ignores(childPath) {
          out.append(ReplyDifference(path: dotted(childPath), recorded: nil, new: member.value))
        }
      }
    case (.array(let x), .array(let y)):
      for i in 0..<max(x.count, y.count) {
        let childPath = path + [String(i)]
        if i < x.count && i < y.count {
          compare(x[i], y[i], path: childPath, rules: rules, identities: identities, into: &out)
        } else if !rules.ignores(childPath) {
          out.append(
            ReplyDifference(
              path: dotted(childPath), recorded: i < x.count ? Optional(x[i]) : nil,
              new: i < y.count ? Optional(y[i]) : nil))
        }
      }
    default:
      if !sameScalar(a, b) && !identities.matches(recorded: a, new: b) {
        out.append(ReplyDifference(path: dotted(path), recorded: a, new: b))
      }
    }
  }

  static func sameScalar(_ a: JSONValue, _ b: JSONValue) -> Bool {
    if let x = a.doubleValue, let y = b.doubleValue { return x == y }
    return a == b
  }

  static func dotted(_ path: [String]) -> String { path.joined(separator: ".") }
}
