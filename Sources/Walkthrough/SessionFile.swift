import Foundation
import JSONValue

/// Which recipe a session belongs to.
public struct RecipeIdentity: Sendable, Hashable {
  public var path: String
  public var title: String
  /// Lower-case hex SHA-256 of the recipe text.
  public var sha256: String

  public init(path: String, title: String, sha256: String) {
    self.path = path
    self.title = title
    self.sha256 = sha256
  }

  public init(path: String, title: String, text: String) {
    self.init(path: path, title: title, sha256: SHA256Digest.hex(text))
  }
}

/// A session file read back.
public struct LoadedSession: Sendable {
  public var formatVersion: Int
  public var recipe: RecipeIdentity
  public var serviceURL: String
  public var partnerID: Int?
  public var session: WalkthroughSession
  /// Only present when the file was saved with secrets.
  public var ks: String?
  public var adminSecret: String?
  /// E.g. the recipe changed since the session was saved.
  public var warnings: [String]
  /// Where the file's exchange log stood when it was read (formats 2, 3); a `SessionStore`
  /// continuing this session appends after it instead of writing every exchange again.
  public var logPosition: SessionLogPosition? = nil
}

public struct SessionFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// Session files (ARCHITECTURE.md): format version, recipe, service URL, per step the answers
/// and every exchange. Secrets (admin secret, KS, password fields) only with `includeSecrets`.
///
/// Formats 2 and 3 keep a session as two files (README, Sessions): `FILE`, a small JSON state
/// (answers, upload checkpoints, how many exchanges each step has) replaced atomically, and
/// `FILE.log`, the exchanges one JSON line each, only ever appended (`SessionStore`). Format 3
/// also appends each save's commit record to the log, carrying the steps whose state changed,
/// so a save costs one log append and one fsync and `FILE` is rewritten only when its header
/// changes. Formats 1 (everything in `FILE`) and 2 still load; `encode` gives the one-document
/// shape, which is also what `document(path:)` assembles from the two files.
public enum SessionFile {
  public static let formatVersion = 3

  /// The whole session as one document, exchanges inline.
  public static func encode(_ engine: WalkthroughEngine, recipe: RecipeIdentity, includeSecrets: Bool) -> JSONValue {
    var root = encodeHeader(engine, recipe: recipe, includeSecrets: includeSecrets)
    root["savedAt"] = .string(isoTime(Date().timeIntervalSince1970))
    root["steps"] = .array(
      engine.session.steps.enumerated().map { index, state in
        var step = encodeStep(index: index, state: state, form: engine.form(index), includeSecrets: includeSecrets)
        step["exchanges"] = .array(state.exchanges.map { encodeExchange($0, includeSecrets: includeSecrets) })
        return .object(step)
      })
    return .object(root)
  }

  /// The state file of formats 2 and 3: `header`, then `steps` (each step's state without
  /// its exchanges, which are in the log) with how many exchanges the log holds for each.
  static func encodeState(header: JSONObject, steps: [JSONValue], counts: [Int], log: SessionLogPosition) -> JSONValue {
    var root = header
    root["savedAt"] = .string(isoTime(Date().timeIntervalSince1970))
    root["exchangeLog"] = ["id": .string(log.id), "bytes": .int(log.bytes)]
    root["steps"] = .array(
      steps.enumerated().map { index, step in
        guard var object = step.objectValue else { return step }
        object["exchangeCount"] = .int(index < counts.count ? counts[index] : 0)
        return .object(object)
      })
    return .object(root)
  }

  /// Each step's state as the state file and a log commit record hold it: answers, sent
  /// answers, upload checkpoint (no exchanges).
  static func encodeStepStates(_ engine: WalkthroughEngine, includeSecrets: Bool) -> [JSONValue] {
    engine.session.steps.enumerated().map { index, state in
      .object(encodeStep(index: index, state: state, form: engine.form(index), includeSecrets: includeSecrets))
    }
  }

