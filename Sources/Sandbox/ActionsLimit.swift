import GRDB
import KalturaWire

/// `actionslimit:N`: a KS may make N calls; the next one is `INVALID_KS` with KSID
/// `EXCEEDED_ACTIONS_LIMIT`, as `kSessionBase::tryToValidateKS` answers once its counter runs out.
/// Counted per KS in the store, so a restart does not hand a KS its calls back.
enum ActionsLimit {
  static func registerMigrations(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration("v7-ks-actions") { db in
      try db.execute(sql: "CREATE TABLE ksActions (ksDigest TEXT PRIMARY KEY, used INTEGER NOT NULL)")
    }
  }

  /// The limit a session carries, nil when it has none (a value that is not a number is none,
  /// as PHP's `(int)` of it would be 0 and disable the check).
  static func limit(of session: KSInfo) -> Int? {
    guard let privilege = session.privileges.first(where: { $0.name == "actionslimit" }),
      let limit = Int(privilege.value), limit > 0
    else { return nil }
    return limit
  }
}

extension SandboxStore {
  /// Counts one call of the KS with `digest`; how many it has made, this one included.
  func countAction(digest: String) throws -> Int {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO ksActions (ksDigest, used) VALUES (?, 1)
            ON CONFLICT(ksDigest) DO UPDATE SET used = used + 1
          """, arguments: [digest])
      return try Int.fetchOne(db, sql: "SELECT used FROM ksActions WHERE ksDigest = ?", arguments: [digest]) ?? 1
    }
  }
}

extension SandboxCore {
  /// Spends one of the calls `call`'s KS may make; throws once they are spent.
  func spendAction(_ call: KalturaCall, caller: Caller?) throws {
    guard let ks = call.ks, let session = caller?.session, let limit = ActionsLimit.limit(of: session) else { return }
    if try store.countAction(digest: Self.digest(ks)) > limit {
      throw KalturaAPIError.invalidKS("EXCEEDED_ACTIONS_LIMIT")
    }
  }
}
