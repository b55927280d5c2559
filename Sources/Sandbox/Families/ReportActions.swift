import Foundation
import GRDB
import JSONValue
import KalturaWire

/// `report.getTable` and `report.getTotal`, computed from what the sandbox holds, in Kaltura's
/// CSV-in-JSON shape: `header` is comma-separated column names, `data` rows separated by `;`,
/// columns by `,`. The sandbox records no plays, so play figures are 0 for every entry.
extension SandboxCore {
  var reportActions: [String: ActionHandler] {
    [
      "gettable": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let report = try ReportKind(input.call)
        let rows = try report.rows(entries: reportEntries(caller, input.call))
        let pager = Pager(input.call.object("pager"))
        let page = try pager.page(rows)
        var reply = JSONObject([("objectType", "KalturaReportTable")])
        reply["header"] = .string(report.tableHeader.joined(separator: ","))
        reply["data"] = .string(ReportKind.csv(page))
        reply["totalCount"] = .int(rows.count)
        return .object(reply)
      },
      "gettotal": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let report = try ReportKind(input.call)
        var reply = JSONObject([("objectType", "KalturaReportTotal")])
        reply["header"] = .string(report.totalHeader.joined(separator: ","))
        reply["data"] = .string(ReportKind.csv([report.total(entries: try reportEntries(caller, input.call))]))
        return .object(reply)
      },
    ]
  }

  /// The partner's live entries, newest first; `objectIds` narrows them to those entries.
  private func reportEntries(_ caller: Caller, _ call: KalturaCall) throws -> [EntryRecord] {
    var condition = SQLCondition(sql: "partnerId = ? AND deleted = 0", arguments: [caller.partnerId.databaseValue])
    if let ids = call.string("objectIds")?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }),
      !ids.isEmpty
    {
      condition = .all([
        condition,
        SQLCondition(
          sql: "id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", arguments: ids.map { $0.databaseValue }),
      ])
    }
    return try store.entryPage(condition, order: "createdAt DESC, rowid DESC", limit: 10000, offset: 0).0
  }
}

/// The report types the sandbox computes (`KalturaReportType`).
enum ReportKind {
  /// 1 TOP_CONTENT and the other per-entry reports (2 CONTENT_DROPOFF, 3 CONTENT_INTERACTIONS).
  case content(Int)
  /// 5 TOP_CONTRIBUTORS: entries added per user.
  case contributors

  init(_ call: KalturaCall) throws {
    let raw = call.string("reportType") ?? ""
    switch Int(raw) {
    case 1?, 2?, 3?: self = .content(Int(raw)!)
    case 5?: self = .contributors
    default:
      throw SandboxErrors.named(
        "SANDBOX_REPORT_NOT_SUPPORTED", raw,
        "1 (TOP_CONTENT), 2 (CONTENT_DROPOFF), 3 (CONTENT_INTERACTIONS), 5 (TOP_CONTRIBUTORS)")
    }
  }

  static let playColumns = [
    "count_plays", "sum_time_viewed", "avg_time_viewed", "count_loads", "load_play_ratio", "avg_view_drop_off",
  ]

  var totalHeader: [String] {
    switch self {
    case .content: return Self.playColumns
    case .contributors: return ["count_total", "count_video", "count_audio", "count_image"]
    }
  }

  var tableHeader: [String] {
    switch self {
    case .content: return ["object_id", "entry_name"] + Self.playColumns
    case .contributors: return ["user_id", "user_screen_name"] + totalHeader
    }
  }

  func rows(entries: [EntryRecord]) -> [[String]] {
    switch self {
    case .content:
      return entries.map { [$0.id, Self.cell($0.name)] + Self.playColumns.map { _ in "0" } }
    case .contributors:
      let byUser = Dictionary(grouping: entries, by: \.userId)
      return byUser.keys.sorted().map { user in [user, Self.cell(user)] + Self.counts(byUser[user]!) }
    }
  }

  func total(entries: [EntryRecord]) -> [String] {
    switch self {
    case .content: return Self.playColumns.map { _ in "0" }
    case .contributors: return Self.counts(entries)
    }
  }

  /// Entries in total and by `KalturaMediaType` (1 video, 5 audio, 2 image).
  static func counts(_ entries: [EntryRecord]) -> [String] {
    let byType = [1, 5, 2].map { type in entries.filter { $0.mediaType == type }.count }
    return ([entries.count] + byType).map(String.init)
  }

  /// Kaltura does not quote cells: a separator inside a name would split it, so it becomes a space.
  static func cell(_ text: String) -> String {
    String(text.map { $0 == "," || $0 == ";" ? " " : $0 })
  }

  static func csv(_ rows: [[String]]) -> String { rows.map { $0.joined(separator: ",") }.joined(separator: ";") }
}
