import ArgumentParser
import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Recipes
import Walkthrough

/// `recipe-console run`: the recipe's steps in order, headless. Exit 0 when every API step
/// succeeded, 1 when one failed (the rest are not run), 2 for usage or recipe errors.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run a recipe's steps in order, without the interactive UI.",
    discussion: """
      Steps are numbered from 1. --set 3.entry.name=Demo sets a body field of step 3; \
      --set 2.fileData=@movie.mp4 a file; --file fills the recipe's first file parameter.
      Files larger than one chunk go up in parallel resumable chunks; with --save, a killed run \
      continues with --resume, sending only what the server does not hold yet.
      """)

  @Argument(help: "The recipe (Markdown) file.") var recipe: String

  @Option(name: .customLong("set"), help: "STEP.PATH=VALUE: a field of a step (repeatable; @PATH for a file).")
  var assignments: [String] = []

  @Option(name: .customLong("file"), help: "A file for the recipe's first file parameter.") var file: String?

  @Option(name: .customLong("steps"), help: "Run only steps A-B (or one step A), numbered from 1.")
  var steps: String?

  @Option(
    name: [.customLong("save"), .customLong("session")],
    help: "Write the session to this file (after every step and every uploaded chunk).")
  var save: String?

  @Flag(
    name: .customLong("resume"),
    help: "Continue the session in --save/--session: completed steps are not re-run, an upload sends what is missing.")
  var resume = false

  @OptionGroup var uploadArguments: UploadArguments

  @Option(name: .customLong("progress"), help: "Upload progress bar on stderr: never, auto (when a terminal), always.")
  var progress: ProgressDisplayMode = .auto

  @Flag(name: .customLong("include-secrets"), help: "Store the KS and secrets in the saved session.")
  var includeSecrets = false

  @Flag(name: .customLong("json"), help: "Print one JSON object per step.") var json = false

  @OptionGroup var service: ServiceOptions

  func run() async throws {
    let code = await execute()
    if code != 0 { throw ExitCode(code) }
  }

  /// Runs and returns the exit code; usage and recipe problems are printed to stderr.
  func execute() async -> Int32 {
    let loaded: (recipe: Recipe, identity: RecipeIdentity)
    do { loaded = try loadRecipe() } catch {
      printError("\(error)")
      return 2
    }
    let range: ClosedRange<Int>
    let upload: UploadOptions
    do {
      range = try stepRange(count: loaded.recipe.steps.count)
      upload = try uploadArguments.options()
      if resume && save == nil {
        throw ValidationError("--resume needs the session file: --save FILE or --session FILE")
      }
    } catch {
      printError("\(error)")
      return 2
    }
    let resolved: ResolvedService
    do { resolved = try await service.resolve() } catch {
      printError("\(error)")
      return 2
    }
    let transport = KalturaHTTPTransport()
    let code = await walk(
      loaded.recipe, identity: loaded.identity, range: range, resolved: resolved, transport: transport,
      upload: upload)
    try? await transport.shutdown()
    await resolved.stop()
    return code
  }

  private func walk(
    _ recipe: Recipe, identity: RecipeIdentity, range: ClosedRange<Int>, resolved: ResolvedService,
    transport: KalturaHTTPTransport, upload: UploadOptions
  ) async -> Int32 {
    let spec = await resolved.loadSpec(transport: transport)
    guard spec.reportedOnStandardError() else { return 2 }
    let document = spec.document
    var engine = WalkthroughEngine(recipe: recipe, document: document, credentials: resolved.credentials)
    var continued: LoadedSession?
    do {
      if resume, let save, let loaded = try resumedSession(save, identity: identity) {
        engine = WalkthroughEngine(
          recipe: recipe, document: document, credentials: resolved.credentials, session: loaded.session)
        continued = loaded
      }
      engine.homeDirectory = ProcessInfo.processInfo.environment["HOME"]
      try applyAssignments(&engine)
    } catch {
      printError("\(error)")
      return 2
    }
    let output = RunOutput(json: json, secrets: resolved.credentials.secretStrings)
    let saver = save.map {
      SessionSaver(path: $0, identity: identity, includeSecrets: includeSecrets, continuing: continued)
    }
    let bar = RunProgress.make(mode: progress)
    let runner = StepRunner(
      transport: transport, uploader: ParallelChunkedUploader(transport: transport, tuning: upload.tuning),
      chunkSize: upload.chunkSize, parallelism: upload.parallelism)
    for index in range {
      let step = index - 1
      guard let form = engine.form(step), form.sendsRequest else {
        output.printSkipped(step: index, title: recipe.steps[step].title)
        continue
      }
      if resume, engine.session[step].isCompleted, let done = engine.session[step].lastExchange {
        output.printExchange(step: index, title: form.title, exchange: done, fromSession: true)
        continue
      }
      let prepared: PreparedRequest
      do { prepared = try engine.prepareRequest(step: step) } catch {
        output.printFailure(step: index, title: form.title, message: error.description)
        // Missing credentials are the command line's fault, not the service's.
        if case .needsSession = error {
          printError("error: \(error.description)")
          return 2
        }
        return 1
      }
      // On stderr in --json mode too: stdout keeps one JSON object per step.
      for warning in prepared.warnings { printError("warning: step \(index): \(warning)") }
      let plan = runner.plan(for: prepared, state: engine.session[step], resumeRequested: resume).managed
      saver?.save(engine)
      let exchange = await runner.run(
        step: step, engine: &engine, resumeUpload: resume,
        onCheckpoint: { checkpoint in saver?.save(checkpoint: checkpoint, step: step) },
        progress: { progress in bar?.update(progress) })
      bar?.finish()
      output.printExchange(step: index, title: form.title, exchange: exchange, upload: plan)
      saver?.save(engine)
      if !exchange.ok { return 1 }
    }
    saver?.save(engine)
    return 0
  }

  /// The session to continue, or nil (with a note) when the file does not exist yet.
  private func resumedSession(_ path: String, identity: RecipeIdentity) throws -> LoadedSession? {
    guard FileManager.default.fileExists(atPath: path) else {
      printError("note: \(path) does not exist yet; starting a new session")
      return nil
    }
    let loaded = try SessionFile.load(path: path, currentRecipe: identity)
    for warning in loaded.warnings { printError("warning: \(warning)") }
    return loaded
  }

  private func loadRecipe() throws -> (Recipe, RecipeIdentity) {
    guard let data = FileManager.default.contents(atPath: recipe) else {
      throw ValidationError("\(recipe): cannot read the recipe file")
    }
    let bytes = [UInt8](data)
    let parsed = Recipe.parse(bytes: bytes, file: recipe)
    if parsed.hasErrors {
      throw ValidationError(parsed.errors.map(\.description).joined(separator: "\n"))
    }
    let identity = RecipeIdentity(path: recipe, title: parsed.title, sha256: SHA256Digest.hex(bytes))
    return (parsed, identity)
  }

  /// `--steps A-B` or `--steps A` as a 1-based closed range (all steps by default).
  func stepRange(count: Int) throws -> ClosedRange<Int> {
    guard count > 0 else { throw ValidationError("\(recipe): the recipe has no steps") }
    guard let steps else { return 1...count }
    let parts = steps.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last!) else {
      throw ValidationError("--steps expects A-B or A (numbers from 1), got \"\(steps)\"")
    }
    guard 1 <= first, first <= last, last <= count else {
      throw ValidationError("--steps \(steps): the recipe has steps 1-\(count)")
    }
    return first...last
  }

  /// Applies `--file` and every `--set`, in that order (a `--set` of the same field wins).
  func applyAssignments(_ engine: inout WalkthroughEngine) throws {
    if let file {
      guard let (step, field) = firstFileField(engine) else {
        throw ValidationError("--file: \(recipe) has no file parameter")
      }
      let stored = engine.storedFilePath(file)
      try Self.requireReadableFile(stored, option: "--file \(file)")
      engine.setValue(.string(stored), step: step, path: field.path)
    }
    for assignment in assignments {
      let (step, path, text) = try Self.splitAssignment(assignment)
      guard let form = engine.form(step - 1) else {
        throw ValidationError("--set \(assignment): the recipe has steps 1-\(engine.stepCount)")
      }
      guard let field = form.field(path) ?? form.field("body." + path) else {
        let names = form.valueFields.map { $0.path.hasPrefix("body.") ? String($0.path.dropFirst(5)) : $0.path }
        throw ValidationError(
          "--set \(assignment): step \(step) has no field `\(path)`"
            + (names.isEmpty ? " (it has no inputs)" : "; its fields: \(names.joined(separator: ", "))"))
      }
      if text.hasPrefix("@") && field.kind == .file {
        let stored = engine.storedFilePath(String(text.dropFirst()))
        try Self.requireReadableFile(stored, option: "--set \(assignment)")
        engine.setValue(.string(stored), step: step - 1, path: field.path)
        continue
      }
      do { try engine.setInput(text, step: step - 1, path: field.path) } catch {
        throw ValidationError("--set \(assignment): \(error.message)")
      }
    }
  }

  /// A file to upload is checked before any request goes out, so a typo does not leave a
  /// half-run walk (a token created, nothing uploaded) behind.
  static func requireReadableFile(_ path: String, option: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ValidationError("\(option): no such file")
    }
    guard !isDirectory.boolValue else { throw ValidationError("\(option): is a directory, expected a file") }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw ValidationError("\(option): the file is not readable")
    }
  }

  private func firstFileField(_ engine: WalkthroughEngine) -> (Int, FormField)? {
    for step in 0..<engine.stepCount {
      if let field = engine.form(step)?.firstFileField { return (step, field) }
    }
    return nil
  }

  /// `3.entry.name=Demo` → (3, "entry.name", "Demo").
  static func splitAssignment(_ text: String) throws -> (Int, String, String) {
    guard let equals = text.firstIndex(of: "=") else {
      throw ValidationError("--set expects STEP.PATH=VALUE, got \"\(text)\"")
    }
    let target = text[..<equals]
    guard let dot = target.firstIndex(of: "."), let step = Int(target[..<dot]), step >= 1 else {
      throw ValidationError("--set expects STEP.PATH=VALUE with STEP a number from 1, got \"\(text)\"")
    }
    let path = String(target[target.index(after: dot)...])
    guard !path.isEmpty else { throw ValidationError("--set \(text): the field path is empty") }
    return (step, path, String(text[text.index(after: equals)...]))
  }
}

