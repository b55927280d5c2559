import Foundation
import Recipes

/// Where the tests find their inputs: the repo's recipes, the shared reference data beside the
/// repo (optional), and the bundled fixtures.
enum TestPaths {
  /// Repo root: this file is Tests/RecipesTests/TestPaths.swift.
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static let uploadRecipe = repoRoot + "/recipes/upload.md"
  static let sharedRecipes = repoRoot + "/../shared/data/recipes"
  static let hasSharedRecipes = FileManager.default.fileExists(atPath: sharedRecipes + "/ovp-video_search.md")

  static func fixture(_ name: String) -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
      fatalError("fixture \(name) is missing from the test bundle")
    }
    return url.path
  }

  static func loadFixture(_ name: String) throws -> Recipe {
    try Recipe.load(path: fixture(name))
  }
}
