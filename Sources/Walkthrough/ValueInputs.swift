import JSONValue

/// Everything `WalkthroughEngine.values(step)` reads besides the forms, as a value to compare:
/// a screen keeps a step's resolved values and resolves them again only when this changes.
/// Forms change only with the spec, which a caller handles by dropping what it kept.
public struct ValueInputs: Sendable, Hashable {
  var step: Int
  /// Every step's: links read other steps' answers, which include their edits.
  var edits: [[String: JSONValue]]
  var sentAnswers: [[String: JSONValue]?]
  /// Exchanges are only ever appended (`record`), so a step's count changes whenever the last
  /// successful reply that `value` links read can have changed; comparing counts spares
  /// comparing the replies themselves on every change.
  var exchangeCounts: [Int]
  var secrets: [String: JSONValue]
}

extension WalkthroughEngine {
  /// What the values of `step` are resolved from now.
  public func valueInputs(_ step: Int) -> ValueInputs {
    let steps = session.steps
    return ValueInputs(
      step: step, edits: steps.map(\.edits), sentAnswers: steps.map(\.sentAnswers),
      exchangeCounts: steps.map(\.exchanges.count), secrets: credentials.secretValues)
  }
}