func printError(_ text: String) {
  try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
}

/// What `run` prints per step: text (title, request line, pretty reply) or one JSON object
/// per line. Every line passes through `Redaction.scrub` so no secret or KS leaks.
struct RunOutput {
  var json: Bool
  var secrets: [String]

  /// `fromSession`: the step completed in an earlier run (`--resume`) and was not sent again.
  /// `upload`: the file went up in chunks managed by the uploader.
  func printExchange(
    step: Int, title: String, exchange: Exchange, fromSession: Bool = false, upload: ManagedUpload? = nil
  ) {
    let shown = exchange.redacted
    if json {
      var object = JSONObject()
      object["step"] = .int(step)
      object["title"] = .string(title)
      object["request"] = ["method": .string(shown.method), "url": .string(shown.url)]
      object["ok"] = .bool(shown.ok)
      object["status"] = shown.status.map { .int($0) } ?? .null
      object["reply"] = shown.reply ?? .null
      object["error"] = shown.error.map { .string($0) } ?? .null
      object["ms"] = .int(Int(shown.milliseconds.rounded()))
      if fromSession { object["fromSession"] = true }
      if let upload { object["upload"] = Self.describe(upload) }
      emit(JSONValue.object(object).compactText)
      return
    }
    var lines = ["== Step \(step): \(title)", "\(shown.method) \(shown.url)"]
    if fromSession { lines.append("(completed in the saved session; not sent again)") }
    if let upload {
      lines.append(
        "(\(ProgressLine.bytes(upload.fileSize)) sent in chunks of about \(ProgressLine.bytes(upload.chunkSize)), "
          + "\(upload.parallelism) at a time; \(upload.managedFields.joined(separator: "/")) set by the uploader)")
    }
    let status = shown.status.map { "HTTP \($0)" } ?? "no reply"
    let verdict = shown.ok ? "ok" : "FAILED\(shown.error.map { ": \($0)" } ?? "")"
    lines.append("<- \(status), \(verdict) (\(Int(shown.milliseconds.rounded())) ms)")
    if let reply = shown.reply {
      lines.append(shown.replyIsJSON ? reply.prettyText() : reply.displayText)
    }
    emit(lines.joined(separator: "\n") + "\n")
  }

