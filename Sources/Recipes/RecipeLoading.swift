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
  /// Published recipes are about 10 KB. libcmark spends about 200 bytes of memory per bracket or
  /// emphasis mark, so an unbounded input (10 MiB of `[`) would take gigabytes; past this size a
  /// file is refused before it is parsed.
  public static let maximumFileSize = 1 << 20

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
      // One byte past the limit is enough to refuse the file; a huge or endless one is never read whole.
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
    } catch {
      throw RecipeLoadError(path: path, reason: "cannot be read (\(error.localizedDescription))")
    }
    return parse(bytes: Array(data), file: path)
  }
}
