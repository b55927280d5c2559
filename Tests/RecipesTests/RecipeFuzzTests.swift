import Foundation
import Recipes
import Testing

/// Seeded mutations of real recipes: whatever the damage, parsing returns and every diagnostic
/// names the file and a line inside it. A crash here takes the whole test process down.
@Suite struct RecipeFuzzTests {
  /// A fixed-seed LCG (Knuth's MMIX constants): the same mutations on every run and machine.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
  }

  static let mutationsPerRecipe = 60

  static func corpus(includeShared: Bool) throws -> [(name: String, bytes: [UInt8])] {
    var paths = [TestPaths.uploadRecipe]
    if includeShared {
      let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.sharedRecipes).sorted()
      paths += names.filter { $0.hasSuffix(".md") }.map { TestPaths.sharedRecipes + "/" + $0 }
    }
    return try paths.map { path in
      (URL(fileURLWithPath: path).lastPathComponent, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
  }

  static func mutate(_ bytes: [UInt8], with random: inout SeededGenerator) -> [UInt8] {
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    var result = bytes
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let line = Int.random(in: 0..<max(lines.count, 1), using: &random)
      switch Int.random(in: 0..<8, using: &random) {
      case 0 where !result.isEmpty:
        result[Int.random(in: 0..<result.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        continue
      case 1 where !result.isEmpty:
        result = Array(result.prefix(Int.random(in: 0..<result.count, using: &random)))
        continue
      case 2 where !lines.isEmpty: lines.insert(lines[line], at: line)
      case 3 where !lines.isEmpty: lines.remove(at: line)
      case 4: lines.insert(Array(String(repeating: "> ", count: 3_000).utf8), at: min(line, lines.count))
      case 5: lines.insert(Array(String(repeating: "- ", count: 3_000).utf8), at: min(line, lines.count))
      case 6: lines.insert(Array((String(repeating: "[", count: 2_000) + "{\"a\":").utf8), at: min(line, lines.count))
      default: lines.insert(Array("```json\n{\"method\": \"post\", \"path\": ".utf8), at: min(line, lines.count))
      }
      result = Array(lines.joined(separator: [0x0A]))
    }
    return result
  }

  static func check(_ corpus: [(name: String, bytes: [UInt8])], seed: UInt64) {
    var random = SeededGenerator(state: seed)
    for (name, original) in corpus {
      for round in 0..<mutationsPerRecipe {
        let mutated = mutate(original, with: &random)
        let lineCount = mutated.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let recipe = Recipe.parse(bytes: mutated, file: name)
        for diagnostic in recipe.diagnostics {
          #expect(diagnostic.file == name, "\(name) mutation \(round): \(diagnostic)")
          #expect((1...lineCount).contains(diagnostic.line), "\(name) mutation \(round): \(diagnostic)")
        }
      }
    }
  }

  @Test func mutatedUploadRecipeNeverCrashes() throws {
    Self.check(try Self.corpus(includeShared: false), seed: 20_261_202)
  }

  @Test(.enabled(if: TestPaths.hasSharedRecipes, "../shared/data/recipes is not present"))
  func mutatedPublishedRecipesNeverCrash() throws {
    Self.check(try Self.corpus(includeShared: true).dropFirst().map { $0 }, seed: 7)
  }
}
