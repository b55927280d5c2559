import Foundation
import JSONValue
import KalturaWire

/// A service whose objects are entries of one type (`liveStream`, `externalMedia`): they live in
/// the entry table like media clips, so `baseEntry.get/list` find them as their own class, and
/// the service's `add/get/list/update/delete` read and write the same rows.
struct EntryService: Sendable {
  let type: Int
  /// The declared class of the `add`/`update` object.
  let className: String
  let objectParameter: String
  let idParameter: String
  let filterClass: String
  let listResponseClass: String
}

extension SandboxCore {
  /// The service's actions. `add` refuses what `validate` refuses before any entry exists, then
  /// keeps with the new entry the fields `extras` makes for it (ingest points, a source's URLs).
  func entryServiceActions(
    _ service: EntryService, validate: @escaping @Sendable (JSONObject) throws -> Void = { _ in },
    extras: @escaping @Sendable (EntryRecord, ActionInput) -> JSONObject
  ) -> [String: ActionHandler] {
    [
      "add": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let sent = try input.call.requireObject(service.objectParameter)
        let model = try ObjectInput.resolveClass(declared: service.className, object: sent)
        // Typed, enum-checked and read-only-refused as Kaltura's deserializer does.
        let fields = try ObjectInput.fields(sent, model: model, isUpdate: false)
        try validate(fields)
        var entry = try addEntry(fields, className: model.name, caller: caller, type: service.type)
        for member in extras(entry, input) { entry.extraFields[member.key] = member.value }
        try store.saveEntry(entry)
        return builder.entry(entry)
      },
      "get": ActionHandler(access: .anyKS) { [self] input in
        let id = try input.call.requireString(service.idParameter)
        let entry = try visibleEntry(id, caller: input.requireCaller())
        guard entry.entryType == service.type else { throw KalturaAPIError.entryIDNotFound(id) }
        return builder.entry(entry)
      },
      "update": ActionHandler(access: .anyKS) { [self] input in
        try updateEntry(
          input, idParameter: service.idParameter, objectParameter: service.objectParameter,
          declared: service.className, type: service.type)
      },
      "delete": ActionHandler(access: .anyKS) { [self] input in
        var entry = try editableEntry(
          input.call.requireString(service.idParameter), caller: input.requireCaller(), type: service.type)
        entry.deleted = true
        entry.updatedAt = unixNow()
        try store.saveEntry(entry)
        return .null
      },
      "list": ActionHandler(access: .anyKS) { [self] input in
        try listEntries(
          input, listType: service.listResponseClass, filterClass: service.filterClass, onlyType: service.type)
      },
    ]
  }
}
