import Foundation
import GRDB
import JSONValue
import KalturaWire

/// `media.list` and `baseEntry.list` in SQL over the `entry` table: every filter property of
/// the entry filter classes is applied by Kaltura's grammar or refused, and the page is cut by
/// SQLite (`entryByPartner` index), never by loading the partner's entries.
extension SandboxCore {
  func listEntries(_ input: ActionInput, listType: String, filterClass: String, onlyType: Int? = nil) throws
    -> JSONValue
  {
    let caller = try input.requireCaller()
    let filter = input.call.object("filter") ?? JSONObject()
    let now = Date().timeIntervalSince1970
    let fields = EntryFields(
      className: onlyType.map(EntryType.className) ?? "KalturaBaseEntry", conversionDelay: builder.conversionDelay)
    let compiler = try FilterCompiler(
      declared: filterClass, filter: filter, field: fields.field,
      special: ["freeText": fields.freeText],
      objectMembers: [
        "advancedSearch": MetadataSearch(partnerId: caller.partnerId, filterClass: filterClass).condition
      ])
    var parts = [
      SQLCondition(sql: "partnerId = ? AND deleted = 0", arguments: [caller.partnerId.databaseValue]),
      try compiler.condition(filter),
    ]
    if let scope = caller.entryScope { parts.append(scope) }
    if let onlyType { parts.append(SQLCondition(sql: "entryType = ?", arguments: [onlyType.databaseValue])) }
    // Kaltura lists READY entries only unless a status filter or idEqual says otherwise.
    let statusKeys = ["statusEqual", "statusIn", "statusNotEqual", "statusNotIn", "idEqual"]
    if !statusKeys.contains(where: { filter.text($0) != nil }) {
      parts.append(SQLCondition(sql: "\(fields.status) = 2", arguments: []))
    }
    let order = try compiler.order(
      filter.text("orderBy"), default: "createdAt DESC, rowid DESC", tieBreak: "rowid DESC")
    let pager = Pager(input.call.object("pager"))
    let offset = (pager.index - 1) * pager.size
    if offset >= 10000 { throw KalturaAPIError.queryExceededMaxMatches }
    let (page, total) = try store.entryPage(
      EntryQuery(condition: .all(parts), order: order, now: now, fields: fields), limit: pager.size, offset: offset)
    return ObjectBuilder.list(page.map { builder.entry($0) }, totalCount: total, objectType: listType)
  }
}

/// Where each entry field lives in the `entry` table. Fields the sandbox answers with a fixed
/// value (no plays, no moderation) are that constant, so filters on them answer as the replies
/// read; writable fields it keeps as sent live in `extraFields`.
struct EntryFields {
  let className: String
  let conversionDelay: Double

  /// Stands for the time of the listing in the SQL these fields compile to, so one filter
  /// compiles to one text whenever it is asked (`EntryQuery` puts the time in).
  static let nowMarker = "$now"
  private var now: String { Self.nowMarker }

  /// `KalturaEntryStatus` as `ObjectBuilder.entryStatus` computes it, in SQL.
  var status: String {
    """
    (CASE WHEN deleted = 1 THEN 3 \
    WHEN entryType IN (\(EntryType.withoutContent.sorted().map(String.init).joined(separator: ","))) THEN 2 \
    WHEN contentAddedAt IS NULL THEN (CASE WHEN importTokenId IS NULL THEN 7 ELSE 0 END) \
    WHEN entryType = \(EntryType.data) OR (entryType = \(EntryType.mediaClip) AND mediaType = \(MediaType.image)) THEN 2 \
    WHEN \(now) - contentAddedAt >= \(conversionDelay) THEN 2 \
    WHEN \(now) - contentAddedAt < \(conversionDelay / 2) THEN 4 ELSE 1 END)
    """
  }

  static let columns: [String: String] = [
    "id": "id", "rootEntryId": "id", "name": "name", "description": "description", "tags": "tags",
    "referenceId": "referenceId", "userId": "userId", "creatorId": "userId", "mediaType": "mediaType",
    // `KalturaEntryType` is a string enum: the stored integer as the text replies carry.
    "type":
      "(CASE entryType WHEN \(EntryType.externalMedia) THEN 'externalMedia.externalMedia' ELSE CAST(entryType AS TEXT) END)",
    "createdAt": "createdAt", "updatedAt": "updatedAt", "version": "version",
    "partnerId": "partnerId",
    // `-recent` is Kaltura's "newest first".
    "recent": "createdAt",
  ]
  /// The values `ObjectBuilder` answers for what the sandbox does not track.
  static let constants: [String: String] = [
    "moderationStatus": "6", "moderationCount": "0", "rank": "0", "totalRank": "0", "votes": "0", "plays": "0",
    "views": "0", "duration": "0", "msDuration": "0", "width": "0", "height": "0", "licenseType": "-1",
    "partnerSortValue": "0", "displayInSearch": "1", "replacementStatus": "0", "conversionProfileId": "0",
    "categories": "''", "categoriesIds": "''", "lastPlayedAt": "NULL", "weight": "0",
  ]