  /// What the state file says besides the steps: format, recipe, service, secrets when asked.
  /// Only a change here needs the state file rewritten; the steps change through the log.
  static func encodeHeader(_ engine: WalkthroughEngine, recipe: RecipeIdentity, includeSecrets: Bool) -> JSONObject {
    var root = JSONObject()
    root["formatVersion"] = .int(formatVersion)
    root["recipe"] = [
      "path": .string(recipe.path), "title": .string(recipe.title), "sha256": .string(recipe.sha256),
    ]
    root["serviceURL"] = .string(engine.credentials.serviceURL)
    if let partnerID = engine.credentials.partnerID { root["partnerId"] = .int(partnerID) }
    if includeSecrets {
      var secrets = JSONObject()
      if let ks = engine.credentials.ks { secrets["ks"] = .string(ks) }
      if let secret = engine.credentials.adminSecret { secrets["adminSecret"] = .string(secret) }
      if let userID = engine.credentials.userID { secrets["userId"] = .string(userID) }
      root["secrets"] = .object(secrets)
    }
    return root
  }

  private static func encodeStep(index: Int, state: StepState, form: StepForm?, includeSecrets: Bool) -> JSONObject {
    var step = JSONObject()
    step["step"] = .int(index + 1)
    step["title"] = .string(form?.title ?? "")
    step["answers"] = encodeAnswers(state.edits, form: form, includeSecrets: includeSecrets)
    if let sent = state.sentAnswers {
      step["sentAnswers"] = encodeAnswers(sent, form: form, includeSecrets: includeSecrets)
    }
    if let checkpoint = state.uploadCheckpoint { step["upload"] = checkpoint }
    return step
  }

  static func encodeExchange(_ exchange: Exchange, includeSecrets: Bool) -> JSONValue {
    let shown = includeSecrets ? exchange : exchange.redacted
    var object = JSONObject()
    object["time"] = .string(isoTime(shown.startedAt))
    object["startedAt"] = .double(shown.startedAt)
    object["request"] = [
      "method": .string(shown.method), "url": .string(Redaction.redactURL(shown.url)),
      "body": shown.requestBody.map(Redaction.redact) ?? .null,
    ]
    object["status"] = shown.status.map { .int($0) } ?? .null
    object["ok"] = .bool(shown.ok)
    if let error = shown.error { object["error"] = .string(error) }
    if let code = shown.errorCode { object["errorCode"] = .string(code) }
    if !shown.retries.isEmpty { object["retries"] = .array(shown.retries.map { .string($0) }) }
    object["ms"] = .double((shown.milliseconds * 10).rounded() / 10)
    object["replyIsJSON"] = .bool(shown.replyIsJSON)
    object["reply"] = shown.reply ?? .null
    return .object(object)
  }

  private static func encodeAnswers(_ answers: [String: JSONValue], form: StepForm?, includeSecrets: Bool) -> JSONValue
  {
    var object = JSONObject()
    var rank: [String: Int] = [:]
    for (index, field) in (form?.allFields ?? []).enumerated() where rank[field.path] == nil {
      rank[field.path] = index
    }
    let ordered = answers.keys.sorted { a, b in (rank[a] ?? Int.max, a) < (rank[b] ?? Int.max, b) }
    for path in ordered {
      guard let value = answers[path] else { continue }
      if includeSecrets {
        object[path] = value
        continue
      }
      let name = String(path.split(separator: ".").last ?? Substring(path))
      let secret = form?.field(path)?.isSecret ?? Redaction.secretKeys.contains(name)
      if secret, case .string(let s) = value {
        object[path] = .string(name == "ks" ? Redaction.maskKS(s) : Redaction.maskSecret(s))
      } else {
        object[path] = Redaction.redact(value)
      }
    }
    return .object(object)
  }

  /// Writes the whole session (state file and log) once; a walk that saves again and again
  /// keeps a `SessionStore`, which writes only what changed.
  public static func save(
    _ engine: WalkthroughEngine, recipe: RecipeIdentity, to path: String, includeSecrets: Bool = false
  ) throws {
    try SessionStore(path: path, recipe: recipe, includeSecrets: includeSecrets).save(engine)
  }

  /// The session at `path` as one self-contained document, exchanges inline (format 2 reads
  /// `FILE.log` for them): what scripts and tests inspect or edit. Written back over `FILE`,
  /// it is a session file of its own, which needs no log.
  public static func document(path: String) throws(SessionFileError) -> JSONValue {
    let read = try SessionLog.document(path: path)
    guard var root = read.document.objectValue, root["exchangeLog"] != nil else { return read.document }
    _ = root.removeValue(forKey: "exchangeLog")
    if case .array(let steps)? = root["steps"] {
      root["steps"] = .array(
        steps.map { step in
          guard var object = step.objectValue else { return step }
          _ = object.removeValue(forKey: "exchangeCount")
          return .object(object)
        })
    }
    return .object(root)
  }

