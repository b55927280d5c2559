import GRDB
import Synchronization

/// The matches of an entry listing, in listing order, found once per (filter, order, entry
/// table version) and reused while they still hold. Finding them evaluates the filter over every
/// candidate row, the one part of a listing SQLite cannot cut short; with them kept, the count is
/// their number and any page, however deep, is a lookup of its own rows by rowid instead of an
/// OFFSET that walks (and sorts) every row before it.
///
/// Matches go stale two ways: a write to `entry` (the `entryVersion` triggers bump the version,
/// whoever writes) or time, since an entry's status follows the simulated conversion. The caller
/// says which entries may have changed status since the matches were found.
final class EntryMatchCache: Sendable {
  struct Key: Hashable, Sendable {
    /// The condition and order as compiled without the time they were asked at. A USER KS's
    /// entry scope is part of the condition, so one user's matches never answer another's.
    var sql: String
    var arguments: [DatabaseValue]
    var order: String
  }

  struct Matches: Sendable {
    var total: Int
    /// The rowids of the first matches in listing order: all of them, or `rowidLimit` when
    /// there are more.
    var rowids: [Int64]
  }

  private struct Kept: Sendable {
    var matches: Matches
    var version: Int
    var at: Double
  }

  private struct State: Sendable {
    var kept: [Key: Kept] = [:]
    /// Least recently used first.
    var recency: [Key] = []

    mutating func touch(_ key: Key) {
      recency.removeAll { $0 == key }
      recency.append(key)
    }
  }

  /// Enough for the listings a person pages through at once; the least recently used goes first.
  static let capacity = 16
  /// Kaltura refuses a page starting at 10 000 or later and a page holds at most 500, so no
  /// page needs a match past this one; it bounds a cached listing to 84 kB.
  static let rowidLimit = 10_500

  private let state = Mutex(State())

  /// The matches for `key` at `now`: the kept ones when no entry was written and
  /// `statusChanges(since)` finds none, else freshly `found()`, then kept.
  func matches(
    _ key: Key, now: Double, db: Database, statusChanges: (_ since: Double) -> SQLCondition,
    found: () throws -> Matches
  ) throws -> Matches {
    let version = try Int.fetchOne(db, sql: "SELECT version FROM entryVersion") ?? 0
    let cached = state.withLock { state -> Kept? in
      guard let kept = state.kept[key] else { return nil }
      state.touch(key)
      return kept
    }
    if let cached, cached.version == version, cached.at <= now {
      let changed = statusChanges(cached.at)
      let moved = try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM entry WHERE \(changed.sql))",
        arguments: StatementArguments(changed.arguments))
      if moved == false { return cached.matches }
    }
    let matches = try found()
    state.withLock { state in
      state.kept[key] = Kept(matches: matches, version: version, at: now)
      state.touch(key)
      while state.recency.count > Self.capacity { state.kept[state.recency.removeFirst()] = nil }
    }
    return matches
  }
}
