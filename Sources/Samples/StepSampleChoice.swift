import Recipes
import Walkthrough

/// One sample of a step by language id, for `recipe-console code` and the Code tab's picker:
/// the same ids and order as `StepSamples.samples`, without rendering the others.
extension StepSamples {
  /// The ids a step offers: the recipe's own snippets first, then every generated language
  /// (generated ones only when the step calls the API). Empty when the step has no code.
  public static func languageIDs(engine: WalkthroughEngine, step: Int) -> [String] {
    guard engine.recipe.steps.indices.contains(step) else { return [] }
    let recipeStep = engine.recipe.steps[step]
    let own = recipeStep.sampleCode.filter { offeredIDs.contains($0.id) }.map(\.id)
    guard recipeStep.apiCall != nil else { return own }
    return own + SampleCodeGenerator.languages.filter { !own.contains($0) }
  }

  /// The sample in language `id`, nil when the step does not offer it. A hand-written snippet
  /// is rendered with the walk's values; `includeSetup` only shapes generated code.
  public static func sample(
    id: String, engine: WalkthroughEngine, step: Int, includeSetup: Bool = true, showSecrets: Bool = false
  ) -> StepSample? {
    guard languageIDs(engine: engine, step: step).contains(id) else { return nil }
    let snippet = engine.recipe.steps[step].sampleCode.first { $0.id == id }
    guard let snippet, !snippet.isAuto else {
      return generated(id: id, engine: engine, step: step, includeSetup: includeSetup, showSecrets: showSecrets)
    }
    let context = context(engine: engine, step: step, includeSecrets: showSecrets)
    switch TemplateRenderer.render(snippet.code, context: context) {
    case .success(let code): return StepSample(id: id, code: code, error: nil, isGenerated: false)
    case .failure(let error): return StepSample(id: id, code: nil, error: error.description, isGenerated: false)
    }
  }
}
