import APISchema
import Foundation
import JSONValue
import Recipes

/// Why a session cannot be opened or replayed: the file, and what is wrong with it.
public struct SessionReplayError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}

/// A saved session opened together with its recipe: for read-only viewing (every recorded
/// request and reply, no server needed) and as the starting point of a replay.
public struct SessionReplay: Sendable {
  /// The session file as given.
  public var sessionPath: String
  public var loaded: LoadedSession
  public var recipe: Recipe
  /// Where the recipe was found, with the SHA-256 of its current text.
  public var recipeIdentity: RecipeIdentity
  /// E.g. the recipe changed since the session was saved.
  public var warnings: [String]
  /// Per step (0-based), what the session recorded of a chunked upload (`steps[].upload`):
  /// `{"uploadTokenId", "file": {"path", "size", "mtime", "headTailHash"}, ...}`. Read from the
  /// document so replay checks files whichever module wrote it.
  public var recordedUploads: [Int: JSONValue] = [:]

  /// Opens a session file and finds its recipe: `recipePath` when given, else the recorded
  /// path as is (relative to `workingDirectory`), else relative to the session file's folder.
  public static func open(
    path: String, recipePath: String? = nil,
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(SessionReplayError) -> SessionReplay {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SessionReplayError(path: path, message: "cannot read the session file")
    }
    var json: JSONValue
    do { json = try JSONValue(parsing: [UInt8](data)) } catch {
      throw SessionReplayError(
        path: path, message: "not valid JSON: line \(error.line), column \(error.column): \(error.message)")
    }
    if json["exchangeLog"] != nil {
      // Format 2: the exchanges are in FILE.log.
      do { json = try SessionLog.document(path: path).document } catch {
        throw SessionReplayError(path: error.path, message: error.message)
      }
    }
    if let problem = SessionShape.problem(in: json) {
      throw SessionReplayError(path: path, message: "field `\(problem.field)`: expected \(problem.expected)")
    }
    var loaded: LoadedSession
    do { loaded = try SessionFile.decode(json, path: path) } catch {
      throw SessionReplayError(path: path, message: error.message)
    }
    let found = try locateRecipe(
      recorded: loaded.recipe.path, override: recipePath, sessionPath: path, workingDirectory: workingDirectory)
    guard let recipeData = FileManager.default.contents(atPath: found) else {
      throw SessionReplayError(path: found, message: "cannot read the recipe file")
    }
    let bytes = [UInt8](recipeData)
    let recipe = Recipe.parse(bytes: bytes, file: found)
    if recipe.hasErrors {
      throw SessionReplayError(
        path: found, message: "the recipe has errors:\n" + recipe.errors.map(\.description).joined(separator: "\n"))
    }
    let identity = RecipeIdentity(path: loaded.recipe.path, title: recipe.title, sha256: SHA256Digest.hex(bytes))
    var warnings = loaded.warnings
    if !loaded.recipe.sha256.isEmpty && loaded.recipe.sha256 != identity.sha256 {
      warnings.append(
        "the recipe \(found) changed since this session was saved; answers and replies may not fit")
    }
    if loaded.session.steps.count > recipe.steps.count {
      throw SessionReplayError(
        path: path,
        message: "the session has \(loaded.session.steps.count) steps but the recipe \(found) has \(recipe.steps.count)"
      )
    }
    loaded.session.steps += Array(repeating: StepState(), count: recipe.steps.count - loaded.session.steps.count)
    var uploads: [Int: JSONValue] = [:]
    for (index, step) in (json["steps"]?.arrayValue ?? []).enumerated() {
      if let upload = step["upload"], upload.objectValue != nil { uploads[index] = upload }
    }
    return SessionReplay(
      sessionPath: path, loaded: loaded, recipe: recipe, recipeIdentity: identity, warnings: warnings,
      recordedUploads: uploads)
  }

