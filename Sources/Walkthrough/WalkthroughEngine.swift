import APISchema
import JSONValue
import KalturaWire
import Recipes

/// A walk through one recipe as a value: the resolved forms, the session state and the
/// credentials, with pure functions for everything but sending. An Elm-style UI keeps one in
/// its model, calls `setValue`/`prepareRequest`/`record` from `update`, and lets its runtime
/// perform the `PreparedRequest` with a `StepRunner`.
public struct WalkthroughEngine: Sendable {
  public let recipe: Recipe
  public let document: APIDocument?
  /// One form per recipe step, same indices as `recipe.steps`.
  public let forms: [StepForm]
  public var credentials: ServiceCredentials
  public var session: WalkthroughSession
  /// The user's home, for `~` in file paths (handed in: the walk reads no environment).
  public var homeDirectory: String?

  public init(
    recipe: Recipe, document: APIDocument?, credentials: ServiceCredentials, session: WalkthroughSession? = nil
  ) {
    self.recipe = recipe
    self.document = document
    self.forms = FormBuilder(document: document).forms(for: recipe)
    self.credentials = credentials
    self.session = session ?? WalkthroughSession(stepCount: recipe.steps.count)
  }

  public var stepCount: Int { forms.count }

  public func form(_ step: Int) -> StepForm? { forms.indices.contains(step) ? forms[step] : nil }

  /// Current values of a step's fields. Links are followed now, so calling this when the user
  /// enters a step gives §3's "resolved when the step is entered".
  public func values(_ step: Int) -> StepValues {
    ValueResolver(forms: forms, session: session, secrets: credentials.secretValues).values(step: step)
  }

  /// Sets (or with nil, clears) the user's value of a field; a cleared field follows its
  /// link and defaults again.
  public mutating func setValue(_ value: JSONValue?, step: Int, path: String) {
    if case .string(let text)? = value, form(step)?.field(path)?.kind == .file {
      session[step].edits[path] = .string(FilePath.normalized(text, home: homeDirectory))
    } else {
      session[step].edits[path] = value
    }
  }

  /// The value of a file field as it is stored (and checked, shown, sent).
  public func storedFilePath(_ text: String) -> String { FilePath.normalized(text, home: homeDirectory) }

  /// Parses typed text for a field (numbers, booleans, enum labels, JSON) and stores it.
  public mutating func setInput(_ text: String, step: Int, path: String) throws(FieldInputError) {
    guard let form = form(step), let field = form.field(path) else {
      throw FieldInputError(path: path, message: "step \(step + 1) has no field `\(path)`")
    }
    let value = try field.parseInput(text)
    let children = form.allFields.filter { $0.path.hasPrefix(path + ".") }
    guard field.kind == .object, !children.isEmpty else {
      setValue(value, step: step, path: path)
      return
    }
    // The form sends an object's fields, not the object: JSON given for it sets them, each
    // read as if typed into it, so nothing is dropped on the way (and no key goes unnoticed).
    guard let object = value.objectValue else {
      throw FieldInputError(path: path, message: "expected a JSON object for `\(path)`, got \(value.typeName)")
    }
    for member in object {
      let childPath = path + "." + member.key
      guard form.field(childPath) != nil else {
        let names = children.filter { !$0.path.dropFirst(path.count + 1).contains(".") }
          .map { String($0.path.dropFirst(path.count + 1)) }
        throw FieldInputError(
          path: childPath,
          message: "`\(path)` has no field `\(member.key)`; its fields: \(names.joined(separator: ", "))")
      }
      let childText: String
      switch member.value {
      case .object, .array: childText = member.value.compactText
      default: childText = member.value.displayText
      }
      try setInput(childText, step: step, path: childPath)
    }
  }

  /// The request the step would send now.
  public func prepareRequest(step: Int) throws(RequestBuildError) -> PreparedRequest {
    guard let form = form(step) else { throw .noRequest(step: step) }
    return try RequestBuilder.build(form: form, values: values(step), credentials: credentials, ksInBody: ksInBody)
  }

  /// The step's whole-file upload into a token as its values stand (no session needed), for
  /// `UploadPlan.decide`; nil when the step is no such upload.
  public func uploadIntent(step: Int) -> UploadIntent? {
    guard let form = form(step) else { return nil }
    return RequestBuilder.uploadIntent(form: form, values: values(step))
  }

  /// Stores an exchange; a successful one also snapshots the step's answers for `answer` links.
  public mutating func record(_ exchange: Exchange, step: Int) {
    let answers = values(step).answers
    session[step].exchanges.append(exchange)
    session[step].sentAnswers = answers
  }

  /// The request that lists a dynamic enum's choices for a field (§4), with the session.
  public func dynamicEnumRequest(step: Int, path: String) -> PreparedRequest? {
    guard let field = form(step)?.field(path), let dynamicEnum = field.dynamicEnum else { return nil }
    return DynamicEnumOptions.request(for: dynamicEnum, engine: self, step: step)
  }

  /// OTT puts the KS in the JSON body; OVP in the query (`securityDefinitions.ks.in`).
  var ksInBody: Bool { document?.raw["securityDefinitions"]?["ks"]?["in"]?.stringValue == "body" }
}
