import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// For every service of the OVP spec the generic engine owns: add → get → list by `idEqual` →
/// update → delete round-trips with an object generated from the spec's class.
@Suite struct GenericCRUDPropertyTests {
  /// Every service with a CRUD shape that no hand-written family owns.
  static func crudServices(_ core: SandboxCore) -> [CRUDShape] {
    SandboxSpec.services.sorted().compactMap { service in
      guard core.kind(of: KalturaCall(service: service, action: "add")) == .crud else { return nil }
      return GenericCRUD.shapes[service]
    }
  }

  /// A valid object of `model`: every writable scalar property with a value of its type.
  static func generated(_ model: SpecClass, seed: Int) -> JSONObject {
    var object = JSONObject([("objectType", .string(model.name))])
    for property in model.properties where !property.isReadOnly && property.name != "objectType" {
      switch property.type {
      case "integer": object[property.name] = property.enumValues?.first ?? .int(seed + 3)
      case "number": object[property.name] = .double(Double(seed) + 0.5)
      case "boolean": object[property.name] = .bool(true)
      case "string": object[property.name] = property.enumValues?.first ?? .string("\(property.name)-\(seed)")
      default: continue
      }
    }
    return object
  }

  static func concrete(_ name: String) -> SpecClass? {
    guard let model = SandboxSpec.classes[name] else { return nil }
    if !model.isAbstract { return model }
    return model.subclasses.sorted().compactMap { SandboxSpec.classes[$0] }.first { !$0.isAbstract }
  }

  @Test func everyCRUDServiceRoundTrips() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let core = h.server.core
      let shapes = Self.crudServices(core)
      // Services a hand-written family owns (thumbAsset, category, liveStream…) are tested there.
      #expect(shapes.count >= 34, "CRUD services found: \(shapes.count)")
      var failures: [String] = []
      func call(_ service: String, _ action: String, _ params: [(String, JSONValue)]) async -> KalturaResult {
        await core.handle(
          KalturaCall(service: service, action: action, params: JSONObject(params + [("ks", .string(ks))])), files: [:])
      }
      for (seed, shape) in shapes.enumerated() {
        let s = shape.service
        guard let model = Self.concrete(shape.className) else {
          failures.append("\(s): no concrete class for \(shape.className)")
          continue
        }
        var object = Self.generated(model, seed: seed)
        for key in shape.keyProperties where key == "id" && model.property("id")?.type == "integer" {
          object[key] = nil
        }
        var params: [(String, JSONValue)] = [(shape.addObjectParameter, .object(object))]
        for extra in shape.addExtras {
          params.append((extra, model.property(extra)?.enumValues?.first ?? .string("0_entry\(seed)")))
        }
        // Required parameters beside the object (`xsdData` of a metadata profile).
        if let add = SandboxSpec.operation(service: s, action: "add") {
          for parameter in ParameterCheck.declared(add)
          where parameter.required && parameter.name != shape.addObjectParameter {
            params.append((parameter.name, .string("value-\(seed)")))
          }
        }
        guard case .success(let added) = await call(s, "add", params) else {
          failures.append("\(s).add: \(await call(s, "add", params))")
          continue
        }
        #expect(added["objectType"]?.stringValue == model.name, "\(s)")
        let keyValues = shape.keyProperties.map { added[$0] ?? .null }
        if keyValues.contains(where: \.isNull) {
          failures.append("\(s).add: no key \(shape.keyProperties) in \(added)")
          continue
        }
        func keyed(_ action: String) -> [(String, JSONValue)] {
          zip(shape.keys[action] ?? [], keyValues).map { ($0.0.parameter, $0.1) }
        }
        let got = await call(s, "get", keyed("get"))
        if got != .success(added) { failures.append("\(s).get: \(got)") }

        var listParams: [(String, JSONValue)] = []
        if shape.keyProperties == ["id"], let filter = shape.filterClass,
          SandboxSpec.classes[filter]?.property("idEqual") != nil
        {
          listParams = [("filter", ["objectType": .string(filter), "idEqual": keyValues[0]])]
        }
        switch await call(s, "list", listParams) {
        case .success(let list):
          let ids = list["objects"]?.arrayValue?.map { $0["id"] } ?? []
          if list["totalCount"]?.intValue != 1 || (shape.keyProperties == ["id"] && ids != [keyValues[0]]) {
            failures.append("\(s).list: \(list)")
          }
        case .failure(let error): failures.append("\(s).list: \(error)")
        }

        let changed = model.properties.first { (property: SpecProperty) -> Bool in
          let writable = !property.isReadOnly && !property.isInsertOnly
          let freeText = property.type == "string" && property.enumValues == nil
          return writable && freeText && !shape.keyProperties.contains(property.name) && property.name != "objectType"
        }
        if let changed {
          let changes = JSONObject([("objectType", .string(model.name)), (changed.name, .string("changed"))])
          var update = keyed("update")
          update.append((shape.updateObjectParameter, .object(changes)))
          switch await call(s, "update", update) {
          case .success(let updated):
            if updated[changed.name]?.stringValue != "changed" { failures.append("\(s).update: \(updated)") }
          case .failure(let error): failures.append("\(s).update: \(error)")
          }
        }
        if case .failure(let error) = await call(s, "delete", keyed("delete")) {
          failures.append("\(s).delete: \(error)")
        }
        if case .success = await call(s, "get", keyed("get")) { failures.append("\(s): still there after delete") }
      }
      #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }
  }
}
