import Samples

/// A step's demo page to write and show: the HTML with the walk's values, and where it goes.
public struct DemoPageRequest: Sendable, Hashable {
  public var step: Int
  public var path: String
  public var html: String

  public init(step: Int, path: String, html: String) {
    self.step = step
    self.path = path
    self.html = html
  }
}

extension Model {
  /// Whether the step on screen has a `### Demo` (the form rule says so, `D` writes it).
  var currentStepHasDemo: Bool {
    engine.recipe.steps.indices.contains(currentStep) && engine.recipe.steps[currentStep].demo != nil
  }

  /// Where the step's page is written: beside the session, else beside where the recipe's session
  /// would be saved (the working directory, named after the recipe).
  func demoPagePath(step: Int) -> String {
    let session = sessionPath ?? recipeSessionName
    return DemoPage.defaultPath(sessionPath: session, step: step, demoCount: DemoPage.steps(of: engine.recipe).count)
  }

  private var recipeSessionName: String {
    let file = engine.recipe.file.split(separator: "/").last.map(String.init) ?? "recipe"
    return (file.hasSuffix(".md") ? String(file.dropLast(3)) : file) + ".session.json"
  }
}

/// `D`: renders the step's demo page with the walk's values and asks the runtime to write and
/// open it; a broken template is shown with its recipe line instead, nothing is written.
func writeDemoPage(_ model: inout Model) -> [Command] {
  let step = model.currentStep
  guard let outcome = DemoPage.page(engine: model.engine, step: step) else {
    model.footerMessage = "Step \(step + 1) has no demo page"
    return []
  }
  switch outcome {
  case .success(let html):
    model.footerMessage = "Writing the demo page of step \(step + 1)…"
    return [.writeDemoPage(DemoPageRequest(step: step, path: model.demoPagePath(step: step), html: html))]
  case .failure(let error):
    model.footerMessage = "! demo page failed: \(error)"
    return []
  }
}