  static func describe(_ upload: ManagedUpload) -> JSONValue {
    [
      "chunked": true, "fileSize": .int(Int(upload.fileSize)), "chunkSize": .int(Int(upload.chunkSize)),
      "parallelism": .int(upload.parallelism), "resumed": .bool(upload.resumesSavedUpload),
      "managedFields": .array(upload.managedFields.map { .string($0) }),
    ]
  }

  func printSkipped(step: Int, title: String) {
    if json {
      let object: JSONValue = [
        "step": .int(step), "title": .string(title), "request": .null, "ok": true, "status": .null, "reply": .null,
        "error": .null, "ms": 0,
      ]
      emit(object.compactText)
    } else {
      emit("== Step \(step): \(title)\n(no request)\n")
    }
  }

  func printFailure(step: Int, title: String, message: String) {
    if json {
      let object: JSONValue = [
        "step": .int(step), "title": .string(title), "request": .null, "ok": false, "status": .null, "reply": .null,
        "error": .string(message), "ms": 0,
      ]
      emit(object.compactText)
    } else {
      emit("== Step \(step): \(title)\nFAILED: \(message)\n")
    }
  }

  private func emit(_ text: String) {
    // `try?`: a closed pipe (`run … | head`) must not crash the run; the session is still saved.
    try? FileHandle.standardOutput.write(contentsOf: Data((Redaction.scrub(text, secrets: secrets) + "\n").utf8))
  }
}

extension ProgressDisplayMode: ExpressibleByArgument {}