  /// Reads a session file (and its exchange log). `currentRecipe` (when known) is compared by
  /// SHA-256: a different recipe loads with a warning.
  public static func load(path: String, currentRecipe: RecipeIdentity? = nil) throws(SessionFileError) -> LoadedSession
  {
    let read = try SessionLog.document(path: path)
    var loaded = try decode(read.document, path: path, currentRecipe: currentRecipe)
    loaded.logPosition = read.position
    if let note = read.note { loaded.warnings.append(note) }
    return loaded
  }

  public static func decode(
    _ json: JSONValue, path: String = "session", currentRecipe: RecipeIdentity? = nil
  ) throws(SessionFileError) -> LoadedSession {
    guard let version = json["formatVersion"]?.intValue else {
      throw SessionFileError(path: path, message: "not a session file: no `formatVersion`")
    }
    guard version <= formatVersion else {
      throw SessionFileError(
        path: path, message: "format version \(version) is newer than this console (\(formatVersion))")
    }
    let recipe = RecipeIdentity(
      path: json["recipe"]?["path"]?.stringValue ?? "", title: json["recipe"]?["title"]?.stringValue ?? "",
      sha256: json["recipe"]?["sha256"]?.stringValue ?? "")
    var warnings: [String] = []
    if let currentRecipe, currentRecipe.sha256 != recipe.sha256 {
      warnings.append(
        "the recipe \(currentRecipe.path) changed since this session was saved; answers and replies may not fit")
    }
    var steps: [StepState] = []
    for (position, item) in (json["steps"]?.arrayValue ?? []).enumerated() {
      var state = StepState()
      state.edits = decodeAnswers(item["answers"])
      if item["sentAnswers"] != nil { state.sentAnswers = decodeAnswers(item["sentAnswers"]) }
      if let checkpoint = item["upload"], !checkpoint.isNull { state.uploadCheckpoint = checkpoint }
      for raw in item["exchanges"]?.arrayValue ?? [] {
        guard let method = raw["request"]?["method"]?.stringValue, let url = raw["request"]?["url"]?.stringValue,
          let ok = raw["ok"]?.boolValue
        else {
          throw SessionFileError(
            path: path, message: "step \(position + 1): an exchange lacks request.method/url or ok")
        }
        let body = raw["request"]?["body"]
        var exchange =
          Exchange(
            method: method, url: url, requestBody: body?.isNull == true ? nil : body, status: raw["status"]?.intValue,
            reply: raw["reply"].flatMap { $0.isNull ? nil : $0 }, replyIsJSON: raw["replyIsJSON"]?.boolValue ?? false,
            ok: ok, error: raw["error"]?.stringValue, errorCode: raw["errorCode"]?.stringValue,
            milliseconds: raw["ms"]?.doubleValue ?? 0, startedAt: raw["startedAt"]?.doubleValue ?? 0)
        exchange.retries = raw["retries"]?.arrayValue?.compactMap(\.stringValue) ?? []
        state.exchanges.append(exchange)
      }
      steps.append(state)
    }
    return LoadedSession(
      formatVersion: version, recipe: recipe, serviceURL: json["serviceURL"]?.stringValue ?? "",
      partnerID: json["partnerId"]?.intValue, session: WalkthroughSession(steps: steps),
      ks: json["secrets"]?["ks"]?.stringValue, adminSecret: json["secrets"]?["adminSecret"]?.stringValue,
      warnings: warnings)
  }

  /// A masked secret is not an answer: restored, it would be sent as `********`. Left out, the
  /// field takes its secret from the credentials again (or says it is empty).
  private static func decodeAnswers(_ value: JSONValue?) -> [String: JSONValue] {
    var answers: [String: JSONValue] = [:]
    for member in value?.objectValue ?? JSONObject() {
      if case .string(let text) = member.value, Redaction.isMasked(text) { continue }
      answers[member.key] = member.value
    }
    return answers
  }

  static func isoTime(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}
