import Foundation
import JSONValue
import KalturaWire
import Synchronization
import Walkthrough

/// A tiny Kaltura for the upload recipe whose ids carry a run prefix ("a_tok", "b_entry"), so a
/// replay can be told apart from its recording. `failing` makes one action answer an API error.
func uploadService(prefix: String, failing: String? = nil, mediaType: Int = 1) -> FakeTransport {
  FakeTransport { request in
    let path = request.url.split(separator: "?")[0]
    if let failing, path.hasSuffix(failing) {
      return jsonReply(["code": "INTERNAL", "message": "broken on purpose", "objectType": "KalturaAPIException"])
    }
    if path.hasSuffix("uploadtoken/action/add") {
      return jsonReply(["id": .string(prefix + "_tok"), "objectType": "KalturaUploadToken", "status": 0])
    }
    if path.hasSuffix("uploadtoken/action/upload") {
      return jsonReply(["id": .string(prefix + "_tok"), "objectType": "KalturaUploadToken", "status": 2])
    }
    if path.hasSuffix("media/action/get") || path.hasSuffix("media/action/add")
      || path.hasSuffix("media/action/addContent")
    {
      return jsonReply([
        "id": .string(prefix + "_entry"), "objectType": "KalturaMediaEntry", "name": "Demo",
        "mediaType": .int(mediaType),
        "createdAt": .int(prefix == "a" ? 1_700_000_000 : 1_800_000_000),
      ])
    }
    return jsonReply(["code": "SERVICE_FORBIDDEN", "message": "no", "objectType": "KalturaAPIException"])
  }
}

/// The recorded side of the replay unit tests: recipes/upload.md walked against
/// `uploadService(prefix: "a")`, saved in a temporary folder.
struct RecordedUpload {
  let workspace: ReplayWorkspace
  var sessionPath: String { workspace.path("session.json") }
  var moviePath: String { workspace.path("movie.mp4") }

  static func make(recipePath: String? = nil) async throws -> RecordedUpload {
    let workspace = try ReplayWorkspace()
    let recipeFile = recipePath ?? ReplayWorkspace.uploadRecipePath
    let text = try String(contentsOfFile: recipeFile, encoding: .utf8)
    var engine = WalkthroughEngine(
      recipe: .parse(text: text, file: recipeFile), document: nil, credentials: testCredentials)
    try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: workspace.path("movie.mp4")))
    engine.setValue(.string(workspace.path("movie.mp4")), step: 1, path: "fileData")
    engine.setValue("Demo", step: 2, path: "body.entry.name")
    engine.setValue(1, step: 2, path: "body.entry.mediaType")
    let runner = StepRunner(transport: uploadService(prefix: "a"))
    for step in 0..<engine.stepCount {
      let exchange = await runner.run(step: step, engine: &engine)
      guard exchange.ok else { throw ReplayTestError("recording step \(step + 1): \(exchange.error ?? "")") }
    }
    try SessionFile.save(
      engine, recipe: RecipeIdentity(path: recipeFile, title: engine.recipe.title, text: text),
      to: workspace.path("session.json"))
    return RecordedUpload(workspace: workspace)
  }

  func open() throws -> SessionReplay { try SessionReplay.open(path: sessionPath) }
}

extension FakeTransport {
  /// Request paths without host and query: "/service/media/action/add".
  var sentPaths: [String] {
    requests.map { request in
      let path = String(request.url.split(separator: "?")[0])
      return path.range(of: "/service/").map { String(path[$0.lowerBound...]) } ?? path
    }
  }
}

extension HTTPRequestBody {
  var jsonValue: JSONValue? {
    if case .json(let value) = self { return value }
    return nil
  }
}
