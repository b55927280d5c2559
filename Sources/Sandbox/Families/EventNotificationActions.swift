import Foundation
import JSONValue
import KalturaWire

/// Event notification templates: Kaltura's system templates live on partner 0 and are listed
/// by `listTemplates`; `clone` copies one to the caller's partner (DISABLED until
/// `updateStatus` activates it); the partner's own templates are stored by the generic engine.
extension SandboxCore {
  static let notificationService = "eventnotification_eventnotificationtemplate"

  var eventNotificationActions: [String: ActionHandler] {
    var actions = notificationTemplates.crud
    actions["listtemplates"] = ActionHandler(access: .anyKS) { [self] input in
      try seedNotificationTemplates()
      return try await notificationTemplates.run("list", input.asPartner(0))
    }
    actions["clone"] = ActionHandler(access: .adminKS) { [self] input in
      let caller = try input.requireCaller()
      try seedNotificationTemplates()
      let id = try input.call.requireString("id")
      guard let template = try store.object(space: notificationSpace, partnerId: 0, id: id) else {
        throw SandboxErrors.named("EVENT_NOTIFICATION_TEMPLATE_NOT_FOUND", id)
      }
      var body = template.body
      for member in input.call.object("eventNotificationTemplate") ?? JSONObject() where member.key != "objectType" {
        body[member.key] = member.value
      }
      let newId = try store.nextObjectNumber(space: notificationSpace)
      let now = unixNow()
      body["id"] = .int(newId)
      body["partnerId"] = .int(caller.partnerId)
      body["status"] = .int(NotificationStatus.disabled)
      body["createdAt"] = .int(now)
      body["updatedAt"] = .int(now)
      let copy = StoredObject(
        space: notificationSpace, partnerId: caller.partnerId, id: String(newId), className: template.className,
        createdAt: now, updatedAt: now, body: body)
      guard try store.insertObject(copy) else { throw KalturaAPIError.internalServerError }
      return .object(body)
    }
    actions["updatestatus"] = ActionHandler(access: .adminKS) { [self] input in
      let caller = try input.requireCaller()
      let id = try input.call.requireString("id")
      let status = input.call.int("status") ?? -1
      guard NotificationStatus.all.contains(status) else {
        throw KalturaAPIError.invalidEnumValue(
          input.call.string("status") ?? "", parameter: "status", enumType: "KalturaEventNotificationTemplateStatus")
      }
      guard var object = try store.object(space: notificationSpace, partnerId: caller.partnerId, id: id) else {
        throw SandboxErrors.named("EVENT_NOTIFICATION_TEMPLATE_NOT_FOUND", id)
      }
      object.updatedAt = unixNow()
      object.body["status"] = .int(status)
      object.body["updatedAt"] = .int(object.updatedAt)
      try store.saveObject(object)
      return .object(object.body)
    }
    return actions
  }

  var notificationTemplates: StoredFamily { family(Self.notificationService) }
  var notificationSpace: String { notificationTemplates.space }

  /// Writes the system templates on partner 0 once.
  private func seedNotificationTemplates() throws {
    try store.seedOnce("eventNotificationTemplate", partnerId: 0) {
      let now = unixNow()
      return SeedNotificationTemplates.all.map { template in
        var body = template
        body["partnerId"] = 0
        body["status"] = .int(NotificationStatus.active)
        body["createdAt"] = .int(now)
        body["updatedAt"] = .int(now)
        return StoredObject(
          space: notificationSpace, partnerId: 0, id: body["id"]?.displayText ?? "",
          className: body["objectType"]?.stringValue ?? "KalturaEventNotificationTemplate", createdAt: now,
          updatedAt: now, body: body)
      }
    }
  }
}

extension ActionInput {
  /// This input as if a KS of `partnerId` made it (system objects live on partner 0).
  func asPartner(_ partnerId: Int) -> ActionInput {
    var copy = self
    copy.caller?.partnerId = partnerId
    return copy
  }
}

/// `KalturaEventNotificationTemplateStatus`.
enum NotificationStatus {
  static let disabled = 1
  static let active = 2
  static let deleted = 3
  static let all: Set<Int> = [1, 2, 3]
}

/// A few of Kaltura's system templates, as `listTemplates` shows them on a new account.
enum SeedNotificationTemplates {
  static let all: [JSONObject] = [
    template(1, "Entry Ready", "Entry_Ready", "KalturaEmailNotificationTemplate", "emailNotification.Email", "1", "3"),
    template(
      2, "Entry Deleted", "Entry_Deleted", "KalturaEmailNotificationTemplate", "emailNotification.Email", "1", "7"),
    template(
      3, "Entry Ready (HTTP)", "HTTP_ENTRY_READY", "KalturaHttpNotificationTemplate", "httpNotification.Http", "1", "3"),
    template(
      4, "Entry Added (HTTP)", "HTTP_ENTRY_ADDED", "KalturaHttpNotificationTemplate", "httpNotification.Http", "1", "2"),
    template(
      5, "Category Added (HTTP)", "HTTP_CATEGORY_ADDED", "KalturaHttpNotificationTemplate", "httpNotification.Http",
      "2", "2"),
  ]

  /// System template ids are far above the ids partners' own templates get, as on Kaltura.
  /// `eventType` 2 OBJECT_ADDED, 3 OBJECT_CHANGED, 7 OBJECT_DELETED; `eventObjectType` 1 ENTRY,
  /// 2 CATEGORY.
  private static func template(
    _ id: Int, _ name: String, _ systemName: String, _ className: String, _ type: String, _ objectType: String,
    _ event: String
  ) -> JSONObject {
    var o = JSONObject([("objectType", .string(className)), ("id", .int(900_000 + id))])
    o["name"] = .string(name)
    o["systemName"] = .string(systemName)
    o["description"] = .string("Sandbox system template: \(name)")
    o["type"] = .string(type)
    o["eventObjectType"] = .string(objectType)
    o["eventType"] = .string(event)
    o["automaticDispatchEnabled"] = true
    o["manualDispatchEnabled"] = false
    return o
  }
}
