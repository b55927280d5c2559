import APISchema
import JSONValue
import Testing

private let miniSpec = """
  {
    "swagger": "2.0", "host": "example.com", "basePath": "/api_v3",
    "security": [{"ks": []}],
    "parameters": {
      "ks": {"in": "query", "name": "ks", "type": "string", "x-global": true},
      "clientTag": {"in": "query", "name": "clientTag", "type": "string", "x-hidden": true}
    },
    "paths": {
      "/service/media/action/get": {"post": {
        "operationId": "media.get",
        "parameters": [
          {"$ref": "#/parameters/ks"}, {"$ref": "#/parameters/clientTag"},
          {"in": "body", "name": "body", "schema": {"type": "object", "properties": {
            "entryId": {"type": "string", "x-dynamicEnum": {"path": "/service/media/action/list"}},
            "version": {"type": "integer", "default": -1}}}}
        ]}},
      "/service/session/action/start": {"post": {"operationId": "session.start", "security": [],
        "parameters": [{"in": "query", "name": "type", "type": "integer", "enum": [0, 2],
          "x-enumLabels": ["USER", "ADMIN"], "default": 0}]}},
      "/service/uploadToken/action/upload": {"post": {"operationId": "uploadToken.upload",
        "parameters": [{"in": "formData", "name": "fileData", "type": "file", "required": true}]}}
    },
    "definitions": {
      "Base": {"properties": {"id": {"type": "string"}, "kind": {"$ref": "#/definitions/Kind"}}},
      "Entry": {"allOf": [{"$ref": "#/definitions/Base"}], "anyOf": [{"$ref": "#/definitions/Media"}],
        "properties": {"name": {"type": "string"}}},
      "Media": {"allOf": [{"$ref": "#/definitions/Entry"}], "properties": {"mediaType": {"type": "integer"}}},
      "Kind": {"type": "string", "enum": ["a", "b"]}
    },
    "x-enums": {"KalturaSessionType": {"oneOf": [{"enum": [0], "title": "USER"}, {"enum": [2], "title": "ADMIN"}]}}
  }
  """

@Test func operationsAreFoundByMethodPathAndID() throws {
  let document = try APIDocument(text: miniSpec)
  #expect(document.host == "example.com")
  #expect(document.basePath == "/api_v3")
  #expect(document.defaultServiceURL() == "https://example.com/api_v3")
  let get = try #require(document.operation(method: "POST", path: "/service/media/action/get"))
  #expect(get.operationID == "media.get")
  #expect(get.requiresSession)
  #expect(get.parameters.map(\.name) == ["ks", "clientTag", "body"])
  #expect(get.parameters[0].isGlobal)
  #expect(get.parameters[1].isHidden)
  #expect(get.bodyParameter?.schema?["properties"]?["entryId"] != nil)
  #expect(document.operation(id: "session.start")?.path == "/service/session/action/start")
  #expect(document.operation(method: "get", path: "/service/media/action/get") == nil)
  #expect(document.operation(method: "post", path: "/nope") == nil)
}

@Test func pathLookupIgnoresServiceCase() throws {
  let document = try APIDocument(text: miniSpec)
  let upload = try #require(document.operation(method: "post", path: "/service/uploadtoken/action/upload"))
  #expect(upload.operationID == "uploadToken.upload")
  #expect(upload.parameters.first?.location == .formData)
  #expect(upload.parameters.first?.type == "file")
  #expect(upload.parameters.first?.isRequired == true)
}

@Test func emptySecurityMeansNoSession() throws {
  let document = try APIDocument(text: miniSpec)
  let start = try #require(document.operation(id: "session.start"))
  #expect(!start.requiresSession)
  let type = try #require(start.parameter(named: "type"))
  #expect(type.enumValues == [0, 2])
  #expect(type.enumLabels == ["USER", "ADMIN"])
  #expect(type.defaultValue == 0)
}

@Test func propertiesAreFoundThroughAllOfAndAnyOf() throws {
  let document = try APIDocument(text: miniSpec)
  let entry: JSONValue = ["$ref": "#/definitions/Entry"]
  #expect(document.property(named: "name", in: entry)?["type"] == "string")
  #expect(document.property(named: "id", in: entry)?["type"] == "string")
  // Only on the subtype:
  #expect(document.property(named: "mediaType", in: entry)?["type"] == "integer")
  // A property that is itself a $ref comes back resolved.
  #expect(document.property(named: "kind", in: entry)?["enum"] == ["a", "b"])
  #expect(document.property(named: "missing", in: entry) == nil)
  #expect(document.allProperties(of: entry).keys == ["id", "kind", "name"])
  #expect(document.subtypeNames(of: entry) == ["Media"])
}

@Test func vendorEnumsAreLabelled() throws {
  let document = try APIDocument(text: miniSpec)
  let values = try #require(document.enumType(named: "KalturaSessionType"))
  #expect(values.map(\.label) == ["USER", "ADMIN"])
  #expect(values.map(\.value) == [0, 2])
}

@Test func badDocumentsAreRejectedClearly() {
  #expect(throws: APISchemaError.self) { try APIDocument(text: "[1,2]") }
  #expect(throws: APISchemaError.self) { try APIDocument(text: "{\"a\": 1}") }
  do {
    _ = try APIDocument(text: "{\"swagger\": ")
    Issue.record("expected a parse error")
  } catch {
    #expect(error.description.contains("invalid JSON"))
  }
}

@Test(.enabled(if: SharedData.specBytes != nil, "needs ../shared/data/ovp.openapi.json"))
func loadsTheKalturaOVPSpec() throws {
  let bytes = try #require(SharedData.specBytes)
  let document = try APIDocument(bytes: bytes)
  #expect(document.basePath == "/api_v3")
  let get = try #require(document.operation(method: "post", path: "/service/media/action/get"))
  #expect(get.operationID == "media.get")
  let getBody = try #require(get.bodyParameter?.schema)
  let entryID = document.property(named: "entryId", in: getBody)
  #expect(entryID?["x-dynamicEnum"]?["path"] == "/service/media/action/list")
  let add = try #require(document.operation(id: "media.add"))
  let addBody = try #require(add.bodyParameter?.schema)
  let entry = try #require(document.property(named: "entry", in: addBody))
  #expect(document.property(named: "mediaType", in: entry)?["x-enumLabels"] != nil)
  #expect(document.property(named: "name", in: entry)?["type"] == "string")
  #expect(document.operation(id: "session.start")?.requiresSession == false)
  #expect(document.operation(id: "uploadToken.upload")?.requiresSession == true)
}
