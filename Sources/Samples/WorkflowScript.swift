import JSONValue
import Recipes
import Walkthrough

/// One value a workflow script sends: written into the script, or read from an earlier step's
/// reply when the recipe links the field (`dynamicValue.fromStep` with a reply path).
enum WorkflowValue: Sendable, Hashable {
  case literal(String)
  /// Step `fromStep`'s (0-based) reply at the dot path (`id`, `objects.0.id`).
  case link(fromStep: Int, path: String)
  /// A credential (`fromSecrets`) read from the environment when the script runs, else `fallback`.
  case environment(variable: String, fallback: String)
}

/// One request of a workflow script, in the wire's form-field shape (`entry[name]`).
struct WorkflowStep: Sendable, Hashable {
  var index: Int
  var title: String
  var service: String
  var action: String
  var requiresSession: Bool
  var fields: [(key: String, value: WorkflowValue)]
  /// The file field and the walk's chosen path (nil: none chosen yet).
  var file: (key: String, path: String?)?
  /// `uploadToken.upload`: the file goes up in chunks, `resume`/`finalChunk`/`resumeAt` per chunk.
  var isChunkedUpload: Bool
  /// Fields the walk has no value for (so they are not sent), named in the script.
  var unanswered: [String] = []

  static func == (a: WorkflowStep, b: WorkflowStep) -> Bool {
    a.index == b.index && a.fields.map(\.key) == b.fields.map(\.key) && a.fields.map(\.value) == b.fields.map(\.value)
      && a.file?.key == b.file?.key && a.file?.path == b.file?.path && a.service == b.service && a.action == b.action
  }
  func hash(into hasher: inout Hasher) { hasher.combine(index) }
}

/// A whole recipe as one runnable script (`recipe-console export`): every step that calls the
/// API, in order, each reply kept so later steps read the values the recipe links, credentials
/// from the environment. The model is language-neutral; `Templates/workflow/LANG.mustache` writes it.
public struct WorkflowScript: Sendable {
  public static let languages = ["curl", "python", "node"]

  var title: String
  var serviceURL: String
  var steps: [WorkflowStep]

  /// The walk's steps with their current values; links stay links, so the script follows its own
  /// replies. Secrets are never written: the script reads them from the environment.
  public init(engine: WalkthroughEngine) {
    title = engine.recipe.title
    serviceURL = engine.credentials.serviceURL
    steps = engine.forms.indices.compactMap { Self.step($0, engine: engine) }
  }

  /// The script in `language`, nil for a language without a workflow template.
  public func render(language: String) -> String? {
    WorkflowTemplates.render(context, language: language)
  }

  static let chunkFields: Set<String> = ["resume", "finalChunk", "resumeAt"]

  /// The environment variables a `fromSecrets` field of this name reads.
  static let credentialVariables = [
    "partnerId": "KALTURA_PARTNER_ID", "secret": "KALTURA_ADMIN_SECRET", "userId": "KALTURA_USER_ID",
  ]

  static func step(_ index: Int, engine: WalkthroughEngine) -> WorkflowStep? {
    guard let form = engine.form(index), form.sendsRequest,
      let request = StepSamples.request(engine: engine, step: index, includeSetup: false)
    else { return nil }
    let call = SampleCall(request)
    let chunked =
      request.service.lowercased() == "uploadtoken" && request.action == "upload"
      && call.formFields.contains { $0.isFile }
    var fields: [(key: String, value: WorkflowValue)] = []
    var file: (key: String, path: String?)?
    for field in call.formFields {
      if field.isFile {
        file = (field.key, request.parameters.first { $0.name == field.key }?.filePath)
      } else if !(chunked && chunkFields.contains(field.key)) {
        fields.append((field.key, .literal(field.text)))
      }
    }
    let values = engine.values(index)
    // Links and credentials take the place of the values the walk holds for them now.
    for (key, value) in linkedFields(form, values: values, engine: engine) + credentialFields(form, values: values) {
      fields.removeAll { $0.key == key }
      fields.append((key, value))
    }
    let unanswered = form.valueFields.filter { field in
      field.isSent && field.kind != .file && values[field.path]?.value == nil
        && !fields.contains { $0.key == StepSamples.flatKey(field.path) }
    }.map { StepSamples.flatKey($0.path) }
    return WorkflowStep(
      index: index, title: form.title, service: request.service, action: request.action,
      requiresSession: form.requiresSession, fields: fields, file: file, isChunkedUpload: chunked,
      unanswered: unanswered)
  }

  /// Fields the recipe links to an earlier step's reply (`dynamicValue.fromStep` + a path).
  static func linkedFields(_ form: StepForm, values: StepValues, engine: WalkthroughEngine)
    -> [(key: String, value: WorkflowValue)]
  {
    form.valueFields.compactMap { field in
      guard field.isSent, let link = field.dynamicValue, case .value(let path) = link.source,
        link.fromStep < form.stepIndex, engine.form(link.fromStep)?.sendsRequest == true
      else { return nil }
      // A value the user typed is what they meant to send, unless it is just what the link gave.
      if let current = values[field.path], current.source == .user {
        guard case .resolved = current.link, !current.linkDiffers else { return nil }
      }
      return (StepSamples.flatKey(field.path), .link(fromStep: link.fromStep, path: path))
    }
  }

  /// `fromSecrets` credentials and other secrets (a password), read from the environment when
  /// the script runs.
  static func credentialFields(_ form: StepForm, values: StepValues) -> [(key: String, value: WorkflowValue)] {
    form.valueFields.compactMap { field in
      guard field.isSent else { return nil }
      let key = StepSamples.flatKey(field.path)
      if field.fromSecrets, let variable = credentialVariables[field.name] {
        // A secret is never written in, not even as what to fall back to.
        let fallback = field.isSecret ? "" : values[field.path]?.value.map(\.displayText) ?? ""
        return (key, .environment(variable: variable, fallback: fallback))
      }
      guard field.isSecret, field.kind != .file else { return nil }
      return (key, .environment(variable: secretVariable(key), fallback: ""))
    }
  }

  /// The environment variable a secret field without a credential of its own reads:
  /// `password` → `KALTURA_PASSWORD`, `user[password]` → `KALTURA_USER_PASSWORD`.
  static func secretVariable(_ key: String) -> String {
    let words = key.uppercased().split { !($0.isLetter || $0.isNumber) }
    return "KALTURA_" + words.joined(separator: "_")
  }

  /// The secret variables the script reads besides the service's credentials, for its header.
  var secretVariables: [String] {
    var seen: [String] = []
    for step in steps {
      for case .environment(let variable, _) in step.fields.map(\.value)
      where !Self.credentialVariables.values.contains(variable) && !seen.contains(variable) {
        seen.append(variable)
      }
    }
    return seen
  }
}
