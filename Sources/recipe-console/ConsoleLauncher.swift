import APISchema
import Curses
import Foundation
import KalturaClient
import Recipes
import TerminalUI
import Walkthrough

/// What the console leaves behind.
struct ConsoleOutcome {
  /// The session file written during the walk, if any.
  var sessionPath: String?
  /// SIGTERM/SIGHUP ended the walk (after the session was saved): exit 128 + it.
  var signal: Int32?
}

/// The termination signal the console received, read once the walk has saved and ended.
final class ReceivedSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var number: Int32?
  var value: Int32? { lock.withLock { number } }
  func set(_ signal: Int32) { lock.withLock { number = signal } }
}

/// Gets a walk ready with the terminal already up (a "starting" screen shows while the
/// sandbox starts; the spec loads behind the first frame), runs it, and cleans up the service
/// afterwards.
struct ConsoleLauncher {
  let terminal: Terminal
  let recipePath: String?
  let sessionPath: String?
  let service: ServiceOptions
  /// Chunk size and parallelism of uploads larger than one chunk (`--chunk-size`, `--parallel`).
  let upload: UploadOptions

  func run() async throws -> ConsoleOutcome {
    let inbox = ConsoleInbox()
    let received = ReceivedSignal()
    terminal.onTerminationSignal = { number in
      received.set(number)
      inbox.post(.terminationRequested)
      // However the walk stands (starting, picking a recipe), the process ends: saving the
      // session gets a few seconds.
      DispatchQueue.global().asyncAfter(deadline: .now() + 5) { exit(128 + number) }
    }
    let input = inbox.forward(terminal)
    defer { input.cancel() }
    var messages = inbox.stream.makeAsyncIterator()
    let saved = try loadSession()
    let recipe: Recipe
    let identity: RecipeIdentity
    if let given = recipePath ?? saved?.recipe.path {
      (recipe, identity) = try Self.loadRecipe(given)
    } else {
      // A recipe that fails to open sends the user back to the picker with its reasons.
      var entries = try ConsoleRecipePicker.scan(directory: "recipes")
      while true {
        guard
          let path = await ConsoleRecipePicker.run(
            entries: entries, terminal: terminal, colorMode: Self.colorMode(terminal.colorDepth), messages: &messages)
        else { return ConsoleOutcome() }
        do {
          (recipe, identity) = try Self.loadRecipe(path)
          break
        } catch {
          entries = entries.map {
            $0.path == path ? RecipeEntry(path: path, title: $0.title, summary: "", problems: ["\(error)"]) : $0
          }
        }
      }
    }

    drawStarting(recipe.title, service.serviceURL == nil ? "starting the embedded sandbox…" : "connecting…")
    var resolved = try await service.resolve()
    let uploadReports = UploadReports()
    let transport = KalturaHTTPTransport(
      configuration: .init(onFileBytesSent: { uploadReports.handedOver($0) }))
    let runner = StepRunner(
      transport: transport, uploader: ParallelChunkedUploader(transport: transport, tuning: upload.tuning),
      chunkSize: upload.chunkSize, parallelism: upload.parallelism)
    // The first frame does not wait for the spec (the full OVP document is 2 MB): the walk opens
    // on the recipe's own forms, and they become typed when `.specLoaded` arrives.
    var model = makeModel(
      recipe: recipe, identity: identity, saved: saved, resolved: resolved, document: nil, runner: runner)
    model.isLoadingSpec = true
    var specLoad = Self.loadSpec(of: resolved, transport: transport, into: inbox)
    defer { specLoad.cancel() }
    let notes = sessionNotes(saved, identity: identity)
    if !notes.isEmpty { model.footerMessage = notes.joined(separator: " · ") }
    let saver = SessionSaveQueue(recipe: identity) { report in
      switch report {
      case .saved(let path): inbox.post(.sessionSaved(path: path))
      case .failed(let path, let error): inbox.post(.sessionSaveFailed(path: path, error: error))
      }
    }
    if let saved, let sessionPath { saver.adopt(saved, path: sessionPath) }
    var runtime = ConsoleRuntime(
      terminal: terminal, inbox: inbox, runner: runner, uploadReports: uploadReports, recipe: identity, saver: saver,
      model: model)
    var finalModel = await runtime.run(&messages)
    while let next = runtime.requestedProfile {
      // The walk stays (answers, exchanges, forms); only where it is sent changes.
      let previous = resolved.profile
      let previousSpecSource = resolved.specSource
      await resolved.stop()
      drawStarting(recipe.title, "switching to profile \(next)…")
      var message = "Profile \(next)"
      do {
        resolved = try await service.resolve(config: resolved.config, switchingTo: next)
      } catch {
        message = "Profile \(next) not usable: \(error)"
        resolved = try await service.resolve(config: resolved.config, switchingTo: previous)
      }
      runtime.model = Self.connected(finalModel, to: resolved)
      runtime.model.footerMessage = message
      // Another service may describe its API otherwise: its forms follow its own spec.
      if resolved.specSource != previousSpecSource {
        specLoad.cancel()
        runtime.model.isLoadingSpec = true
        specLoad = Self.loadSpec(
          of: resolved, transport: transport, into: inbox, keeping: runtime.model.engine.document)
      }
      finalModel = await runtime.run(&messages)
    }
    specLoad.cancel()
    try? await transport.shutdown()
    await resolved.stop()
    let written = finalModel.sessionPath.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    return ConsoleOutcome(sessionPath: written, signal: received.value)
  }

