import Foundation
import JSONValue

/// The OpenAPI 2.0 document served at `/api_v3/openapi.json`: Kaltura's whole OVP spec
/// (`SandboxSpec`), with `host` set to where this server listens and each operation marked
/// `x-sandbox`: `implemented` (a hand-written family), `crud` (the generic stateful engine) or
/// `synthesized` (parameters checked, a schema-valid reply made up).
final class SandboxOpenAPI: Sendable {
  private let cache = BytesCache()

  /// The served bytes for `host` (`host:port`); built once per host, since the document is 2 MB.
  func document(host: String, kind: (_ service: String, _ action: String) -> ActionKind?) -> [UInt8] {
    if let hit = cache.bytes(for: host) { return hit }
    let bytes = Self.json(host: host, kind: kind).utf8Bytes
    cache.store(bytes, for: host)
    return bytes
  }

  /// The served document as a value, for `document` and for in-process callers
  /// (`SandboxServer.openAPIDocument`).
  static func json(host: String, kind: (_ service: String, _ action: String) -> ActionKind?) -> JSONValue {
    var root = SandboxSpec.document.raw.objectValue ?? JSONObject()
    root["host"] = .string(host)
    var paths = JSONObject()
    for member in root["paths"]?.objectValue ?? JSONObject() {
      let parts = member.key.split(separator: "/")
      guard parts.count == 4, case .object(var item) = member.value,
        let mark = kind(parts[1].lowercased(), parts[3].lowercased())
      else {
        paths[member.key] = member.value
        continue
      }
      for method in item.keys {
        guard case .object(var operation) = item[method] else { continue }
        operation["x-sandbox"] = .string(mark.rawValue)
        item[method] = .object(operation)
      }
      paths[member.key] = .object(item)
    }
    root["paths"] = .object(paths)
    // The sandbox's own errors (a filter it cannot evaluate…) are declared beside Kaltura's.
    var errors = root["x-errors"]?.arrayValue ?? []
    let declared = Set(errors.compactMap { $0["code"]?.stringValue })
    for (code, template) in SandboxErrors.supplement.sorted(by: { $0.key < $1.key }) where !declared.contains(code) {
      errors.append(["code": .string(code), "message": .string(template.message), "name": .string(code)])
    }
    root["x-errors"] = .array(errors)
    return .object(root)
  }
}

private final class BytesCache: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var host = ""
  private var bytes: [UInt8] = []

  func bytes(for host: String) -> [UInt8]? { lock.withLock { self.host == host && !bytes.isEmpty ? bytes : nil } }
  func store(_ bytes: [UInt8], for host: String) {
    lock.withLock {
      self.host = host
      self.bytes = bytes
    }
  }
}
