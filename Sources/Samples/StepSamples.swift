import JSONValue
import Recipes
import Walkthrough

/// One entry of a step's Code tab: the recipe's own snippet (rendered) or generated code.
public struct StepSample: Sendable, Hashable {
  /// The language id ("python", "ajax", "curl").
  public var id: String
  /// The code, or nil when it could not be produced (see `error`).
  public var code: String?
  /// Why there is no code: a template error, or no generator for the id.
  public var error: String?
  /// True for code written by the generator (`auto` or no snippet), false for recipe text.
  public var isGenerated: Bool
}

/// Sample code and demo pages for one step of a walk, with the step's current values
/// (recipe-format §5 and §6). Secrets never reach the output unless asked for: templates see
/// placeholders in their place.
public enum StepSamples {
  /// The ids the portal's Sample Code panel offers (§5); a step with snippets offers only those.
  public static let offeredIDs = [
    "curl", "php", "php53", "java", "node", "csharp", "ruby", "python", "ajax", "angular", "typescript",
    "swift", "javascript", "html",
  ]

  /// Every sample of the step, in panel order; empty for steps without an API call or snippets.
  public static func samples(engine: WalkthroughEngine, step: Int) -> [StepSample] {
    guard engine.recipe.steps.indices.contains(step) else { return [] }
    let recipeStep = engine.recipe.steps[step]
    let snippets = recipeStep.sampleCode.filter { offeredIDs.contains($0.id) }
    if snippets.isEmpty {
      guard recipeStep.apiCall != nil else { return [] }
      return SampleCodeGenerator.languages.map { generated(id: $0, engine: engine, step: step) }
    }
    let context = context(engine: engine, step: step)
    // Languages the recipe has no snippet for are still offered, generated, after its own.
    let others =
      recipeStep.apiCall == nil
      ? []
      : SampleCodeGenerator.languages.filter { id in
        !snippets.contains { $0.id == id }
      }
    return snippets.map { snippet in
      if snippet.isAuto { return generated(id: snippet.id, engine: engine, step: step) }
      switch TemplateRenderer.render(snippet.code, context: context) {
      case .success(let code): return StepSample(id: snippet.id, code: code, error: nil, isGenerated: false)
      case .failure(let error):
        return StepSample(id: snippet.id, code: nil, error: error.description, isGenerated: false)
      }
    } + others.map { generated(id: $0, engine: engine, step: step) }
  }

  /// What templates see: secrets ∪ the step's answers, body fields flattened to bracket keys
  /// (`entryId`, `entry[name]`), `result` and `results[i]` from the session.
  public static func context(engine: WalkthroughEngine, step: Int, includeSecrets: Bool = false) -> TemplateContext {
    var answers = JSONObject()
    answers["partnerId"] = engine.credentials.partnerID.map { .int($0) } ?? .string("YOUR_PARTNER_ID")
    answers["secret"] = .string(includeSecrets ? engine.credentials.adminSecret ?? "" : "YOUR_KALTURA_SECRET")
    answers["ks"] = .string(includeSecrets ? engine.credentials.ks ?? "" : "YOUR_KS")
    answers["userId"] = .string(engine.credentials.userID ?? "YOUR_USER_ID")
    if let form = engine.form(step) {
      let values = engine.values(step)
      for field in form.valueFields {
        guard let value = values[field.path]?.value else { continue }
        let shown = field.isSecret && !includeSecrets ? placeholder(for: field.name) : value
        answers[flatKey(field.path)] = shown
      }
    }
    let results = engine.session.steps.map(\.lastSuccessfulReply)
    let result = engine.session.steps.indices.contains(step) ? engine.session.steps[step].lastExchange?.reply : nil
    return TemplateContext(answers: answers, result: result, results: results)
  }