  private func makeModel(
    recipe: Recipe, identity: RecipeIdentity, saved: LoadedSession?, resolved: ResolvedService,
    document: APIDocument?, runner: StepRunner
  ) -> Model {
    var engine = WalkthroughEngine(
      recipe: recipe, document: document, credentials: resolved.credentials, session: saved?.session)
    engine.homeDirectory = ProcessInfo.processInfo.environment["HOME"]
    let size = terminal.size
    var model = Model(
      engine: engine, serviceLabel: resolved.credentials.serviceURL,
      sessionPath: sessionPath ?? Self.newSessionPath(for: identity.path),
      isEmbeddedSandbox: resolved.isEmbeddedSandbox, colorMode: Self.colorMode(terminal.colorDepth),
      width: size.width, height: size.height, uploadChunkSize: runner.chunkSize)
    model.keyOverrides = ConfigFile.keyOverrides(resolved.config)
    // With no profile of their own, a user's screen stays as it was: no list, no header mark.
    if resolved.config.profiles.count > 1 {
      model.profiles = ConfigFile.entries(resolved.config)
      model.profileName = resolved.profile
    }
    return model
  }

  /// Loads the forms' spec off the loop and posts it as `.specLoaded`. After a profile switch,
  /// a service without a spec of its own keeps the one the forms had (`keeping`): typed forms
  /// are not dropped for inferred ones.
  private static func loadSpec(
    of resolved: ResolvedService, transport: KalturaHTTPTransport, into inbox: ConsoleInbox,
    keeping current: APIDocument? = nil
  ) -> Task<Void, Never> {
    Task {
      let spec = await resolved.loadSpec(transport: transport)
      guard !Task.isCancelled else { return }
      if spec.document == nil, let current {
        let note = "\(resolved.specSource) gave no spec: the forms keep the previous profile's"
        inbox.post(.specLoaded(LoadedSpec(document: current, note: note)))
      } else {
        inbox.post(.specLoaded(LoadedSpec(document: spec.document, note: spec.note)))
      }
    }
  }

  /// The model, now sending to `resolved`'s service.
  static func connected(_ model: Model, to resolved: ResolvedService) -> Model {
    var model = model
    model.engine.credentials = resolved.credentials
    model.serviceLabel = resolved.credentials.serviceURL
    model.isEmbeddedSandbox = resolved.isEmbeddedSandbox
    model.profileName = resolved.profile
    model.dynamicChoices = [:]
    return model
  }

  private func sessionNotes(_ saved: LoadedSession?, identity: RecipeIdentity) -> [String] {
    guard let saved else { return [] }
    var notes = saved.warnings
    if saved.recipe.sha256 != identity.sha256 {
      notes.append("the recipe changed since this session was saved; answers and replies may not fit")
    }
    return notes
  }

  /// `--session FILE`: loaded when it exists; a new file otherwise.
  private func loadSession() throws -> LoadedSession? {
    guard let sessionPath, FileManager.default.fileExists(atPath: sessionPath) else { return nil }
    return try SessionFile.load(path: sessionPath)
  }

  static func loadRecipe(_ path: String) throws -> (Recipe, RecipeIdentity) {
    // The system's reason (errno), as a shell would say it: "No such file or directory".
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw ConsoleError("\(path): cannot read the recipe file: \(String(cString: strerror(errno)))")
    }
    close(descriptor)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConsoleError("\(path): cannot read the recipe file (is it a directory?)")
    }
    let bytes = [UInt8](data)
    let recipe = Recipe.parse(bytes: bytes, file: path)
    if recipe.hasErrors {
      throw ConsoleError(recipe.errors.map(\.description).joined(separator: "\n"))
    }
    if recipe.steps.isEmpty { throw ConsoleError("\(path): the recipe has no steps") }
    return (recipe, RecipeIdentity(path: path, title: recipe.title, sha256: SHA256Digest.hex(bytes)))
  }

  /// $XDG_STATE_HOME/recipe-console/sessions/<recipe>-<time>.session.json (~/.local/state
  /// when unset): a walk is kept without cluttering the directory it was started in.
  static func newSessionPath(
    for recipePath: String, environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
  ) -> String {
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? FileManager.default.homeDirectoryForCurrentUser.path + "/.local/state"
    let name = ((recipePath as NSString).lastPathComponent as NSString).deletingPathExtension
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return "\(state)/recipe-console/sessions/\(name)-\(formatter.string(from: now)).session.json"
  }

  static func colorMode(_ depth: ColorDepth) -> ColorMode {
    switch depth {
    case .none: return .none
    case .eight: return .eight
    case .extended: return .full
    }
  }

  private func drawStarting(_ title: String, _ status: String) {
    let size = terminal.size
    var canvas = Canvas(width: size.width, height: size.height)
    canvas.put(" " + title, x: 0, y: 0, style: .bold)
    canvas.put(" " + status, x: 0, y: 2, style: .dim)
    terminal.draw(canvas)
  }
}

/// A problem that ends the console before or outside the walk (printed after the terminal is
/// restored).
struct ConsoleError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