  func field(_ name: String) -> FilterField? {
    let property =
      SandboxSpec.classes[className]?.property(name)
      ?? SandboxSpec.classes[className]?.subclasses.sorted().lazy.compactMap { SandboxSpec.classes[$0]?.property(name) }
      .first
    if name == "status" {
      return FilterField(
        expression: status, type: "integer", enumValues: EntryStatus.allCases.map { .int($0.rawValue) },
        enumType: "KalturaEntryStatus")
    }
    if let column = Self.columns[name] {
      if let property { return FilterField(expression: column, property: property) }
      return FilterField(expression: column, type: "integer", isTime: name == "recent")
    }
    let kept = "json_extract(extraFields, '$.\(name)')"
    if let constant = Self.constants[name] {
      let writable = property.map { !$0.isReadOnly } ?? false
      let expression = writable ? "COALESCE(\(kept), \(constant))" : constant
      if let property { return FilterField(expression: expression, property: property) }
      return FilterField(expression: expression, type: "integer")
    }
    // A writable field kept as sent; a read-only one the sandbox does not produce is refused.
    guard let property, !property.isReadOnly, property.type != "object", property.type != "array",
      name.allSatisfy({ $0.isLetter || $0.isNumber })
    else { return nil }
    return FilterField(expression: kept, property: property)
  }

  /// The entries whose `status` may read differently at `now` than at `since`: those whose
  /// content age crossed half the conversion delay (PENDING → PRECONVERT) or all of it
  /// (→ READY) in between. A second of slack each side keeps float rounding from missing one.
  func statusChanges(since: Double, now: Double) -> SQLCondition {
    let crossings = [conversionDelay / 2, conversionDelay].map { delay in
      [since - delay - 1, now - delay + 1].map(\.databaseValue)
    }
    return SQLCondition(
      sql: "(contentAddedAt > ? AND contentAddedAt <= ?) OR (contentAddedAt > ? AND contentAddedAt <= ?)",
      arguments: crossings.flatMap { $0 })
  }

  /// `freeText`: the words anywhere in the name, description or tags.
  func freeText(_ text: String) throws -> SQLCondition {
    let columns = ["name", "description", "tags"].map { FilterCompiler.textMatch($0, [text]) }
    return SQLCondition(sql: columns.map(\.sql).joined(separator: " OR "), arguments: columns.flatMap(\.arguments))
  }
}

/// An entry listing as compiled: its condition and order with `EntryFields.nowMarker` for the
/// time, and the time it is asked at.
struct EntryQuery {
  var condition: SQLCondition
  var order: String
  var now: Double
  var fields: EntryFields

  func atNow(_ sql: String) -> String { sql.replacingOccurrences(of: EntryFields.nowMarker, with: "\(now)") }
}

extension SandboxStore {
  /// One page of entries matching the query and the count of all matches. The matches are found
  /// once in listing order and kept (`EntryMatchCache`), so a later page, however deep, reads
  /// only its own rows. The listing indexes cover every column the filter and the default
  /// status read, so finding the matches reads the index alone.
  func entryPage(_ query: EntryQuery, limit: Int, offset: Int) throws -> ([EntryRecord], Int) {
    let condition = query.atNow(query.condition.sql)
    let order = query.atNow(query.order)
    let arguments = StatementArguments(query.condition.arguments)
    return try pool.read { db in
      let matches = try entryMatches.matches(
        EntryMatchCache.Key(sql: query.condition.sql, arguments: query.condition.arguments, order: query.order),
        now: query.now, db: db, statusChanges: { query.fields.statusChanges(since: $0, now: query.now) },
        found: {
          try Self.findMatches(db, condition: condition, order: order, arguments: arguments)
        })
      let end = offset + limit
      guard end > matches.rowids.count, matches.rowids.count < matches.total else {
        let rowids = Array(matches.rowids[min(offset, matches.rowids.count)..<min(end, matches.rowids.count)])
        return (try Self.entries(db, rowids: rowids), matches.total)
      }
      // Past the kept matches (a page deeper than Kaltura lets a listing go): SQLite walks to it.
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM entry WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?",
        arguments: arguments + [limit, offset])
      return (rows.map(EntryRecord.init(row:)), matches.total)
    }
  }

  /// The rowids of the first `EntryMatchCache.rowidLimit` matches in listing order, and the
  /// count of all of them (counted apart only when there are more).
  private static func findMatches(
    _ db: Database, condition: String, order: String, arguments: StatementArguments
  ) throws -> EntryMatchCache.Matches {
    let rowids = try Int64.fetchAll(
      db, sql: "SELECT rowid FROM entry WHERE \(condition) ORDER BY \(order) LIMIT ?",
      arguments: arguments + [EntryMatchCache.rowidLimit])
    guard rowids.count == EntryMatchCache.rowidLimit else {
      return EntryMatchCache.Matches(total: rowids.count, rowids: rowids)
    }
    let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE \(condition)", arguments: arguments)
    return EntryMatchCache.Matches(total: total ?? rowids.count, rowids: rowids)
  }

  /// The entries with these rowids, in the rowids' order.
  private static func entries(_ db: Database, rowids: [Int64]) throws -> [EntryRecord] {
    guard !rowids.isEmpty else { return [] }
    let marks = Array(repeating: "?", count: rowids.count).joined(separator: ",")
    let rows = try Row.fetchAll(
      db, sql: "SELECT rowid AS listedRowid, * FROM entry WHERE rowid IN (\(marks))",
      arguments: StatementArguments(rowids))
    var byRowid: [Int64: Row] = [:]
    for row in rows { byRowid[row["listedRowid"]] = row }
    return rowids.compactMap { byRowid[$0].map(EntryRecord.init(row:)) }
  }

  /// One page of entries matching `condition`, a time-free one, and the count of all matches.
  func entryPage(_ condition: SQLCondition, order: String, limit: Int, offset: Int) throws -> ([EntryRecord], Int) {
    try entryPage(
      EntryQuery(condition: condition, order: order, now: 0, fields: EntryFields(className: "", conversionDelay: 0)),
      limit: limit, offset: offset)
  }
}
