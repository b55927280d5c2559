import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// For every filter property of every generic CRUD service's filter class: on a generated
/// dataset, the sandbox's SQL answers what this reference implementation of Kaltura's filter
/// grammar says, or refuses the property with SANDBOX_FILTER_NOT_SUPPORTED; never "everything".
@Suite struct FilterGrammarPropertyTests {
  /// Varied writable values per seed, so filters have something to tell apart.
  static func generated(_ model: SpecClass, seed: Int) -> JSONObject {
    var object = JSONObject([("objectType", .string(model.name))])
    for property in model.properties where !property.isReadOnly && property.name != "objectType" {
      if let values = property.enumValues, !values.isEmpty {
        object[property.name] = values[seed % values.count]
        continue
      }
      switch property.type {
      case "integer" where property.isTime: object[property.name] = .int(1_700_000_000 + (seed * 7 % 5) * 1000)
      case "integer": object[property.name] = .int((seed * 7) % 5)
      case "number": object[property.name] = .double(Double(seed % 3) + 0.5)
      case "boolean": object[property.name] = .bool(seed % 2 == 0)
      case "string": object[property.name] = .string("\(property.name)-\(seed % 3)-v\(seed)")
      default: continue
      }
    }
    return object
  }

  /// A value as SQLite compares it: numbers as numbers, booleans as 0/1, the rest as text.
  enum Comparable: Equatable {
    case number(Double), text(String)

    init?(_ value: JSONValue?) {
      switch value {
      case .int(let i)?: self = .number(Double(i))
      case .double(let d)?: self = .number(d)
      case .bool(let b)?: self = .number(b ? 1 : 0)
      case .string(let s)?: self = .text(s)
      default: return nil
      }
    }

    static func parse(_ text: String, type: String) -> Comparable {
      switch type {
      case "integer", "number": return .number(Double(text) ?? 0)
      case "boolean": return .number(["1", "true"].contains(text.lowercased()) ? 1 : 0)
      default: return .text(text)
      }
    }