  /// The step's call for the code generator: top-level parameters, then each body member as an
  /// argument, with classes and enum members from the spec and the walk's chosen file. Secrets
  /// are placeholders unless `showSecrets`. nil for steps that send nothing.
  public static func request(
    engine: WalkthroughEngine, step: Int, includeSetup: Bool = true, showSecrets: Bool = false
  ) -> SampleCodeRequest? {
    guard let form = engine.form(step), form.sendsRequest, let path = form.path else { return nil }
    let (service, action) = serviceAndAction(operationID: form.operationID, path: path)
    let values = engine.values(step)
    var parameters: [SampleParameter] = []
    var body = JSONValue.object(JSONObject())
    for field in form.valueFields where field.isSent {
      // A file the walk has not chosen yet still belongs in the call, with a placeholder path.
      if field.kind == .file, !field.path.hasPrefix("body.") {
        let chosen = values[field.path]?.value?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        parameters.append(SampleParameter(name: field.name, value: .null, isFile: true, filePath: chosen))
        continue
      }
      guard let value = values[field.path]?.value else { continue }
      let shown = field.isSecret && !showSecrets ? placeholder(for: field.name) : value
      if field.path.hasPrefix("body.") {
        body.setValue(shown, atPath: String(field.path.dropFirst(5)))
      } else {
        parameters.append(SampleParameter(name: field.name, value: shown))
      }
    }
    if case .object(let members) = body {
      let classes = bodyClassNames(engine: engine, method: form.method ?? "post", path: path)
      let order = bodyMemberOrder(engine: engine, method: form.method ?? "post", path: path)
      let ordered = members.enumerated().sorted {
        (order($0.element.key), $0.offset) < (order($1.element.key), $1.offset)
      }
      for member in ordered.map(\.element) {
        parameters.append(SampleParameter(name: member.key, value: member.value, className: classes[member.key]))
      }
    }
    var request = SampleCodeRequest(
      serviceURL: engine.credentials.apiBaseURL, service: service, action: action, parameters: parameters,
      requiresSession: form.requiresSession, partnerID: engine.credentials.partnerID)
    if let document = engine.document, let operation = document.operation(method: form.method ?? "post", path: path) {
      let types = SpecTypes(
        document: document, operation: operation, arguments: parameters.map { ($0.name, $0.value) })
      request.enums = types.enums
      for index in request.parameters.indices {
        let name = request.parameters[index].name
        for (dotted, className) in types.classes where dotted.hasPrefix(name + ".") {
          request.parameters[index].nestedClassNames[String(dotted.dropFirst(name.count + 1))] = className
        }
      }
    }
    request.includeSetup = includeSetup
    request.userID = engine.credentials.userID
    if showSecrets { request.adminSecret = engine.credentials.adminSecret }
    return request
  }

  /// One generated sample of the step (the `code` command, the Code tab's picker).
  public static func generated(
    id: String, engine: WalkthroughEngine, step: Int, includeSetup: Bool = true, showSecrets: Bool = false
  ) -> StepSample {
    guard let request = request(engine: engine, step: step, includeSetup: includeSetup, showSecrets: showSecrets)
    else {
      return StepSample(id: id, code: nil, error: "this step sends no request", isGenerated: true)
    }
    guard let code = SampleCodeGenerator.generate(language: id, request: request) else {
      return StepSample(id: id, code: nil, error: "no code generator for \(id)", isGenerated: true)
    }
    return StepSample(id: id, code: code, error: nil, isGenerated: true)
  }

  /// `body.entry.name` → `entry[name]`, `body.entryId` → `entryId`, `uiConf` → `uiConf`.
  static func flatKey(_ path: String) -> String {
    var parts = path.split(separator: ".").map(String.init)
    if parts.first == "body", parts.count > 1 { parts.removeFirst() }
    guard let first = parts.first else { return path }
    return first + parts.dropFirst().map { "[\($0)]" }.joined()
  }

  static func placeholder(for name: String) -> JSONValue {
    .string("YOUR_" + snakeCase(name).uppercased())
  }

  /// `uploadToken.add`, else the path's `/service/S/action/A`.
  static func serviceAndAction(operationID: String?, path: String) -> (String, String) {
    if let operationID, let dot = operationID.lastIndex(of: ".") {
      return (String(operationID[..<dot]), String(operationID[operationID.index(after: dot)...]))
    }
    let parts = path.split(separator: "/").map(String.init)
    let service = parts.firstIndex(of: "service").flatMap { parts.indices.contains($0 + 1) ? parts[$0 + 1] : nil }
    let action = parts.firstIndex(of: "action").flatMap { parts.indices.contains($0 + 1) ? parts[$0 + 1] : nil }
    return (service ?? "", action ?? "")
  }

  /// Body member → Kaltura class, from the `$ref`s of the operation's body schema.
  /// The client libraries take an action's arguments positionally, in the spec's order, which a
  /// recipe's body need not follow (upload.md lists `resource` before `entryId`). Members the
  /// spec does not name keep their place after the named ones.
  static func bodyMemberOrder(engine: WalkthroughEngine, method: String, path: String) -> (String) -> Int {
    let names =
      engine.document?.operation(method: method, path: path)?.bodyParameter?.schema?["properties"]?
      .objectValue.map { $0.map(\.key) } ?? []
    return { names.firstIndex(of: $0) ?? names.count }
  }

  static func bodyClassNames(engine: WalkthroughEngine, method: String, path: String) -> [String: String] {
    guard let operation = engine.document?.operation(method: method, path: path),
      let properties = operation.bodyParameter?.schema?["properties"]?.objectValue
    else { return [:] }
    var classes: [String: String] = [:]
    for property in properties {
      if let reference = property.value["$ref"]?.stringValue, let name = reference.split(separator: "/").last {
        classes[property.key] = String(name)
      }
    }
    return classes
  }
}
