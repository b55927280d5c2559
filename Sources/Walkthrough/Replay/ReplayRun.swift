import APISchema
import JSONValue

/// One replayed step: its outcome (for the console and CI reports) and both exchanges.
public struct ReplayStepResult: Sendable {
  public var outcome: ReplayStepOutcome
  /// 0-based step index.
  public var step: Int
  public var recorded: Exchange?
  /// nil when the step was skipped.
  public var new: Exchange?
}

/// What a replay did: one result per replayed step, and the new walk (for `--save`).
public struct ReplayResult: Sendable {
  public var steps: [ReplayStepResult]
  public var engine: WalkthroughEngine

  public var outcomes: [ReplayStepOutcome] { steps.map(\.outcome) }
  public var passed: Bool { steps.allSatisfy(\.outcome.passed) }
  /// 0 when every step succeeded and matched its recording, 1 otherwise.
  public var exitCode: Int32 { passed ? 0 : 1 }
}

/// Re-sends a session's recorded steps in order with the recorded answers, following links into
/// the new replies, and compares each new reply with the recorded one. After a failed step the
/// remaining steps are reported as skipped: they would only fail on its missing reply.
public struct ReplayRun: Sendable {
  public var replay: SessionReplay
  public var runner: StepRunner
  public var document: APIDocument?
  public var credentials: ServiceCredentials
  /// 1-based, as on the command line; nil = every step.
  public var steps: ClosedRange<Int>?
  public var rules: IgnoreRules
  /// Compares files with their recorded fingerprints (nil: sizes only).
  public var fileCheck: RecordedFileCheck?

  public init(
    replay: SessionReplay, runner: StepRunner, document: APIDocument?, credentials: ServiceCredentials,
    steps: ClosedRange<Int>? = nil, rules: IgnoreRules = .standard(), fileCheck: RecordedFileCheck? = nil
  ) {
    self.replay = replay
    self.runner = runner
    self.document = document
    self.credentials = credentials
    self.steps = steps
    self.rules = rules
    self.fileCheck = fileCheck
  }

  /// The 0-based steps a replay sends: recorded ones inside `steps` that send a request.
  public func selectedSteps() throws(SessionReplayError) -> [Int] {
    let count = replay.recipe.steps.count
    let range = steps ?? 1...max(count, 1)
    guard range.lowerBound >= 1, range.upperBound <= count else {
      throw SessionReplayError(
        path: replay.sessionPath,
        message: "--steps \(range.lowerBound)-\(range.upperBound): the recipe has steps 1-\(count)")
    }
    let engine = replay.viewingEngine(document: document, credentials: credentials)
    let selected = replay.recordedSteps.filter { range.contains($0 + 1) && engine.form($0)?.sendsRequest == true }
    guard !selected.isEmpty else {
      throw SessionReplayError(
        path: replay.sessionPath,
        message: "no recorded step to replay in steps \(range.lowerBound)-\(range.upperBound) "
          + "(recorded: \(replay.recordedSteps.map { String($0 + 1) }.joined(separator: ", ")))")
    }
    return selected
  }

  /// Checks the recorded files, then sends every selected step. Errors (bad range, missing or
  /// changed file) are thrown before anything is sent; `onStart` runs once they are checked, and
  /// `onStep` sees each result as it comes.
  public func run(onStart: () -> Void = {}, onStep: (ReplayStepResult) -> Void = { _ in })
    async throws(SessionReplayError) -> ReplayResult
  {
    let selected = try selectedSteps()
    var engine = replay.replayEngine(
      document: document, credentials: credentials, keepingRecordedBefore: (steps?.lowerBound ?? 1) - 1)
    let files = try replay.prepareFiles(in: &engine, steps: selected)
    if let fileCheck { try await replay.checkContent(of: files, with: fileCheck) }
    onStart()
    var results: [ReplayStepResult] = []
    var failedStep: Int?
    var identities = IdentitySubstitution(
      recordedPartner: replay.loaded.partnerID, newPartner: credentials.partnerID)
    for step in selected {
      let result: ReplayStepResult
      if let failedStep {
        result = skipped(step, engine: engine, because: failedStep)
      } else {
        result = await send(step, engine: &engine, identities: &identities)
        if !result.outcome.succeeded { failedStep = step }
      }
      results.append(result)
      onStep(result)
    }
    return ReplayResult(steps: results, engine: engine)
  }

  private func send(_ step: Int, engine: inout WalkthroughEngine, identities: inout IdentitySubstitution) async
    -> ReplayStepResult
  {
    let recorded = replay.recordedExchange(step: step)
    let exchange = await runner.run(step: step, engine: &engine)
    var outcome = ReplayStepOutcome(
      number: step + 1, title: engine.form(step)?.title ?? "", request: requestLine(step, engine: engine),
      succeeded: exchange.ok, error: exchange.ok ? nil : failureText(exchange, recorded: recorded),
      milliseconds: exchange.milliseconds)
    if exchange.ok, let recorded {
      outcome.differences = ReplyComparison.differences(
        recorded: recorded, new: exchange, ignoring: rules, substituting: identities)
      // Later steps quote this step's ids (an entry id in a name, a token in a URL).
      identities.learn(
        recorded: ReplyComparison.comparable(recorded.reply), new: ReplyComparison.comparable(exchange.reply),
        rules: rules)
    }
    return ReplayStepResult(outcome: outcome, step: step, recorded: recorded, new: exchange)
  }

  private func skipped(_ step: Int, engine: WalkthroughEngine, because failed: Int) -> ReplayStepResult {
    let outcome = ReplayStepOutcome.skipped(
      number: step + 1, title: engine.form(step)?.title ?? "", request: requestLine(step, engine: engine),
      reason: "not sent: step \(failed + 1) failed")
    return ReplayStepResult(outcome: outcome, step: step, recorded: replay.recordedExchange(step: step), new: nil)
  }

  private func failureText(_ exchange: Exchange, recorded: Exchange?) -> String {
    let error = Redaction.scrub(exchange.error ?? "failed", secrets: credentials.secretStrings)
    guard let recorded else { return error }
    return recorded.ok ? error + " (it succeeded when recorded)" : error + " (it failed when recorded too)"
  }

  /// "POST /service/media/action/add": the operation, without the host or the KS.
  private func requestLine(_ step: Int, engine: WalkthroughEngine) -> String {
    guard let form = engine.form(step), let method = form.method, let path = form.path else { return "" }
    return "\(method.uppercased()) \(path)"
  }
}
