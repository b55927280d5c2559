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
      """)

  @Argument(help: "The recipe (Markdown) file.") var recipe: String

  @Option(name: .customLong("set"), help: "STEP.PATH=VALUE: a field of a step (repeatable; @PATH for a file).")
  var assignments: [String] = []

  @Option(name: .customLong("file"), help: "A file for the recipe's first file parameter.") var file: String?

  @Option(name: .customLong("steps"), help: "Run only steps A-B (or one step A), numbered from 1.")
  var steps: String?

  @Option(name: .customLong("save"), help: "Write the session to this file (after every step).") var save: String?

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
    do { range = try stepRange(count: loaded.recipe.steps.count) } catch {
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
      loaded.recipe, identity: loaded.identity, range: range, resolved: resolved, transport: transport)
    try? await transport.shutdown()
    await resolved.stop()
    return code
  }

  private func walk(
    _ recipe: Recipe, identity: RecipeIdentity, range: ClosedRange<Int>, resolved: ResolvedService,
    transport: KalturaHTTPTransport
  ) async -> Int32 {
    let (document, note) = await resolved.loadSpec(transport: transport)
    if let note, !json { printError("note: \(note)") }
    var engine = WalkthroughEngine(recipe: recipe, document: document, credentials: resolved.credentials)
    do { try applyAssignments(&engine) } catch {
      printError("\(error)")
      return 2
    }
    let output = RunOutput(json: json, secrets: resolved.credentials.secretStrings)
    let runner = StepRunner(transport: transport, uploader: ParallelChunkedUploader(transport: transport))
    for index in range {
      let step = index - 1
      guard let form = engine.form(step), form.sendsRequest else {
        output.printSkipped(step: index, title: recipe.steps[step].title)
        continue
      }
      let prepared: PreparedRequest
      do { prepared = try engine.prepareRequest(step: step) } catch {
        output.printFailure(step: index, title: form.title, message: error.description)
        return 1
      }
      if !json { for warning in prepared.warnings { printError("warning: step \(index): \(warning)") } }
      let exchange = await runner.run(step: step, engine: &engine)
      output.printExchange(step: index, title: form.title, exchange: exchange)
      if let save { saveSession(engine, identity: identity, to: save) }
      if !exchange.ok { return 1 }
    }
    if let save { saveSession(engine, identity: identity, to: save) }
    return 0
  }

  private func saveSession(_ engine: WalkthroughEngine, identity: RecipeIdentity, to path: String) {
    do { try SessionFile.save(engine, recipe: identity, to: path, includeSecrets: includeSecrets) } catch {
      printError("warning: \(error)")
    }
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
      engine.setValue(.string(file), step: step, path: field.path)
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
        engine.setValue(.string(String(text.dropFirst())), step: step - 1, path: field.path)
        continue
      }
      do { try engine.setInput(text, step: step - 1, path: field.path) } catch {
        throw ValidationError("--set \(assignment): \(error.message)")
      }
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
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// What `run` prints per step: text (title, request line, pretty reply) or one JSON object
/// per line. Every line passes through `Redaction.scrub` so no secret or KS leaks.
struct RunOutput {
  var json: Bool
  var secrets: [String]

  func printExchange(step: Int, title: String, exchange: Exchange) {
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
      emit(JSONValue.object(object).compactText)
      return
    }
    var lines = ["== Step \(step): \(title)", "\(shown.method) \(shown.url)"]
    let status = shown.status.map { "HTTP \($0)" } ?? "no reply"
    let verdict = shown.ok ? "ok" : "FAILED\(shown.error.map { ": \($0)" } ?? "")"
    lines.append("<- \(status), \(verdict) (\(Int(shown.milliseconds.rounded())) ms)")
    if let reply = shown.reply {
      lines.append(shown.replyIsJSON ? reply.prettyText() : reply.displayText)
    }
    emit(lines.joined(separator: "\n") + "\n")
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
    FileHandle.standardOutput.write(Data((Redaction.scrub(text, secrets: secrets) + "\n").utf8))
  }
}