    static func < (a: Comparable, b: Comparable) -> Bool {
      switch (a, b) {
      case (.number(let x), .number(let y)): return x < y
      case (.text(let x), .text(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
      // SQLite orders every number before every text.
      case (.number, .text): return true
      case (.text, .number): return false
      }
    }

    var text: String {
      switch self {
      case .number(let d): return d.rounded() == d ? String(Int(d)) : String(d)
      case .text(let s): return s
      }
    }
  }

  /// The reference: does `object` match `op` on `field` with the filter text?
  static func matches(_ object: JSONObject, field: String, type: String, op: FilterOperator, text: String) -> Bool {
    let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let value = Comparable(object[field])
    let lowered = value?.text.lowercased()
    let probe = Comparable.parse(text, type: type)
    switch op {
    case .equal: return value == probe
    case .notEqual: return value == nil || value != probe
    case .in: return value.map { v in items.contains { Comparable.parse($0, type: type) == v } } ?? false
    case .notIn: return value.map { v in !items.contains { Comparable.parse($0, type: type) == v } } ?? true
    case .like: return lowered?.contains(text.lowercased()) ?? false
    case .startsWith: return lowered?.hasPrefix(text.lowercased()) ?? false
    case .multiLikeOr, .matchOr: return lowered.map { l in items.contains { l.contains($0.lowercased()) } } ?? false
    case .multiLikeAnd, .matchAnd: return lowered.map { l in items.allSatisfy { l.contains($0.lowercased()) } } ?? false
    case .greaterThanOrEqual: return value.map { !($0 < probe) } ?? false
    case .lessThanOrEqual: return value.map { !(probe < $0) } ?? false
    case .greaterThan: return value.map { probe < $0 } ?? false
    case .lessThan: return value.map { $0 < probe } ?? false
    case .greaterThanOrEqualOrNull: return value.map { !($0 < probe) } ?? true
    case .lessThanOrEqualOrNull: return value.map { !(probe < $0) } ?? true
    }
  }

  /// A filter value that selects some of the dataset for `op`.
  static func probe(_ dataset: [JSONObject], field: String, op: FilterOperator, property: SpecProperty) -> String {
    let values = dataset.compactMap { Comparable($0[field])?.text }
    guard let first = values.first else {
      return property.enumValues?.first?.displayText ?? (property.type == "string" ? "x" : "1")
    }
    let second = values.dropFirst().first { $0 != first } ?? first
    switch op {
    case .in, .notIn, .multiLikeOr, .matchOr: return "\(first),\(second)"
    case .multiLikeAnd, .matchAnd: return "\(first.prefix(4)),\(first.suffix(2))"
    case .startsWith: return String(first.prefix(3))
    case .like: return String(first.dropFirst(1).prefix(5))
    default: return values.sorted()[values.count / 2]
    }
  }

  @Test func everyFilterPropertyAnswersAsTheReferenceOrIsRefused() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let core = h.server.core
      var failures: [String] = []
      var checked = 0
      var refused = 0
      var spaces: [String: [JSONObject]] = [:]
      func call(_ service: String, _ action: String, _ params: [(String, JSONValue)]) async -> KalturaResult {
        await core.handle(
          KalturaCall(service: service, action: action, params: JSONObject(params + [("ks", .string(ks))])), files: [:])
      }
      for shape in GenericCRUDPropertyTests.crudServices(core) {
        guard let model = GenericCRUDPropertyTests.concrete(shape.className), let filterName = shape.filterClass,
          let filterClass = GenericCRUDPropertyTests.concrete(filterName)
        else { continue }
        let s = shape.service
        var dataset: [JSONObject] = []
        for seed in 0..<6 {
          var object = Self.generated(model, seed: seed)
          if shape.keyProperties == ["id"] { object["id"] = nil }
          for key in shape.keyProperties where key != "id" {
            object[key] = model.property(key)?.type == "integer" ? .int(seed + 1) : .string("\(key)-\(seed)")
          }
          var params: [(String, JSONValue)] = [(shape.addObjectParameter, .object(object))]
          for extra in shape.addExtras {
            params.append((extra, model.property(extra)?.enumValues?.first ?? .string("0_entry\(seed % 2)")))
          }
          if let add = SandboxSpec.operation(service: s, action: "add") {
            for p in ParameterCheck.declared(add) where p.required && p.name != shape.addObjectParameter {
              params.append((p.name, .string("value-\(seed)")))
            }
          }
          switch await call(s, "add", params) {
          case .success(let added): dataset.append(added.objectValue ?? JSONObject())
          case .failure(let error): failures.append("\(s).add: \(error)")
          }
        }
        guard dataset.count == 6 else { continue }
        // Services whose classes share a root share the objects (an annotation is a cue point).
        spaces[shape.space, default: []] += dataset
        let listed = SandboxSpec.classes[shape.className]?.subclasses.union([shape.className]) ?? []
        let spaceData = spaces[shape.space, default: []].filter {
          listed.contains($0["objectType"]?.stringValue ?? "")
        }
        let keyOf = { (o: JSONObject) in shape.keyProperties.map { o[$0]?.displayText ?? "" }.joined(separator: "|") }
        for property in filterClass.properties where !["objectType", "orderBy"].contains(property.name) {
          guard property.type != "object", property.type != "array" else { continue }
          let parsed = FilterOperator.parse(property.name)
          let fieldProperty = parsed.flatMap { p in
            model.property(p.field)
              ?? model.subclasses.sorted().lazy.compactMap { SandboxSpec.classes[$0]?.property(p.field) }.first
          }
          let text: String
          if let parsed, let fieldProperty {
            text = Self.probe(spaceData, field: parsed.field, op: parsed.op, property: fieldProperty)
          } else {
            text = "1"
          }
          let filter = JSONObject([("objectType", .string(filterClass.name)), (property.name, .string(text))])
          let reply = await call(s, "list", [("filter", .object(filter)), ("pager", ["pageSize": 500])])
          guard let parsed, let fieldProperty, !["object", "array"].contains(fieldProperty.type) else {
            if case .failure(let error) = reply, error.code == "SANDBOX_FILTER_NOT_SUPPORTED" {
              refused += 1
            } else {
              failures.append("\(s) \(property.name)=\(text): expected a refusal, got \(reply)")
            }
            continue
          }
          switch reply {
          case .failure(let error) where error.code == "INVALID_ENUM_VALUE" && property.enumValues != nil:
            // An `…Equal` whose own enum is narrower than the object field's.
            refused += 1
          case .failure(let error):
            failures.append("\(s) \(property.name)=\(text): \(error)")
          case .success(let list):
            let got = Set((list["objects"]?.arrayValue ?? []).compactMap { $0.objectValue.map(keyOf) })
            let expected = Set(
              spaceData.filter {
                Self.matches($0, field: parsed.field, type: fieldProperty.type, op: parsed.op, text: text)
              }.map(keyOf))
            if got != expected {
              failures.append("\(s) \(property.name)=\(text): got \(got.sorted()), expected \(expected.sorted())")
            }
            checked += 1
          }
        }
      }
      #expect(checked > 500, "filter properties checked against the reference: \(checked)")
      #expect(refused > 0)
      #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
  }
}
