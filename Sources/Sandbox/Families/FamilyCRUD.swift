import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  /// The generic engine's `add/get/list/update/delete` of `service`, for a family that adds a
  /// few semantics and keeps the rest generic (a family owning one CRUD action owns them all).
  func genericCRUD(_ service: String) -> [String: ActionHandler] {
    guard let shape = GenericCRUD.shapes[service] else { return [:] }
    var out: [String: ActionHandler] = [:]
    for action in CRUDShape.actions {
      if let handler = GenericCRUD(store: store).handler(shape: shape, action: action) { out[action] = handler }
    }
    return out
  }

  /// Runs the generic `action` of `service` with `call`'s parameters as given.
  func runGeneric(_ service: String, _ action: String, _ input: ActionInput) async throws -> JSONValue {
    guard let handler = genericCRUD(service)[action] else { throw KalturaAPIError.internalServerError }
    return try await handler.run(input)
  }
}

extension ActionInput {
  /// This input with `name` set to `value` (a default Kaltura fills in before the action runs).
  func setting(_ name: String, _ value: JSONValue) -> ActionInput {
    var copy = self
    copy.call.params[name] = value
    return copy
  }
}
