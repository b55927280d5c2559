import ArgumentParser
import Foundation
import Samples
import Sandbox
import Walkthrough

/// `recipe-console demo SESSION`: writes the recipe's `### Demo` page with the walked session's
/// values (`answers`, `result`, `results[i]`) and prints its path. Exit 0 when written, 1 when
/// the template fails (its recipe line is told), 2 on usage errors.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Write a walked session's demo page (the recipe's ### Demo) as an HTML file.",
    discussion: """
      The page is written next to the session (NAME.demo.html; NAME.stepN.demo.html when the \
      recipe has several demos) unless -o names the file. Without --step, the last step with a \
      demo is used. Pages walked against a sandbox or an on-premises server load the player from \
      that service instead of Kaltura's CDN, so they play offline while the service runs.
      """)

  @Argument(help: "The session file (*.session.json).") var session: String

  @Option(name: .customLong("step"), help: "The step whose demo to write, from 1 (default: the last with a demo).")
  var step: Int?

  @Option(name: .shortAndLong, help: "Write the page to this file.") var output: String?

  @Option(name: .customLong("recipe"), help: "The recipe, when it is no longer at its recorded path.")
  var recipe: String?

  func run() throws {
    let code = execute()
    if code != 0 { throw ExitCode(code) }
  }

  func execute() -> Int32 {
    let replay: SessionReplay
    do { replay = try SessionReplay.open(path: session, recipePath: recipe) } catch {
      printError("error: \(error)")
      return 2
    }
    for warning in replay.warnings { printError("warning: \(warning)") }
    let demoSteps = DemoPage.steps(of: replay.recipe)
    guard let chosen = demoSteps.last else {
      printError("error: \(replay.recipe.file): no step of \"\(replay.recipe.title)\" has a ### Demo")
      return 2
    }
    var index = chosen
    if let step {
      guard replay.recipe.steps.indices.contains(step - 1) else {
        printError("error: --step \(step): the recipe has steps 1-\(replay.recipe.steps.count)")
        return 2
      }
      guard demoSteps.contains(step - 1) else {
        let with = demoSteps.map { String($0 + 1) }.joined(separator: ", ")
        printError("error: --step \(step): that step has no ### Demo (steps with one: \(with))")
        return 2
      }
      index = step - 1
    }
    let engine = replay.viewingEngine(document: BundledSpec.document)
    let html: String
    switch DemoPage.page(engine: engine, step: index) {
    case .success(let page): html = page
    case .failure(let error):
      printError("error: \(error)")
      return 1
    case nil:
      printError("error: step \(index + 1) has no ### Demo")
      return 2
    }
    let path = output ?? DemoPage.defaultPath(sessionPath: session, step: index, demoCount: demoSteps.count)
    do { try AtomicFile.write(Array(html.utf8), to: path) } catch {
      printError("error: \(error)")
      return 1
    }
    print(path)
    if let origin = DemoPage.playerOrigin(serviceURL: engine.credentials.serviceURL) {
      printError("note: the page loads the player from \(origin); it plays while that service runs")
    }
    return 0
  }
}
