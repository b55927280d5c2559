import ArgumentParser
import Foundation
import Samples
import Walkthrough

/// `recipe-console code RECIPE|SESSION --step N --lang L`: one step's sample, as the Code tab
/// shows it. Exit 0 with the code on stdout, 1 when the sample cannot be produced (a template
/// error), 2 for usage errors (a bad step or language names what is valid).
struct CodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "code", abstract: "Print one step's sample code in one language.",
    discussion: """
      Steps are numbered from 1. With a session file the sample carries the walk's values (the \
      chosen file, ids from earlier replies). Secrets are placeholders unless --show-secrets \
      (they come from the session when saved with them, or KALTURA_ADMIN_SECRET / KALTURA_KS).
      """)

  @Argument(help: WalkOptions.sourceHelp) var source: String

  @Option(name: .customLong("step"), help: "The step, numbered from 1.") var step: Int

  @Option(name: .customLong("lang"), help: "The language id (curl, php, python, node, ...).") var language: String

  @Flag(name: .customLong("setup"), help: "Start with the client configuration and session.") var setup = false

  @Flag(name: .customLong("show-secrets"), help: "Write the admin secret instead of a placeholder.")
  var showSecrets = false

  @OptionGroup var walk: WalkOptions

  func run() throws {
    let engine: WalkthroughEngine
    let index: Int
    do {
      engine = try walk.engine(source: source)
      index = try CodeChoice.step(step, in: engine)
      try CodeChoice.check(language: language, step: index, in: engine)
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    let sample = StepSamples.sample(
      id: language, engine: engine, step: index, includeSetup: setup, showSecrets: showSecrets)
    guard let code = sample?.code else {
      printError("error: step \(step) \(language): \(sample?.error ?? "no sample")")
      throw ExitCode(1)
    }
    print(code)
  }
}

/// Validating `--step` and `--lang` against the walk, with messages that list what is valid.
enum CodeChoice {
  /// The 0-based step for a 1-based `--step`, which must have sample code.
  static func step(_ number: Int, in engine: WalkthroughEngine) throws -> Int {
    let count = engine.recipe.steps.count
    guard (1...count).contains(number) else {
      throw ValidationError("--step \(number): the recipe has steps 1-\(count)")
    }
    guard StepSamples.languageIDs(engine: engine, step: number - 1).isEmpty else { return number - 1 }
    let withCode = (0..<count).filter { !StepSamples.languageIDs(engine: engine, step: $0).isEmpty }
    let list = withCode.map { String($0 + 1) }.joined(separator: ", ")
    throw ValidationError(
      "--step \(number): step \(number) (\(engine.recipe.steps[number - 1].title)) has no sample code; "
        + (withCode.isEmpty ? "no step has" : "steps with code: \(list)"))
  }

  static func check(language: String, step: Int, in engine: WalkthroughEngine) throws {
    let offered = StepSamples.languageIDs(engine: engine, step: step)
    guard !offered.contains(language) else { return }
    throw ValidationError(
      "--lang \(language): step \(step + 1) offers \(offered.joined(separator: ", "))")
  }
}
