import JSONValue
import Recipes

/// Where a field's current value came from, highest precedence first (§2.5, checklist 5).
public enum ValueSource: String, Sendable, Hashable {
  /// The user entered it (it stays even when a link would say otherwise).
  case user
  /// A session secret of the same key name (`fromSecrets`).
  case secret
  /// A `dynamicValue` link to an earlier step.
  case link
  case consoleDefault
  case defaultValue
  /// No value: the field is not sent.
  case none
}

/// The state of a field's `dynamicValue` link.
public enum LinkState: Sendable, Hashable {
  /// The linked step has what the link asks for.
  case resolved(JSONValue)
  /// The linked step has not run (successfully) yet.
  case pending(fromStep: Int)
  /// The linked step ran (or has inputs) but holds nothing at the path.
  case missing(fromStep: Int, path: String)

  /// A short explanation for the screen ("run step 2 first"); steps are numbered from 1.
  public var message: String? {
    switch self {
    case .resolved: return nil
    case .pending(let step): return "run step \(step + 1) first"
    case .missing(let step, let path): return "step \(step + 1) has nothing at `\(path)`"
    }
  }
}

/// One field's current value and how it was decided.
public struct FieldValue: Sendable, Hashable {
  public var path: String
  /// nil = no value (the field is not sent).
  public var value: JSONValue?
  public var source: ValueSource
  /// nil when the field has no `dynamicValue`.
  public var link: LinkState?
  /// The user's value differs from what the link now resolves to.
  public var linkDiffers: Bool

  public init(path: String, value: JSONValue?, source: ValueSource, link: LinkState? = nil, linkDiffers: Bool = false) {
    self.path = path
    self.value = value
    self.source = source
    self.link = link
    self.linkDiffers = linkDiffers
  }
}

/// The values of one step's fields, in form order.
public struct StepValues: Sendable, Hashable {
  public var stepIndex: Int
  public var fields: [FieldValue]

  public init(stepIndex: Int, fields: [FieldValue]) {
    self.stepIndex = stepIndex
    self.fields = fields
  }

  public subscript(path: String) -> FieldValue? { fields.first { $0.path == path } }

  /// Path → value for every field that has one.
  public var answers: [String: JSONValue] {
    var result: [String: JSONValue] = [:]
    for field in fields { if let value = field.value { result[field.path] = value } }
    return result
  }

  /// "field: run step 2 first" lines for links that could not be followed. A field the user
  /// gave a value (typed, or `run --set`) needs no link: that value is sent.
  public var linkProblems: [String] {
    fields.compactMap { field in
      guard field.source != .user else { return nil }
      return field.link?.message.map { "\(field.path): \($0)" }
    }
  }
}

/// Pure value resolution: secrets > link/consoleDefault > default, with user edits kept.
struct ValueResolver {
  var forms: [StepForm]
  var session: WalkthroughSession
  var secrets: [String: JSONValue]

  func values(step: Int, depth: Int = 0) -> StepValues {
    guard forms.indices.contains(step) else { return StepValues(stepIndex: step, fields: []) }
    let edits = session[step].edits
    let fields = forms[step].valueFields.map { field -> FieldValue in
      let link = field.dynamicValue.map { resolve($0, depth: depth) }
      if let edited = edits[field.path] {
        var differs = false
        if case .resolved(let linked) = link { differs = linked != edited }
        return FieldValue(path: field.path, value: edited, source: .user, link: link, linkDiffers: differs)
      }
      if field.fromSecrets, let secret = secrets[field.name] {
        return FieldValue(path: field.path, value: secret, source: .secret, link: link)
      }
      if case .resolved(let linked) = link {
        return FieldValue(path: field.path, value: linked, source: .link, link: link)
      }
      if let consoleDefault = field.consoleDefault {
        return FieldValue(path: field.path, value: consoleDefault, source: .consoleDefault, link: link)
      }
      if let defaultValue = field.defaultValue {
        return FieldValue(path: field.path, value: defaultValue, source: .defaultValue, link: link)
      }
      // A top-level enum renders as a dropdown, which always has a selection: the first choice
      // (the upload recipe orders `resume` [false, true] and `finalChunk` [true, false] for this).
      if field.depth == 0, field.kind == .enumeration, let first = field.choices.first {
        return FieldValue(path: field.path, value: first.value, source: .defaultValue, link: link)
      }
      return FieldValue(path: field.path, value: nil, source: .none, link: link)
    }
    return StepValues(stepIndex: step, fields: fields)
  }

  /// Follows a link (§3): `value` into the step's last successful reply, `answer` into its
  /// inputs (`body.`-prefixed paths read the assembled body).
  func resolve(_ link: DynamicValue, depth: Int) -> LinkState {
    let from = link.fromStep
    switch link.source {
    case .value(let path):
      guard let reply = session[from].lastSuccessfulReply else { return .pending(fromStep: from) }
      guard let found = reply.value(atPath: path) else { return .missing(fromStep: from, path: path) }
      return .resolved(found)
    case .answer(let path):
      let answers: [String: JSONValue]
      if let sent = session[from].sentAnswers {
        answers = sent
      } else if depth < 8, forms.indices.contains(from), !forms[from].valueFields.isEmpty {
        answers = values(step: from, depth: depth + 1).answers
      } else {
        return forms.indices.contains(from) && !forms[from].valueFields.isEmpty
          ? .pending(fromStep: from) : .missing(fromStep: from, path: path)
      }
      if let found = answers[path] { return .resolved(found) }
      if path.hasPrefix("body.") {
        let body = BodyAssembly.object(under: "body", answers: answers)
        if let found = body.value(atPath: String(path.dropFirst(5))) { return .resolved(found) }
      }
      return .missing(fromStep: from, path: path)
    }
  }
}

/// Builds nested JSON from dot-path answers.
enum BodyAssembly {
  /// The object formed by every answer whose path starts with `root.`.
  static func object(under root: String, answers: [String: JSONValue]) -> JSONValue {
    var body: JSONValue = .object(JSONObject())
    let prefix = root + "."
    for (path, value) in answers.sorted(by: { $0.key < $1.key }) where path.hasPrefix(prefix) {
      body.setValue(value, atPath: String(path.dropFirst(prefix.count)))
    }
    return body
  }
}
