import Crypto
import Foundation
import JSONValue
import KalturaWire

/// The input of one action: the call, who makes it, and any file parts.
struct ActionInput: Sendable {
  var call: KalturaCall
  /// nil only for actions that work without a KS.
  var caller: Caller?
  var files: [String: SpooledFile]

  func requireCaller() throws -> Caller {
    guard let caller else { throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID) }
    return caller
  }
}

/// How an action is guarded before it runs.
enum ActionAccess: Sendable {
  /// Works without a KS (a KS that is sent is still checked).
  case open
  case anyKS
  case adminKS
}

struct ActionHandler: Sendable {
  var access: ActionAccess
  var run: @Sendable (ActionInput) async throws -> JSONValue
}

/// Everything a request needs: the store, the files, the upload engine and the action table.
final class SandboxCore: Sendable {
  let store: SandboxStore
  let files: FileStorage
  let engine: UploadEngine
  let builder: ObjectBuilder
  let configuration: SandboxConfiguration

  init(store: SandboxStore, files: FileStorage, origin: OriginBox, configuration: SandboxConfiguration) {
    self.store = store
    self.files = files
    self.engine = UploadEngine(store: store, files: files, locks: KeyedLock())
    self.builder = ObjectBuilder(originBox: origin, conversionDelay: configuration.conversionDelay)
    self.configuration = configuration
  }

  /// service id → action id → handler; ids lower-cased as Kaltura matches them.
  var services: [String: [String: ActionHandler]] {
    [
      "session": sessionActions,
      "system": ["ping": ActionHandler(access: .open) { _ in .bool(true) }],
      "uploadtoken": uploadTokenActions,
      "media": mediaActions,
      "baseentry": baseEntryActions,
      "uiconf": uiConfActions,
      "partner": partnerActions,
    ]
  }

  // MARK: dispatch

  func handle(_ call: KalturaCall, files: [String: SpooledFile]) async -> CallOutcome {
    do {
      return .success(try await run(call, files: files))
    } catch let error as KalturaAPIError {
      return .failure(error)
    } catch {
      return .failure(KalturaAPIError.internalServerError)
    }
  }

  private func run(_ call: KalturaCall, files: [String: SpooledFile]) async throws -> JSONValue {
    guard let actions = services[call.serviceID] else { throw KalturaAPIError.serviceDoesNotExist(call.service) }
    guard let handler = actions[call.actionID] else {
      throw KalturaAPIError.actionDoesNotExist(action: call.action, service: call.service)
    }
    let caller = try authenticate(call)
    switch handler.access {
    case .open: break
    case .anyKS:
      guard caller != nil else { throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID) }
    case .adminKS:
      guard caller?.isAdmin == true else {
        throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID)
      }
    }
    return try await handler.run(ActionInput(call: call, caller: caller, files: files))
  }

  /// Verifies the KS when one is sent: signature with the partner's admin secret, expiry, logout,
  /// and that a `partnerId` parameter names the KS's partner.
  func authenticate(_ call: KalturaCall) throws -> Caller? {
    guard let ks = call.ks, !ks.isEmpty else { return nil }
    let info = try KalturaKS.verify(
      ks, secretFor: { [store] pid in (try? store.partner(id: pid))?.adminSecret },
      isRevoked: { [store] ks in (try? store.isSessionEnded(digest: Self.digest(ks))) ?? false })
    if let requested = call.partnerID, requested != info.partnerID, call.serviceID != "session" {
      throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID)
    }
    return Caller(partnerId: info.partnerID, userId: info.userID, isAdmin: info.isAdmin, session: info)
  }

  static func digest(_ ks: String) -> String {
    SHA256.hash(data: Array(ks.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  // MARK: multirequest

  /// Runs the numbered sub-calls in order, each with its own errors, replacing `{N:result:path}`
  /// with values of earlier results (N is the 1-based ordinal, whatever the keys).
  func handleMultirequest(_ call: KalturaCall, files: [String: SpooledFile]) async -> [CallOutcome] {
    let numbered = call.params.keys.compactMap(Int.init)
    guard let smallest = numbered.min() else { return [] }
    var index = min(1, smallest)
    var outcomes: [CallOutcome] = []
    while case .object(var params)? = call.params[String(index)],
      let service = params["service"].flatMap(KalturaValue.string),
      let action = params["action"].flatMap(KalturaValue.string)
    {
      for shared in ["ks", "partnerId", "clientTag"] where params[shared] == nil {
        if let value = call.params[shared] { params[shared] = value }
      }
      params.removeValue(forKey: "format")
      params = Self.substituteReferences(in: .object(params), results: outcomes).objectValue ?? params
      var subFiles: [String: SpooledFile] = [:]
      for (name, file) in files where name.hasPrefix("\(index):") {
        subFiles[String(name.dropFirst("\(index):".count))] = file
      }
      outcomes.append(await handle(KalturaCall(service: service, action: action, params: params), files: subFiles))
      index += 1
    }
    return outcomes
  }

  static func substituteReferences(in value: JSONValue, results: [CallOutcome]) -> JSONValue {
    switch value {
    case .string(let text) where text.contains(":result"):
      return .string(resolveReference(text, results: results))
    case .object(let object):
      var copy = JSONObject()
      for member in object { copy[member.key] = substituteReferences(in: member.value, results: results) }
      return .object(copy)
    case .array(let items):
      return .array(items.map { substituteReferences(in: $0, results: results) })
    default:
      return value
    }
  }

  private static func resolveReference(_ text: String, results: [CallOutcome]) -> String {
    guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close else { return text }
    let inner = text[text.index(after: open)..<close]
    var segments = inner.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard segments.count >= 2, let ordinal = Int(segments[0]), segments[1] == "result" else { return text }
    segments.removeFirst(2)
    var replacement = ""
    if ordinal >= 1, ordinal <= results.count, case .success(let result) = results[ordinal - 1] {
      replacement = lookup(result, segments)
    }
    return String(text[..<open]) + replacement + String(text[text.index(after: close)...])
  }

  private static func lookup(_ value: JSONValue, _ path: [String]) -> String {
    guard let first = path.first else { return value.isNull ? "" : value.displayText }
    let rest = Array(path.dropFirst())
    switch value {
    case .object(let o): return o[first].map { lookup($0, rest) } ?? ""
    case .array(let items):
      if first == "_all" { return items.map { lookup($0, rest) + "," }.joined() }
      guard let i = Int(first), items.indices.contains(i) else { return "" }
      return lookup(items[i], rest)
    default: return ""
    }
  }
}

/// Kaltura's pager: `pageSize` 30 by default, at most 500; `pageIndex` from 1.
struct Pager {
  var size: Int
  var index: Int

  init(_ object: JSONObject?) {
    size = min(max(object?["pageSize"].flatMap(KalturaValue.int) ?? 30, 0), 500)
    index = max(object?["pageIndex"].flatMap(KalturaValue.int) ?? 1, 1)
  }

  func page<T>(_ items: [T]) throws -> [T] {
    let offset = (index - 1) * size
    if offset >= 10000 { throw KalturaAPIError.queryExceededMaxMatches }
    guard offset < items.count else { return [] }
    return Array(items[offset..<min(items.count, offset + size)])
  }
}

/// A filter field read leniently, as PHP would.
extension JSONObject {
  func text(_ name: String) -> String? {
    guard let value = self[name], let text = KalturaValue.string(value), !text.isEmpty else { return nil }
    return text
  }
  func integer(_ name: String) -> Int? { self[name].flatMap(KalturaValue.int) }
  func list(_ name: String) -> [String]? {
    text(name).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
  }
}
