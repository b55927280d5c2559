import JSONViewer

/// A search of a big document, run by the runtime off its loop. Equal jobs are the same
/// search (slot, pattern, generation); the index travels with it and is not compared.
public struct SearchJob: Sendable, Hashable {
  /// The console's viewer it is for; nil in `recipe-console view`.
  public let slot: ViewerSlot?
  public let pattern: String
  public let generation: Int
  public let index: RowIndex

  /// Documents with more rows than this are searched off the loop.
  static let backgroundRows = 200_000

  public static func == (lhs: SearchJob, rhs: SearchJob) -> Bool {
    lhs.slot == rhs.slot && lhs.pattern == rhs.pattern && lhs.generation == rhs.generation
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(slot)
    hasher.combine(pattern)
    hasher.combine(generation)
  }

  /// Runs the search; `shouldStop` is asked now and then (the task was cancelled).
  public func run(shouldStop: () -> Bool) -> Message? {
    do {
      guard let matches = try index.rows(matching: pattern, shouldStop: shouldStop) else { return nil }
      return .searchFinished(self, matches: matches, error: nil)
    } catch {
      return .searchFinished(self, matches: nil, error: error.message)
    }
  }
}
