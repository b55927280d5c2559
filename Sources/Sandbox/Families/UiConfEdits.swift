import Foundation
import JSONValue
import KalturaWire

/// `uiConf.add` and `uiConf.update`: what a partner sets on one of its players (`config`, `name`, `tags`…)
/// is kept as an overlay object in the generic store and laid over the stored player on every
/// answer, so `get` and `list` show the edited `config`.
extension SandboxCore {
  static let uiConfOverlaySpace = "SandboxUiConfEdits"

  var uiConfEditActions: [String: ActionHandler] {
    [
      "add": ActionHandler(access: .adminKS) { [self] input in try addUiConf(input) },
      "update": ActionHandler(access: .adminKS) { [self] input in
        let caller = try input.requireCaller()
        let raw = try input.call.requireString("id")
        guard let id = Int(raw),
          let conf = try store.uiConfs(partnerIds: [caller.partnerId]).first(where: { $0.id == id })
        else { throw KalturaAPIError.invalidUIConfID(raw) }
        guard let model = SandboxSpec.classes["KalturaUiConf"] else { throw KalturaAPIError.internalServerError }
        let changes = try ObjectInput.fields(input.call.object("uiConf") ?? JSONObject(), model: model, isUpdate: true)
        let now = unixNow()
        var edits = try uiConfEdits(caller.partnerId, id)
        for member in changes { edits[member.key] = member.value.isNull ? nil : member.value }
        edits["updatedAt"] = .int(now)
        try store.saveObject(
          StoredObject(
            space: Self.uiConfOverlaySpace, partnerId: caller.partnerId, id: String(id), className: "KalturaUiConf",
            createdAt: now, updatedAt: now, body: edits))
        return try editedUiConf(conf)
      },
    ]
  }

  /// `uiConf.add`: a new player record, with everything sent (`config` too) kept as its edits.
  private func addUiConf(_ input: ActionInput) throws -> JSONValue {
    let caller = try input.requireCaller()
    guard let model = SandboxSpec.classes["KalturaUiConf"] else { throw KalturaAPIError.internalServerError }
    let fields = try ObjectInput.fields(input.call.object("uiConf") ?? JSONObject(), model: model, isUpdate: false)
    guard let objType = fields["objType"].flatMap(KalturaValue.int) else {
      throw KalturaAPIError.propertyCannotBeNull("objType")
    }
    guard Self.objTypes.contains(objType) else {
      throw KalturaAPIError.invalidEnumValue(String(objType), parameter: "objType", enumType: "KalturaUiConfObjType")
    }
    // Clear of the seeded players' ids (40 000 000 + partner × 10 + n).
    let id = 50_000_000 + (try store.nextObjectNumber(space: "KalturaUiConf"))
    let now = unixNow()
    let conf = UiConfRecord(
      id: id, partnerId: caller.partnerId, name: fields["name"]?.stringValue ?? "", objType: objType,
      tags: fields["tags"]?.stringValue ?? "", html5Url: fields["html5Url"]?.stringValue ?? "",
      width: fields["width"].flatMap(KalturaValue.int) ?? 0, height: fields["height"].flatMap(KalturaValue.int) ?? 0,
      createdAt: now, updatedAt: now)
    try store.insertUiConf(conf)
    var edits = JSONObject()
    for member in fields where !member.value.isNull { edits[member.key] = member.value }
    try store.saveObject(
      StoredObject(
        space: Self.uiConfOverlaySpace, partnerId: caller.partnerId, id: String(id), className: "KalturaUiConf",
        createdAt: now, updatedAt: now, body: edits))
    return try editedUiConf(conf)
  }

  /// What a new Kaltura Player (v7) starts with: its `config` is JSON text.
  static let playerJsConfig = #"{"player":{"playback":{"autoplay":false,"muted":false}},"plugins":{}}"#

  func uiConfEdits(_ partnerId: Int, _ id: Int) throws -> JSONObject {
    try store.object(space: Self.uiConfOverlaySpace, partnerId: partnerId, id: String(id))?.body ?? JSONObject()
  }

  /// The player as answered: the stored record with the partner's edits laid over it.
  func editedUiConf(_ conf: UiConfRecord) throws -> JSONValue {
    guard var body = builder.uiConf(conf).objectValue else { return builder.uiConf(conf) }
    if conf.tags.contains("kalturaPlayerJs") { body["config"] = .string(Self.playerJsConfig) }
    for member in try uiConfEdits(conf.partnerId, conf.id) { body[member.key] = member.value }
    return .object(body)
  }
}
