import APISchema
import Foundation
import JSONValue
import KalturaWire

/// What answers an action: a hand-written family, the generic CRUD engine, or a synthesized
/// reply. The served spec marks each operation with it (`x-sandbox`), so a console can warn
/// before it sends a step whose reply would only be synthesized.
enum ActionKind: String, Sendable {
  case handWritten = "implemented"
  case crud = "crud"
  case synthesized = "synthesized"
}

struct ActionRoute: Sendable {
  var handler: ActionHandler
  var operation: SpecOperation?
  var kind: ActionKind
}

extension SandboxSpec {
  /// Service ids (lower-cased) that have at least one operation in the spec.
  static let services: Set<String> = {
    var out: Set<String> = []
    for path in document.paths {
      let parts = path.split(separator: "/")
      if parts.count == 4, parts[0] == "service" { out.insert(parts[1].lowercased()) }
    }
    return out
  }()
}

extension SandboxCore {
  /// The route of `service.action` (ids lower-cased); SERVICE_DOES_NOT_EXISTS or
  /// ACTION_DOES_NOT_EXISTS for what neither the families nor the spec know.
  func route(
    service: String, action: String, displayService: String, displayAction: String,
    families: [String: [String: ActionHandler]]? = nil
  ) throws -> ActionRoute {
    let families = families ?? services
    let operation = SandboxSpec.operation(service: service, action: action)
    if let handler = families[service]?[action] {
      return ActionRoute(handler: handler, operation: operation, kind: .handWritten)
    }
    guard let operation else {
      if families[service] != nil || SandboxSpec.services.contains(service) {
        throw KalturaAPIError.actionDoesNotExist(action: displayAction, service: displayService)
      }
      throw KalturaAPIError.serviceDoesNotExist(displayService)
    }
    // A family that owns some of a service's CRUD actions owns its storage: the engine stays out.
    let ownsCRUD = !(families[service].map { Set($0.keys).isDisjoint(with: CRUDShape.actions) } ?? true)
    if !ownsCRUD, let shape = GenericCRUD.shapes[service],
      let handler = GenericCRUD(store: store).handler(shape: shape, action: action)
    {
      return ActionRoute(handler: handler, operation: operation, kind: .crud)
    }
    let access: ActionAccess = operation.requiresSession ? .anyKS : .open
    let handler = ActionHandler(access: access) { [log] input in
      try ParameterCheck.values(operation, call: input.call)
      log.write("synthesized \(input.call.service).\(input.call.action): no semantics in the sandbox")
      return Synthesizer.reply(for: operation, partnerId: input.caller?.partnerId ?? input.call.partnerID)
    }
    return ActionRoute(handler: handler, operation: operation, kind: .synthesized)
  }

  /// How `call` is answered, nil when nothing answers it.
  func kind(of call: KalturaCall) -> ActionKind? {
    try? route(
      service: call.serviceID, action: call.actionID, displayService: call.service, displayAction: call.action
    ).kind
  }

  /// `kind(of:)` for many calls (every operation of the served spec): the action table is
  /// built once, not once per call.
  func kinds() -> @Sendable (_ service: String, _ action: String) -> ActionKind? {
    let families = services
    return { [self] service, action in
      try? route(
        service: service, action: action, displayService: service, displayAction: action, families: families
      ).kind
    }
  }
}

/// `sandbox.log` in the data directory: one line per notable event (a synthesized reply). Not
/// stderr: the embedded sandbox shares the terminal with the console's screen.
final class SandboxLog: Sendable {
  private let path: String?
  private let lock = NSLock()

  init(path: String?) { self.path = path }

  func write(_ line: String) {
    guard let path else { return }
    let stamp = ISO8601DateFormatter().string(from: Date())
    let data = Data("\(stamp) \(line)\n".utf8)
    lock.withLock {
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(data)
        try? handle.close()
      } else {
        _ = FileManager.default.createFile(atPath: path, contents: data)
      }
    }
  }
}
