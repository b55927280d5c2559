import ArgumentParser
import Foundation
import KalturaClient
import Walkthrough

/// `recipe-console replay`: re-sends a saved session's steps against a service and compares
/// every new reply with the recorded one. Exit 0 when all succeeded and matched, 1 on a failure
/// or a difference, 2 on usage errors (bad session file, missing recipe or file).
struct ReplayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay", abstract: "Replay a saved session and compare the replies with the recorded ones.",
    discussion: """
      The recorded answers are sent again; linked values follow the new replies, so a new upload \
      token flows into the upload and attach steps. Volatile fields (ids, times, KS, URLs...) are \
      not compared; --ignore adds dot paths (`*` = one segment, a leading `**.` = any depth). \
      Reports: --report junit FILE and/or --report tap FILE (put SESSION before them).
      """)

  @Argument(help: "The session file (*.session.json).") var session: String

  @Option(name: .customLong("recipe"), help: "The recipe, when it is no longer at its recorded path.")
  var recipe: String?

  @Option(name: .customLong("steps"), help: "Replay only the recorded steps in A-B (or one step A), from 1.")
  var steps: String?

  @Option(name: .customLong("save"), help: "Write the new session to this file.") var save: String?

  @Flag(name: .customLong("include-secrets"), help: "Store the KS and secrets in the saved session.")
  var includeSecrets = false

  @Flag(name: .customLong("json"), help: "Print one JSON object per step.") var json = false

  @Option(
    name: .customLong("report"), parsing: .upToNextOption,
    help: ArgumentHelp("A CI report: junit FILE or tap FILE (repeatable).", valueName: "kind file"))
  var reports: [String] = []

  @Option(name: .customLong("ignore"), help: "A reply path not to compare, e.g. objects.*.views (repeatable).")
  var ignore: [String] = []

  @OptionGroup var service: ServiceOptions

  func run() async throws {
    let code = await execute()
    if code != 0 { throw ExitCode(code) }
  }

  /// Runs and returns the exit code; usage problems are printed to stderr.
  func execute() async -> Int32 {
    let replay: SessionReplay
    let range: ClosedRange<Int>?
    let reportFiles: [ReplayReportFile]
    do {
      range = try steps.map(StepRangeText.parse)
      reportFiles = try ReplayReportFile.parse(reports)
      replay = try SessionReplay.open(path: session, recipePath: recipe)
    } catch {
      printError("\(error)")
      return 2
    }
    for warning in replay.warnings { printError("warning: \(warning)") }
    let resolved: ResolvedService
    do { resolved = try await service.resolve() } catch {
      printError("\(error)")
      return 2
    }
    let transport = KalturaHTTPTransport()
    let code = await replaySteps(replay, range: range, reports: reportFiles, resolved: resolved, transport: transport)
    try? await transport.shutdown()
    await resolved.stop()
    return code
  }

  private func replaySteps(
    _ replay: SessionReplay, range: ClosedRange<Int>?, reports: [ReplayReportFile], resolved: ResolvedService,
    transport: KalturaHTTPTransport
  ) async -> Int32 {
    let spec = await resolved.loadSpec(transport: transport)
    guard spec.reportedOnStandardError() else { return 2 }
    let document = spec.document
    // Without a KS (nor a secret to make one) every step that needs a session would fail: that
    // is the command line's fault, said before anything is sent.
    if resolved.credentials.ks == nil {
      let engine = replay.replayEngine(document: document, credentials: resolved.credentials)
      let steps = range.map { Array($0) } ?? Array(1...max(1, engine.stepCount))
      if let first = steps.first(where: {
        engine.form($0 - 1)?.requiresSession == true && engine.form($0 - 1)?.sendsRequest == true
      }) {
        printError("error: step \(first) needs a session: give --ks, or --admin-secret and --partner-id")
        return 2
      }
    }
    let output = ReplayOutput(json: json, secrets: resolved.credentials.secretStrings)
    let run = ReplayRun(
      replay: replay, runner: StepRunner(transport: transport, uploader: ParallelChunkedUploader(transport: transport)),
      document: document, credentials: resolved.credentials, steps: range, rules: .standard(adding: ignore),
      fileCheck: ReplayFileCheck.fingerprint)
    let result: ReplayResult
    do {
      result = try await run.run(
        onStart: {
          if !json {
            output.emit(
              "replaying \(replay.sessionPath) (\(replay.recipe.title)) against \(resolved.credentials.serviceURL)")
          }
        }, onStep: { output.print($0) })
    } catch {
      printError("\(error)")
      return 2
    }
    if !json { output.emit(ReplayRendering.summary(result.outcomes)) }
    var code = result.exitCode
    let report = ReplayReport(suiteName: replay.recipe.title, steps: result.outcomes)
    for file in reports {
      do { try file.write(report, secrets: resolved.credentials.secretStrings) } catch {
        printError("\(file.path): cannot write the \(file.kind.rawValue) report: \(error)")
        code = max(code, 1)
      }
    }
    if let save {
      do {
        try SessionFile.save(result.engine, recipe: replay.recipeIdentity, to: save, includeSecrets: includeSecrets)
      } catch {
        printError("\(save): cannot save the session: \(error)")
        code = max(code, 1)
      }
    }
    return code
  }
}
