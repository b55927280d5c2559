import Recipes
import TerminalUI
import Walkthrough

/// A console frame on a form whose fields follow `answer` links: resolving such a step
/// resolves the linked step for every link, so values resolved per row per frame (as the form
/// did, three times a row) cost a frame hundreds of resolutions. They are resolved once per
/// change now (`refreshScreenCaches`); the figure beside the frame is what those per-frame
/// resolutions alone cost.
func runFormBenchmarks() throws {
  let fieldCount = 30
  let sourceFields = (0..<fieldCount).map { #"{"name": "p\#($0)", "type": "string", "default": "v\#($0)"}"# }
  let linkedFields = (0..<fieldCount).map {
    #"{"name": "q\#($0)", "type": "string", "dynamicValue": {"fromStep": 0, "answer": "p\#($0)"}}"#
  }
  let recipe = Recipe.parse(
    text: """
      # Linked forms
      ## Fill
      ### API Call
      ```json
      {"method": "post", "path": "/service/media/action/list", "parameters": [\(sourceFields.joined(separator: ","))]}
      ```
      ## Follow
      ### API Call
      ```json
      {"method": "post", "path": "/service/media/action/get", "parameters": [\(linkedFields.joined(separator: ","))]}
      ```
      """, file: "linked.md")
  let credentials = ServiceCredentials(serviceURL: "http://127.0.0.1:1", partnerID: 100, ks: nil, adminSecret: nil)
  var model = Model(
    engine: WalkthroughEngine(recipe: recipe, document: nil, credentials: credentials),
    serviceLabel: "http://127.0.0.1:1", sessionPath: nil, isEmbeddedSandbox: false, width: 120, height: 50)
  _ = update(&model, .key(.character("n")))
  guard model.currentStep == 1, view(model).renderText().contains("v7") else {
    throw BenchError("the linked step is not on screen")
  }
  let frame = bestTime(repeats: 20) { _ = view(model) }
  let rows = model.currentRows.count
  let perFrameResolutions = bestTime(repeats: 5) {
    for _ in 0..<(3 * rows) { _ = model.engine.values(1) }
  }
  let change = bestTime(repeats: 5) { _ = update(&model, .tick) }
  print("form: \(rows) fields, each following an answer link")
  print("  console view(model) (values read from the cache): \(formatMilliseconds(frame))")
  print(
    "  what resolving them per row per frame cost on top (3 × \(rows) resolutions): "
      + formatMilliseconds(perFrameResolutions))
  print("  update with nothing changed (the cache kept): \(formatMilliseconds(change))")
}
