import Foundation
import GRDB
import JSONValue
import KalturaWire

/// Custom metadata: profiles keep their XSD (INVALID_METADATA_PROFILE_SCHEMA when libxml2
/// refuses it), and metadata is validated against it on add and update (INVALID_METADATA_DATA,
/// as Kaltura answers an XML its profile's schema refuses).
extension SandboxCore {
  private var profiles: StoredFamily { family("metadata_metadataprofile") }

  private var metadata: StoredFamily {
    StoredFamily(
      store: store, className: "KalturaMetadata", filterClass: "KalturaMetadataFilter",
      listResponseClass: "KalturaMetadataListResponse")
  }

  /// metadataProfile: generic CRUD, with the XSD checked and kept on add and update.
  var metadataProfileActions: [String: ActionHandler] {
    var actions = profiles.crud
    for action in ["add", "update"] {
      guard let generic = actions[action] else { continue }
      actions[action] = ActionHandler(access: .anyKS) { [self] input in
        let xsd = input.call.params["xsdData"].flatMap(KalturaValue.string).flatMap { $0.isEmpty ? nil : $0 }
        if let xsd {
          do { _ = try MetadataSchema(xsd: xsd) } catch let error as MetadataSchema.Invalid {
            throw SandboxErrors.named("INVALID_METADATA_PROFILE_SCHEMA", error.reason)
          }
        }
        let reply = try await generic.run(input)
        guard let xsd, let id = reply["id"]?.displayText,
          var stored = try profiles.object(id, caller: try input.requireCaller())
        else { return reply }
        stored.body["xsd"] = .string(xsd)
        stored.body["version"] = .int((stored.body["version"].flatMap(KalturaValue.int) ?? 0) + 1)
        return .object(try profiles.save(stored).body)
      }
    }
    return actions
  }

  var metadataActions: [String: ActionHandler] {
    [
      "add": ActionHandler(access: .anyKS) { [self] input in try addMetadata(input) },
      "update": ActionHandler(access: .anyKS) { [self] input in try updateMetadata(input) },
      "get": ActionHandler(access: .anyKS) { [self] input in
        .object(try loadMetadata(input.call.requireString("id"), caller: try input.requireCaller()).body)
      },
      "delete": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let object = try loadMetadata(input.call.requireString("id"), caller: caller)
        try metadata.requireEditable(object, caller: caller)
        try store.deleteObject(space: metadata.space, partnerId: caller.partnerId, id: object.id) { db in
          try MetadataValues.remove(db, metadataId: object.id)
        }
        return .null
      },
      "list": ActionHandler(access: .anyKS) { [self] input in
        try metadata.list(input.call, caller: try input.requireCaller())
      },
    ]
  }

  private func addMetadata(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    let call = input.call
    let profileId = try call.requireString("metadataProfileId")
    guard let profile = try profiles.object(profileId, caller: caller) else {
      throw SandboxErrors.named("INVALID_METADATA_PROFILE", profileId)
    }
    let objectType = try call.requireString("objectType")
    let profileType = profile.body["metadataObjectType"]?.displayText ?? "1"
    guard objectType == profileType else {
      throw SandboxErrors.named("INCOMPATIBLE_METADATA_PROFILE_OBJECT_TYPE", profileType, objectType)
    }
    let objectId = try call.requireString("objectId")
    // Entries are the objects the sandbox can check exist; other kinds are taken on trust.
    if objectType == "1" {
      guard let entry = try store.entry(id: objectId), entry.partnerId == caller.partnerId, !entry.deleted else {
        throw SandboxErrors.named("INVALID_METADATA_OBJECT", objectId)
      }
      try caller.requireEditable(boundTo: objectId, in: store)
    }
    let existing = try metadata.all(
      caller: caller,
      where: SQLCondition(
        sql: "json_extract(body, '$.metadataProfileId') = ? AND json_extract(body, '$.objectId') = ?",
        arguments: [Int(profileId)?.databaseValue ?? profileId.databaseValue, objectId.databaseValue]))
    if let first = existing.first { throw SandboxErrors.named("METADATA_ALREADY_EXISTS", first.id) }
    let xml = try call.requireString("xmlData")
    let values = try validate(xml, profile: profile)
    let body = JSONObject([
      ("metadataProfileId", profile.body["id"] ?? .string(profileId)),
      ("metadataProfileVersion", profile.body["version"] ?? .int(1)),
      ("metadataObjectType", .string(objectType)), ("objectId", .string(objectId)), ("version", .int(1)),
      ("status", .int(1)), ("xml", .string(xml)),
    ])
    let id = try store.nextObjectNumber(space: metadata.space)
    let added = try metadata.insert(body, id: String(id), caller: caller) { db, added in
      try MetadataValues.replace(db, metadata: added, values: values)
    }
    return .object(added.body)
  }

  private func updateMetadata(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    var object = try loadMetadata(input.call.requireString("id"), caller: caller)
    try metadata.requireEditable(object, caller: caller)
    let version = object.body["version"].flatMap(KalturaValue.int) ?? 1
    if let sent = input.call.params["version"].flatMap(KalturaValue.int), sent != version {
      throw SandboxErrors.named("INVALID_METADATA_VERSION", String(sent))
    }
    guard let xml = input.call.params["xmlData"].flatMap(KalturaValue.string), !xml.isEmpty else {
      return .object(object.body)
    }
    let profileId = object.body["metadataProfileId"]?.displayText ?? ""
    guard let profile = try profiles.object(profileId, caller: caller) else {
      throw SandboxErrors.named("INVALID_METADATA_PROFILE", profileId)
    }
    let values = try validate(xml, profile: profile)
    object.body["xml"] = .string(xml)
    object.body["version"] = .int(version + 1)
    let saved = try metadata.save(object) { db, saved in
      try MetadataValues.replace(db, metadata: saved, values: values)
    }
    return .object(saved.body)
  }

  /// The field values of `xml` once its profile's XSD accepts it, read from the parse that
  /// validated it (`MetadataValues` keeps them for metadata search).
  private func validate(_ xml: String, profile: StoredObject) throws -> [MetadataValues.Value] {
    // A profile added without an XSD accepts any well-formed XML.
    let xsd = profile.body["xsd"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    do {
      let document =
        if let xsd { try MetadataSchema(xsd: xsd).validate(xml) } else { try MetadataSchema.checkWellFormed(xml) }
      return MetadataValues.values(of: document)
    } catch let error as MetadataSchema.Invalid {
      throw SandboxErrors.named("INVALID_METADATA_DATA", error.reason)
    }
  }

  private func loadMetadata(_ id: String, caller: Caller) throws -> StoredObject {
    guard let object = try metadata.object(id, caller: caller) else {
      throw SandboxErrors.named("METADATA_NOT_FOUND", id)
    }
    return object
  }
}