  static func locateRecipe(
    recorded: String, override: String?, sessionPath: String, workingDirectory: String
  ) throws(SessionReplayError) -> String {
    if let override {
      guard FileManager.default.fileExists(atPath: override) else {
        throw SessionReplayError(path: override, message: "recipe file not found")
      }
      return override
    }
    let candidates = candidatePaths(recorded, sessionPath: sessionPath, workingDirectory: workingDirectory)
    if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
    throw SessionReplayError(
      path: sessionPath,
      message: "the recorded recipe \(recorded) was not found (looked at \(candidates.joined(separator: ", "))); "
        + "give its new place with --recipe PATH")
  }

  /// A relative path is looked up from the working directory first (where it was recorded),
  /// then beside the session file (a session kept next to its recipes).
  static func candidatePaths(_ recorded: String, sessionPath: String, workingDirectory: String) -> [String] {
    if recorded.hasPrefix("/") { return [recorded] }
    let fromCWD = workingDirectory.isEmpty ? recorded : workingDirectory + "/" + recorded
    let folder = (sessionPath as NSString).deletingLastPathComponent
    let fromSession = folder.isEmpty ? recorded : folder + "/" + recorded
    return fromCWD == fromSession ? [fromCWD] : [fromCWD, fromSession]
  }

  /// Steps (0-based) that were sent in the recorded session.
  public var recordedSteps: [Int] {
    loaded.session.steps.indices.filter { loaded.session.steps[$0].hasRun }
  }

  /// Every recorded exchange per step (0-based, same indices as the recipe's steps).
  public var recordedExchanges: [[Exchange]] { loaded.session.steps.map(\.exchanges) }

  /// The exchange a replay compares against: the step's last one.
  public func recordedExchange(step: Int) -> Exchange? { loaded.session[step].lastExchange }

  /// The session as recorded, for browsing offline: recorded answers in the forms, recorded
  /// replies as each step's exchanges. `credentials` defaults to the recorded service.
  public func viewingEngine(document: APIDocument? = nil, credentials: ServiceCredentials? = nil)
    -> WalkthroughEngine
  {
    WalkthroughEngine(
      recipe: recipe, document: document,
      credentials: credentials ?? ServiceCredentials(serviceURL: loaded.serviceURL, partnerID: loaded.partnerID),
      session: loaded.session)
  }

  /// An engine ready to re-send the recorded steps: the recorded answers, no exchanges, so links
  /// follow the new replies. Steps before `keepingRecordedBefore` (0-based) keep their recorded
  /// exchanges, so a partial replay (`--steps 3-5`) can still follow links into them.
  public func replayEngine(
    document: APIDocument?, credentials: ServiceCredentials, keepingRecordedBefore first: Int = 0
  ) -> WalkthroughEngine {
    let recorded = viewingEngine(document: document, credentials: credentials)
    var session = WalkthroughSession(stepCount: recipe.steps.count)
    for step in session.steps.indices {
      if step < first {
        session.steps[step] = loaded.session[step]
      } else {
        session.steps[step].edits = replayAnswers(step: step, recorded: recorded)
      }
    }
    return WalkthroughEngine(recipe: recipe, document: document, credentials: credentials, session: session)
  }

  /// The user's recorded answers of a step, minus what must come from the new run: masked
  /// secrets (they come from the new credentials) and linked fields whose answer was just the
  /// link's recorded value (so a new token id flows into later steps).
  func replayAnswers(step: Int, recorded: WalkthroughEngine) -> [String: JSONValue] {
    let form = recorded.form(step)
    let values = recorded.values(step)
    var answers: [String: JSONValue] = [:]
    for (path, value) in loaded.session[step].edits {
      let name = String(path.split(separator: ".").last ?? Substring(path))
      let secret = form?.field(path)?.isSecret ?? Redaction.secretKeys.contains(name)
      if secret && Self.isMasked(value) { continue }
      if let field = values[path], case .resolved = field.link, !field.linkDiffers { continue }
      answers[path] = value
    }
    return answers
  }

  /// A value `SessionFile` wrote in place of a secret (`Redaction.isMasked` decides).
  static func isMasked(_ value: JSONValue) -> Bool {
    guard case .string(let text) = value else { return false }
    return Redaction.isMasked(text)
  }
}
