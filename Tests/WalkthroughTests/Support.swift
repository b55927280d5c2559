import APISchema
import Foundation
import JSONValue
import KalturaWire
import Recipes
import Synchronization
import Walkthrough

/// `../shared` beside the repository, found from this file's path; nil when absent.
enum Shared {
  static var root: URL? {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.appendingPathComponent("data").path) ? shared : nil
  }

  static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The OVP spec, parsed once per test process (a static `let` initialises exactly once, even
  /// when tests run in parallel).
  static let spec: APIDocument? = root.flatMap {
    FileManager.default.contents(atPath: $0.appendingPathComponent("data/ovp.openapi.json").path)
  }
  .flatMap { try? APIDocument(bytes: [UInt8]($0)) }

  static var recipeFiles: [URL] {
    guard let directory = root?.appendingPathComponent("data/recipes"),
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".md") }.sorted().map { directory.appendingPathComponent($0) }
  }

  /// recipes/upload.md of the repository (the same as ../shared/recipes/upload-a-video.md).
  static var uploadRecipe: Recipe? {
    let path = repository.appendingPathComponent("recipes/upload.md").path
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return Recipe.parse(bytes: [UInt8](data), file: path)
  }
}

/// An API Call block as Markdown, for recipes written inside tests.
func recipe(_ steps: [(title: String, apiCall: String?)]) -> Recipe {
  var text = "<!--METADATA\n{\"summary\": \"test\"}\n-->\n# Test recipe\nIntro.\n\n"
  for step in steps {
    text += "## \(step.title)\nText.\n\n"
    if let apiCall = step.apiCall { text += "### API Call\n```json\n\(apiCall)\n```\n\n" }
  }
  return Recipe.parse(text: text, file: "test.md")
}

/// A transport that answers from a closure and remembers every request.
final class FakeTransport: HTTPTransport {
  private let log = Mutex<[HTTPRequestSpec]>([])
  let answer: @Sendable (HTTPRequestSpec) throws -> HTTPReply

  init(answer: @escaping @Sendable (HTTPRequestSpec) throws -> HTTPReply) {
    self.answer = answer
  }

  var requests: [HTTPRequestSpec] { log.withLock { $0 } }

  func send(_ request: HTTPRequestSpec) async throws -> HTTPReply {
    log.withLock { $0.append(request) }
    return try answer(request)
  }
}

func jsonReply(_ value: JSONValue, status: Int = 200) -> HTTPReply {
  HTTPReply(status: status, body: Array(value.compactText.utf8))
}

let testCredentials = ServiceCredentials(
  serviceURL: "http://127.0.0.1:9/api_v3", partnerID: 42,
  ks: "djJ8NDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  adminSecret: "s3cr3t-admin",
  userID: "tester")
