import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// `GET /api_v3/openapi.json` describes exactly what the sandbox implements.
@Suite struct OpenAPIDocumentTests {
  @Test func operationsAreExactlyTheSandboxsActions() async throws {
    try await Harness.with { h in
      let reply = try await h.get(h.server.baseURL + "/openapi.json")
      #expect(reply.status == 200)
      let document = try JSONValue(parsing: reply.body)
      #expect(document["swagger"]?.stringValue == "2.0")
      #expect(document["basePath"]?.stringValue == "/api_v3")
      #expect(document["host"]?.stringValue == String(h.origin.dropFirst("http://".count)))

      var documented: Set<String> = []
      for path in document["paths"]?.objectValue?.keys ?? [] {
        let parts = path.split(separator: "/")
        try #require(parts.count == 4 && parts[0] == "service" && parts[2] == "action", "odd path \(path)")
        documented.insert("\(parts[1]).\(parts[3])".lowercased())
      }
      var implemented: Set<String> = []
      for (service, actions) in h.server.core.services {
        for action in actions.keys { implemented.insert("\(service).\(action)") }
      }
      #expect(documented == implemented)
      // Only the global parameters the operations use.
      let globals = Set(document["parameters"]?.objectValue?.keys ?? [])
      #expect(globals == ["ks", "format", "clientTag", "partnerId", "responseProfile"])
      // session.start and system.ping need no KS.
      #expect(document.value(atPath: "paths./service/session/action/start.post.security")?.arrayValue == [])
    }
  }

  @Test func filtersOrdersAndEnumsAreTheOnesTheListsHonour() throws {
    let document = try JSONValue(parsing: SandboxOpenAPI().document(host: "h:1"))
    let definitions = try #require(document["definitions"]?.objectValue)
    func properties(_ name: String) -> [String: JSONValue] {
      guard let definition = definitions[name] else { return [:] }
      var out: [String: JSONValue] = [:]
      for parent in definition["allOf"]?.arrayValue ?? [] {
        if let ref = parent["$ref"]?.stringValue {
          out.merge(properties(String(ref.split(separator: "/").last ?? "")), uniquingKeysWith: { $1 })
        }
      }
      for member in definition["properties"]?.objectValue ?? JSONObject() { out[member.key] = member.value }
      return out
    }
    let families: [(String, Set<String>, Set<String>)] = [
      (
        "KalturaMediaEntryFilter", SandboxFilters.entry,
        Set(SandboxCore.entryOrders.keys).union(SandboxCore.neutralOrders)
      ),
      (
        "KalturaBaseEntryFilter", SandboxFilters.baseEntry,
        Set(SandboxCore.entryOrders.keys).union(SandboxCore.neutralOrders)
      ),
      ("KalturaUploadTokenFilter", SandboxFilters.uploadToken, SandboxFilters.uploadTokenOrders),
      ("KalturaUiConfFilter", SandboxFilters.uiConf, SandboxFilters.uiConfOrders),
    ]
    for (filter, fields, orders) in families {
      let declared = properties(filter)
      #expect(Set(declared.keys).subtracting(["objectType", "orderBy"]) == fields, "\(filter) fields")
      let orderValues = Set(declared["orderBy"]?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      #expect(!orderValues.isEmpty && orderValues.isSubset(of: orders), "\(filter) orderBy")
      let labels = declared["orderBy"]?["x-enumLabels"]?.arrayValue ?? []
      #expect(labels.count == orderValues.count, "\(filter) orderBy labels")
    }
    // Enums carry Kaltura's labels, e.g. the entry statuses the sandbox reports.
    let statuses = document.value(atPath: "x-enums.KalturaEntryStatus.oneOf")?.arrayValue ?? []
    let titles = Dictionary(
      uniqueKeysWithValues: statuses.compactMap { item -> (String, String)? in
        guard let value = item["enum"]?[0]?.stringValue, let title = item["title"]?.stringValue else { return nil }
        return (value, title)
      })
    for status in [EntryStatus.noContent, .importing, .pending, .preconvert, .ready, .deleted] {
      #expect(titles[String(status.rawValue)] != nil, "entry status \(status)")
    }
    #expect(titles["2"] == "READY")
  }

  @Test func errorsAreTheCatalogsWithKalturasMessages() throws {
    let document = try JSONValue(parsing: SandboxOpenAPI().document(host: "h:1"))
    let errors = try #require(document["x-errors"]?.arrayValue)
    let codes = Set(errors.compactMap { $0["code"]?.stringValue })
    #expect(codes.contains("UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"))
    #expect(codes.contains("INVALID_KS"))
    #expect(
      !codes.contains("CANNOT_RETRIEVE_ANOTHER_USER_USING_NON_ADMIN_SESSION"), "an error the sandbox never raises")
    for error in errors {
      let code = error["code"]?.stringValue ?? ""
      let message = KalturaAPIError.catalog[code]?.message ?? SandboxErrors.supplement[code]?.message
      #expect(message != nil, "\(code) is in neither KalturaAPIError.catalog nor SandboxErrors.supplement")
      #expect(message == error["message"]?.stringValue, "\(code) message")
    }
    // Errors the sandbox raises beyond the catalog are declared too.
    for code in SandboxErrors.supplement.keys { #expect(codes.contains(code), "\(code) not declared") }
  }

  @Test func entryTypesAreTheOnesTheSandboxCreates() throws {
    let document = try JSONValue(parsing: SandboxOpenAPI().document(host: "h:1"))
    let body = document.value(atPath: "paths./service/baseentry/action/addFromUploadedFile.post.parameters")?
      .arrayValue?.first { $0["in"]?.stringValue == "body" }
    let type = try #require(body?["schema"]?["properties"]?["type"])
    let values = Set(type["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    #expect(values == Set((EntryType.supported.union([EntryType.automatic])).map(String.init)))
    #expect(type["x-enumLabels"]?.arrayValue?.count == values.count)
    #expect(body?["schema"]?["required"]?.arrayValue == ["entry", "uploadTokenId"])
    // Entries are answered as one of these classes, all declared as KalturaBaseEntry subclasses.
    let subclasses =
      document.value(atPath: "definitions.KalturaBaseEntry.anyOf")?.arrayValue?
      .compactMap { $0["$ref"]?.stringValue?.split(separator: "/").last.map(String.init) } ?? []
    for type in EntryType.supported {
      let className = EntryType.className(type)
      #expect(subclasses.contains(className), "\(className)")
      #expect(document["definitions"]?[className] != nil, "\(className) defined")
    }
  }
}
