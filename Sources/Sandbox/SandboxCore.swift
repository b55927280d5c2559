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
  let log: SandboxLog

  init(store: SandboxStore, files: FileStorage, origin: OriginBox, configuration: SandboxConfiguration) {
    self.log = SandboxLog(path: configuration.dataDirectory + "/sandbox.log")
    self.store = store
    self.files = files
    self.engine = UploadEngine(store: store, files: files, locks: KeyedLock())
    self.builder = ObjectBuilder(originBox: origin, conversionDelay: configuration.conversionDelay)
    self.configuration = configuration
  }

  /// service id → action id → handler; ids lower-cased as Kaltura matches them.
  var services: [String: [String: ActionHandler]] {
    [
      "session": sessionActions.merging(widgetSessionActions) { own, _ in own },
      "system": ["ping": ActionHandler(access: .open) { _ in .bool(true) }],
      "uploadtoken": uploadTokenActions,
      "media": mediaActions,
      "baseentry": baseEntryActions,
      "uiconf": uiConfActions.merging(uiConfEditActions) { own, _ in own },
      "partner": partnerActions.merging(partnerUserActions) { own, _ in own },
      "metadata_metadataprofile": metadataProfileActions, "metadata_metadata": metadataActions,
      "cuepoint_cuepoint": cuePointActions, "caption_captionasset": captionAssetActions,
      "captionsearch_captionassetitem": captionSearchActions,
      "apptoken": appTokenActions, "thumbasset": thumbAssetActions,
      "category": categoryActions, "categoryentry": categoryEntryActions,
      "livestream": liveStreamActions, "externalmedia_externalmedia": externalMediaActions,
      "conversionprofile": conversionProfileActions, "permission": permissionActions,
      "user": userActions,
      "report": reportActions,
      SandboxCore.notificationService: eventNotificationActions,
    ]
  }

  // MARK: dispatch

  func handle(_ call: KalturaCall, files: [String: SpooledFile]) async -> KalturaResult {
    do {
      return .success(try await run(call, files: files))
    } catch let error as KalturaAPIError {
      return .failure(error)
    } catch {
      return .failure(KalturaAPIError.internalServerError)
    }
  }

  /// Kaltura's order: the action must exist, its mandatory parameters must be there (a call
  /// with no KS and no `entryId` is MISSING_MANDATORY_PARAMETER), then the KS (signature,
  /// expiry, logout, actions limit), then access: the session type here, the privileges and
  /// ownership in the action.
  private func run(_ call: KalturaCall, files: [String: SpooledFile]) async throws -> JSONValue {
    let route = try route(
      service: call.serviceID, action: call.actionID, displayService: call.service, displayAction: call.action)
    if let operation = route.operation {
      try ParameterCheck.mandatory(operation, call: call, fileNames: Set(files.keys))
    }
    let caller = try authenticate(call)
    try spendAction(call, caller: caller)
    switch route.handler.access {
    case .open: break
    case .anyKS:
      guard caller != nil else {
        throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID)
      }
    case .adminKS:
      guard caller?.isAdmin == true else {
        throw KalturaAPIError.serviceForbidden(service: call.serviceID, action: call.actionID)
      }
    }
    return try await route.handler.run(ActionInput(call: call, caller: caller, files: files))
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
  func handleMultirequest(_ call: KalturaCall, files: [String: SpooledFile]) async -> [KalturaResult] {
    var results: [KalturaResult] = []
    for (key, subCall) in Multirequest.keyedSplit(call) {
      var subFiles: [String: SpooledFile] = [:]
      for (name, file) in files {
        if let own = Multirequest.fileName(name, forKey: key) { subFiles[own] = file }
      }
      var resolved = subCall
      resolved.params = Multirequest.resolveReferences(in: subCall.params, results: results)
      results.append(await handle(resolved, files: subFiles))
    }
    return results
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

/// Enum-typed filter fields: Kaltura's request deserializer refuses a value outside the enum
/// with `INVALID_ENUM_VALUE` (protocol notes §1.3) instead of matching nothing.
extension JSONObject {
  /// The values of `name` (a single `…Equal` value or a comma-separated `…In` list), each
  /// checked against `allowed`; nil when the field is absent.
  func enumValues(_ name: String, allowed: Set<Int>, enumType: String) throws -> [Int]? {
    guard let raw = text(name) else { return nil }
    let items = name.hasSuffix("In") ? raw.split(separator: ",").map(String.init) : [raw]
    return try items.map { item in
      let trimmed = item.trimmingCharacters(in: .whitespaces)
      guard let value = Int(trimmed), allowed.contains(value) else {
        throw KalturaAPIError.invalidEnumValue(trimmed, parameter: name, enumType: enumType)
      }
      return value
    }
  }
}
