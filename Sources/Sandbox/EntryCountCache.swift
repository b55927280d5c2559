import GRDB
import Synchronization

/// The `totalCount` of an entry listing, counted once per (filter, entry table version) and
/// reused while it still holds. Counting evaluates the filter over every matching row, the one
/// part of a page SQLite cannot cut short; paging through a listing asks the same count again
/// and again.
///
/// A count goes stale two ways: a write to `entry` (the `entryVersion` triggers bump the
/// version, whoever writes) or time, since an entry's status follows the simulated conversion.
/// The caller says which entries may have changed status since a count was taken.
final class EntryCountCache: Sendable {
  struct Key: Hashable, Sendable {
    /// The condition as compiled without the time it was asked at.
    var sql: String
    var arguments: [DatabaseValue]
  }

  private struct Count: Sendable {
    var total: Int
    var version: Int
    var at: Double
  }

  /// Enough for the listings a person pages through; dropped whole when full.
  static let capacity = 64

  private let counts = Mutex<[Key: Count]>([:])

  /// The count for `key` at `now`: the cached one when no entry was written and
  /// `statusChanges(since)` finds none, else a fresh `count()`, then remembered.
  func total(
    _ key: Key, now: Double, db: Database, statusChanges: (_ since: Double) -> SQLCondition,
    count: () throws -> Int
  ) throws -> Int {
    let version = try Int.fetchOne(db, sql: "SELECT version FROM entryVersion") ?? 0
    if let cached = counts.withLock({ $0[key] }), cached.version == version, cached.at <= now {
      let changed = statusChanges(cached.at)
      let moved = try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM entry WHERE \(changed.sql))",
        arguments: StatementArguments(changed.arguments))
      if moved == false { return cached.total }
    }
    let total = try count()
    counts.withLock { counts in
      if counts.count >= Self.capacity { counts.removeAll() }
      counts[key] = Count(total: total, version: version, at: now)
    }
    return total
  }
}
