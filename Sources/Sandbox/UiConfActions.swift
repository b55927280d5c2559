import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  var uiConfActions: [String: ActionHandler] {
    [
      "list": ActionHandler(access: .anyKS) { [self] input in try listUiConfs(input) },
      "get": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let raw = try input.call.requireString("id")
        // A partner sees its own players and partner 0's global templates.
        guard let id = Int(raw),
          let conf = try store.uiConfs(partnerIds: [caller.partnerId, 0]).first(where: {
            $0.id == id
          })
        else { throw KalturaAPIError.invalidUIConfID(raw) }
        return try editedUiConf(conf)
      },
    ]
  }

  /// `KalturaUiConfObjType`: 1 PLAYER … 23 REELS (protocol notes §7).
  static let objTypes = Set(1...23)

  private func listUiConfs(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let filter = input.call.object("filter") ?? JSONObject()
    var confs = try store.uiConfs(partnerIds: [caller.partnerId])
    if let id = filter.integer("idEqual") { confs = confs.filter { $0.id == id } }
    if let ids = filter.list("idIn")?.compactMap(Int.init) { confs = confs.filter { ids.contains($0.id) } }
    if let like = filter.text("nameLike")?.lowercased() { confs = confs.filter { $0.name.lowercased().contains(like) } }
    for key in ["objTypeEqual", "objTypeIn"] {
      if let types = try filter.enumValues(key, allowed: Self.objTypes, enumType: "KalturaUiConfObjType") {
        confs = confs.filter { types.contains($0.objType) }
      }
    }
    if let tags = filter.list("tagsMultiLikeOr")?.map({ $0.lowercased() }) {
      confs = confs.filter { c in tags.contains { c.tags.lowercased().contains($0) } }
    }
    switch filter.text("orderBy") {
    case nil, "+id": break
    case "-id": confs.reverse()
    case "+createdAt": confs.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    case "-createdAt": confs.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    case "+updatedAt": confs.sort { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    case "-updatedAt": confs.sort { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
    case "+name": confs.sort { ($0.name, $0.id) < ($1.name, $1.id) }
    case "-name": confs.sort { ($0.name, $0.id) > ($1.name, $1.id) }
    case let other?:
      throw KalturaAPIError.invalidEnumValue(other, parameter: "orderBy", enumType: "KalturaUiConfOrderBy")
    }
    let page = try Pager(input.call.object("pager")).page(confs)
    return ObjectBuilder.list(
      try page.map(editedUiConf), totalCount: confs.count, objectType: "KalturaUiConfListResponse")
  }
}

/// The players every sandbox partner starts with, so recipe pickers have something to offer.
enum SeedPlayers {
  static func records(partnerId: Int, now: Int) -> [UiConfRecord] {
    let base = 40_000_000 + partnerId * 10
    let html5 = "/html5/html5lib/v2.101/mwEmbedLoader.php"
    return [
      UiConfRecord(
        id: base + 1, partnerId: partnerId, name: "Sandbox Player (default)", objType: 1, tags: "html5studio,player",
        html5Url: html5, width: 560, height: 395, createdAt: now, updatedAt: now),
      UiConfRecord(
        id: base + 2, partnerId: partnerId, name: "Sandbox Player with playlist", objType: 1,
        tags: "html5studio,playlist", html5Url: html5, width: 740, height: 330, createdAt: now, updatedAt: now),
      UiConfRecord(
        id: base + 3, partnerId: partnerId, name: "Sandbox Player v7", objType: 1, tags: "kalturaPlayerJs,player",
        html5Url: "/p/\(partnerId)/embedPlaykitJs/uiconf_id/\(base + 3)", width: 640, height: 360, createdAt: now,
        updatedAt: now),
      UiConfRecord(
        id: base + 4, partnerId: partnerId, name: "Sandbox Player (KDP3)", objType: 8, tags: "player",
        html5Url: html5, width: 400, height: 333, createdAt: now, updatedAt: now),
    ]
  }
}
