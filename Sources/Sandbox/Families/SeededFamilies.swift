import Foundation
import GRDB
import JSONValue
import KalturaWire

/// Conversion profiles and permissions: generic CRUD over objects every account starts with,
/// seeded on first use (an insert that keeps what is there), as a new Kaltura account has them.
extension SandboxCore {
  var conversionProfiles: StoredFamily { family("conversionprofile") }
  var permissions: StoredFamily { family("permission") }

  var conversionProfileActions: [String: ActionHandler] {
    var actions = seededFirst(conversionProfiles.crud, seed: seedConversionProfile)
    if let delete = actions["delete"] {
      actions["delete"] = ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let id = try input.call.requireString("id")
        if try conversionProfiles.object(id, caller: caller)?.body["isDefault"]?.displayText == "1" {
          throw SandboxErrors.named("CANNOT_DELETE_DEFAULT_CONVERSION_PROFILE")
        }
        return try await delete.run(input)
      }
    }
    actions["getdefault"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      try seedConversionProfile(caller)
      let found = try conversionProfiles.all(
        caller: caller, where: SQLCondition(sql: "json_extract(body, '$.isDefault') = 1", arguments: []))
      guard let profile = found.last else { throw KalturaAPIError.internalServerError }
      return .object(profile.body)
    }
    return actions
  }

  var permissionActions: [String: ActionHandler] {
    var actions = seededFirst(permissions.crud, seed: seedPermissions)
    // `get`, `update` and `delete` name a permission by its name, not its id.
    actions["get"] = ActionHandler(access: .anyKS) { [self] input in
      .object(try permissionNamed(input).body)
    }
    for action in ["update", "delete"] {
      guard let generic = actions[action] else { continue }
      actions[action] = ActionHandler(access: generic.access) { [self] input in
        // The engine keys the object by the parameter it is named by: hand it the stored id.
        try await generic.run(input.setting("permissionName", .string(try permissionNamed(input).id)))
      }
    }
    return actions
  }

  private func permissionNamed(_ input: ActionInput) throws -> StoredObject {
    let caller = try input.requireCaller()
    try seedPermissions(caller)
    let name = try input.call.requireString("permissionName")
    let found = try permissions.all(
      caller: caller, where: SQLCondition(sql: "json_extract(body, '$.name') = ?", arguments: [name.databaseValue]))
    guard let permission = found.first else { throw KalturaAPIError.invalidObjectID(name) }
    return permission
  }

  /// `actions`, each seeding the caller's account before it runs.
  private func seededFirst(_ actions: [String: ActionHandler], seed: @escaping @Sendable (Caller) throws -> Void)
    -> [String: ActionHandler]
  {
    actions.mapValues { generic in
      ActionHandler(access: generic.access) { input in
        try seed(try input.requireCaller())
        return try await generic.run(input)
      }
    }
  }

  /// The account's default conversion profile (id: partner id × 10 + 1, clear of the sequence).
  @Sendable private func seedConversionProfile(_ caller: Caller) throws {
    try store.seedOnce("conversionProfile", partnerId: caller.partnerId) {
      [defaultConversionProfile(caller)]
    }
  }

  private func defaultConversionProfile(_ caller: Caller) -> StoredObject {
    let id = String(caller.partnerId * 10 + 1)
    var body = JSONObject([("objectType", "KalturaConversionProfile"), ("id", .int(caller.partnerId * 10 + 1))])
    body["name"] = "Default"
    body["systemName"] = "Default"
    body["description"] = "The sandbox account's default transcoding profile"
    body["type"] = "1"
    body["status"] = "2"
    body["isDefault"] = .int(1)
    body["flavorParamsIds"] = "0,2,3,4,5,6,7"
    body["defaultEntryId"] = ""
    return conversionProfiles.stamped(body, id: id, className: "KalturaConversionProfile", partnerId: caller.partnerId)
  }

  /// Kaltura's system permissions a new account lists (a few: the ones recipes check).
  @Sendable private func seedPermissions(_ caller: Caller) throws {
    let names: [(String, String)] = [
      ("KMC_ACCESS", "Access to the management console"), ("CONTENT_MANAGE_BASE", "Manage content"),
      ("CONTENT_INGEST_UPLOAD", "Upload content"), ("LIVE_STREAM_ADD", "Add live streams"),
      ("PLAYLIST_BASE", "Manage playlists"), ("ACCOUNT_BASE", "View account settings"),
    ]
    try store.seedOnce("permission", partnerId: caller.partnerId) {
      names.enumerated().map { index, permission in
        let id = 100 + index
        var body = JSONObject([("objectType", "KalturaPermission"), ("id", .int(id))])
        body["name"] = .string(permission.0)
        body["friendlyName"] = .string(permission.1)
        body["description"] = .string(permission.1)
        body["type"] = .int(1)
        body["status"] = .int(1)
        return permissions.stamped(body, id: String(id), className: "KalturaPermission", partnerId: caller.partnerId)
      }
    }
  }
}
