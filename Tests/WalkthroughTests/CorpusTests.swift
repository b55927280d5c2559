import Foundation
import JSONValue
import Recipes
import Testing
import Walkthrough

/// Every recipe of ../shared/data/recipes builds a form for every step with the OVP spec, and
/// every API step's request can be built (skipped when ../shared is absent).
@Suite struct CorpusTests {
  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func everySharedRecipeBuildsFormsAndRequests() throws
  {
    let spec = try #require(Shared.spec)
    let files = Shared.recipeFiles
    #expect(files.count >= 12)
    for file in files {
      let data = try #require(FileManager.default.contents(atPath: file.path))
      let recipe = Recipe.parse(bytes: [UInt8](data), file: file.lastPathComponent)
      #expect(!recipe.hasErrors, "\(file.lastPathComponent): \(recipe.errors)")
      let engine = WalkthroughEngine(recipe: recipe, document: spec, credentials: testCredentials)
      #expect(engine.forms.count == recipe.steps.count)
      for (index, step) in recipe.steps.enumerated() {
        let form = engine.forms[index]
        guard let call = step.apiCall else {
          #expect(!form.sendsRequest)
          continue
        }
        let isOTT = file.lastPathComponent.hasPrefix("ott-")
        if !isOTT {
          #expect(form.hasOperation, "\(file.lastPathComponent) step \(index + 1): \(call.path) not in the spec")
        }
        let prepared = try engine.prepareRequest(step: index)
        #expect(prepared.spec.url.contains(call.path))
        #expect(prepared.spec.url.contains("format=1"))
      }
    }
  }
}
