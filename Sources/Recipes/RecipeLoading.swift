import Foundation

/// A recipe file that could not be read at all (missing, unreadable, a directory).
public struct RecipeLoadError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "\(path): \(reason)" }
}

extension Recipe {
  /// Reads and parses a recipe file. Only file-system problems throw; everything about the
  /// content is reported in `diagnostics`.
  public static func load(path: String) throws(RecipeLoadError) -> Recipe {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw RecipeLoadError(path: path, reason: "no such file")
    }
    if isDirectory.boolValue { throw RecipeLoadError(path: path, reason: "is a directory, not a recipe file") }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw RecipeLoadError(path: path, reason: "cannot be read (\(error.localizedDescription))")
    }
    return parse(bytes: Array(data), file: path)
  }
}
