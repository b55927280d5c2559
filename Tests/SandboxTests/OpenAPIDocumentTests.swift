import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// `GET /api_v3/openapi.json` is Kaltura's whole OVP spec, each operation marked with how the
/// sandbox answers it.
@Suite struct OpenAPIDocumentTests {
  @Test func everyOperationOfTheOVPSpecIsServedAndMarked() async throws {
    try await Harness.with { h in
      let reply = try await h.get(h.server.baseURL + "/openapi.json")
      #expect(reply.status == 200)
      let document = try JSONValue(parsing: reply.body)
      #expect(document["swagger"]?.stringValue == "2.0")
      #expect(document["basePath"]?.stringValue == "/api_v3")
      #expect(document["host"]?.stringValue == String(h.origin.dropFirst("http://".count)))
      let paths = try #require(document["paths"]?.objectValue)
      #expect(paths.count == SandboxSpec.document.paths.count)
      #expect(paths.count >= 874, "the full OVP spec, not a trimmed one")
      var marks: [String: String] = [:]
      for member in paths {
        let operation = try #require(member.value["post"], "\(member.key) has no post")
        let mark = try #require(operation["x-sandbox"]?.stringValue, "\(member.key) unmarked")
        #expect(["implemented", "crud", "synthesized"].contains(mark))
        marks[operation["operationId"]?.stringValue ?? ""] = mark
      }
      // The hand-written families are marked as such…
      for (service, actions) in h.server.core.services where SandboxSpec.services.contains(service) {
        for action in actions.keys {
          guard let id = SandboxSpec.operation(service: service, action: action)?.operationID else { continue }
          #expect(marks[id] == "implemented", "\(id)")
        }
      }
      // …the stateful engine's CRUD and the made-up replies too.
      #expect(marks["accessControlProfile.add"] == "crud")
      #expect(marks["accessControlProfile.list"] == "crud")
      #expect(marks["media.approve"] == "synthesized")
      #expect(marks["uiConf.clone"] == "synthesized", "uiConf's storage belongs to its family")
      #expect(document.value(atPath: "paths./service/session/action/start.post.security")?.arrayValue == [])
    }
  }

  @Test func theInProcessDocumentIsTheServedOne() async throws {
    try await Harness.with { h in
      let served = try JSONValue(parsing: try await h.get(h.server.baseURL + "/openapi.json").body)
      let inProcess = try h.server.openAPIDocument()
      #expect(inProcess.raw == served)
      #expect(inProcess.host == String(h.origin.dropFirst("http://".count)))
      #expect(inProcess.paths.count >= 874)
    }
  }

  @Test func errorsKeepKalturasMessagesAndDeclareTheSandboxsOwn() async throws {
    try await Harness.with { h in
      let document = try JSONValue(parsing: try await h.get(h.server.baseURL + "/openapi.json").body)
      let errors = try #require(document["x-errors"]?.arrayValue)
      var messages: [String: String] = [:]
      for error in errors {
        if let code = error["code"]?.stringValue { messages[code] = error["message"]?.stringValue }
      }
      for (code, template) in KalturaAPIError.catalog {
        guard let declared = messages[code] else { continue }
        #expect(declared == template.message, "\(code) message")
      }
      for (code, template) in SandboxErrors.supplement {
        #expect(messages[code] == template.message, "\(code) not declared with its message")
      }
      #expect(messages["UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"] != nil)
    }
  }

  @Test func entryClassesAreTheSpecsBaseEntrySubclasses() throws {
    let base = try #require(SandboxSpec.classes["KalturaBaseEntry"])
    for type in EntryType.supported {
      #expect(base.subclasses.contains(EntryType.className(type)), "\(EntryType.className(type))")
    }
    #expect(SandboxSpec.classes["KalturaCuePoint"]?.isAbstract == true)
    #expect(SandboxSpec.classes["KalturaMediaEntry"]?.property("mediaType")?.isInsertOnly == true)
    #expect(SandboxSpec.classes["KalturaMediaEntry"]?.property("createdAt")?.isReadOnly == true)
    #expect(SandboxSpec.classes["KalturaAnnotation"]?.root == "KalturaCuePoint")
  }
}
