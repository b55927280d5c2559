import JSONValue
import KalturaWire
import Recipes
import Testing
import Walkthrough

@Suite struct RequestTests {
  @Test func bodyHoldsListedFieldsWithoutEmptyText() throws {
    let call = """
      {"method": "post", "path": "/service/media/action/add", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {"entry": {"type": "object", "properties": {
          "mediaType": {"default": 1}, "name": {}, "description": {"default": ""},
          "objectType": {"hidden": true, "default": "KalturaMediaEntry"}}}}}}]}
      """
    var engine = WalkthroughEngine(recipe: recipe([("Add", call)]), document: Shared.spec, credentials: testCredentials)
    engine.setValue("Demo", step: 0, path: "body.entry.name")
    let prepared = try engine.prepareRequest(step: 0)
    #expect(prepared.spec.method == "POST")
    #expect(prepared.spec.url.hasPrefix("http://127.0.0.1:9/api_v3/service/media/action/add?ks="))
    #expect(prepared.spec.url.hasSuffix("&format=1&partnerId=42"))
    let expected: JSONValue = ["entry": ["mediaType": 1, "name": "Demo", "objectType": "KalturaMediaEntry"]]
    #expect(prepared.spec.body == .json(expected))
    #expect(!prepared.displayURL.contains(testCredentials.ks!))
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func nonOperationParametersAreNeverSent() throws {
    let spec = try #require(Shared.spec)
    let upload = try #require(Shared.uploadRecipe)
    var engine = WalkthroughEngine(recipe: upload, document: spec, credentials: testCredentials)
    engine.setValue("12345", step: 4, path: "uiConf")
    engine.setValue("0_entry", step: 4, path: "body.entryId")
    let prepared = try engine.prepareRequest(step: 4)
    #expect(!prepared.spec.url.contains("uiConf"))
    #expect(prepared.spec.body == .json(["entryId": "0_entry"]))
  }

  @Test func fileParametersMakeAMultipartRequest() throws {
    let upload = try #require(Shared.uploadRecipe)
    for document in [Shared.spec, nil] {
      var engine = WalkthroughEngine(recipe: upload, document: document, credentials: testCredentials)
      engine.record(Exchange(method: "POST", url: "u", reply: ["id": "0_tok"], replyIsJSON: true, ok: true), step: 0)
      engine.setValue("/tmp/movie.mp4", step: 1, path: "fileData")
      let prepared = try engine.prepareRequest(step: 1)
      let query = prepared.spec.url.split(separator: "?").last.map { FormEncoding.decode($0) } ?? []
      #expect(query.map(\.0) == ["ks", "format", "partnerId", "uploadTokenId", "resume", "finalChunk", "resumeAt"])
      #expect(query.first { $0.0 == "uploadTokenId" }?.1 == "0_tok")
      #expect(query.first { $0.0 == "resume" }?.1 == "false")
      #expect(query.first { $0.0 == "resumeAt" }?.1 == "-1")
      let parts: [MultipartPart] = [
        .file(
          name: "fileData", path: "/tmp/movie.mp4", filename: "movie.mp4", contentType: "application/octet-stream",
          range: nil)
      ]
      #expect(prepared.spec.body == .multipart(parts))
      #expect(
        prepared.upload == UploadIntent(uploadTokenID: "0_tok", filePath: "/tmp/movie.mp4", fileName: "movie.mp4"))
    }
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func noSessionOperationsSendNoKSAndOthersNeedOne()
    throws
  {
    let spec = try #require(Shared.spec)
    let start =
      #"{"method": "post", "path": "/service/session/action/start", "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"secret": {"fromSecrets": true}}}}]}"#
    let list = #"{"method": "post", "path": "/service/media/action/list", "parameters": []}"#
    var credentials = testCredentials
    credentials.ks = nil
    let engine = WalkthroughEngine(
      recipe: recipe([("Start", start), ("List", list)]), document: spec, credentials: credentials)
    let prepared = try engine.prepareRequest(step: 0)
    #expect(!prepared.spec.url.contains("ks="))
    #expect(prepared.spec.body == .json(["secret": "s3cr3t-admin"]))
    #expect(prepared.displayBody == ["secret": "********"])
    #expect(throws: RequestBuildError.needsSession(step: 1, operation: "media.list")) {
      try engine.prepareRequest(step: 1)
    }
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func anExplicitKSAnswerReplacesTheSession() throws {
    let spec = try #require(Shared.spec)
    let call = #"{"method": "post", "path": "/service/apptoken/action/startSession", "parameters": [{"name": "ks"}]}"#
    var engine = WalkthroughEngine(recipe: recipe([("Start", call)]), document: spec, credentials: testCredentials)
    engine.setValue("widget-ks-value", step: 0, path: "ks")
    let url = try engine.prepareRequest(step: 0).spec.url
    #expect(url.contains("ks=widget-ks-value"))
    #expect(!url.contains(testCredentials.ks!))
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func collapsedObjectsAreSentOnlyWhenGivenAValue()
    throws
  {
    let spec = try #require(Shared.spec)
    let call = """
      {"method": "post", "path": "/service/media/action/list", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {"filter": {"type": "object", "properties": {
          "freeText": {"default": ""},
          "advancedSearch": {"type": "object", "properties": {
            "objectType": {"hidden": true, "default": "KalturaSearchOperator"}, "type": {"hidden": true, "default": 1}}}}}}}}]}
      """
    var engine = WalkthroughEngine(recipe: recipe([("List", call)]), document: spec, credentials: testCredentials)
    // `filter` (one level below the body) starts expanded, so it is sent, empty; `advancedSearch`
    // (two levels below) starts collapsed and is not.
    #expect(try engine.prepareRequest(step: 0).spec.body == .json(["filter": [:]]))
    engine.setValue(2, step: 0, path: "body.filter.advancedSearch.type")
    let expected: JSONValue = ["filter": ["advancedSearch": ["objectType": "KalturaSearchOperator", "type": 2]]]
    #expect(try engine.prepareRequest(step: 0).spec.body == .json(expected))
  }

  @Test func anEmptyFirstLevelObjectIsStillSent() throws {
    let call = """
      {"method": "post", "path": "/service/media/action/add", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {"entry": {"type": "object", "properties": {
          "mediaType": {}, "name": {}}}}}}]}
      """
    var engine = WalkthroughEngine(recipe: recipe([("Add", call)]), document: Shared.spec, credentials: testCredentials)
    #expect(try engine.prepareRequest(step: 0).spec.body == .json(["entry": [:]]))
    engine.setValue("Demo", step: 0, path: "body.entry.name")
    #expect(try engine.prepareRequest(step: 0).spec.body == .json(["entry": ["name": "Demo"]]))
  }

  @Test func stepsWithoutACallSendNothing() {
    let engine = WalkthroughEngine(recipe: recipe([("Prose", nil)]), document: nil, credentials: testCredentials)
    #expect(throws: RequestBuildError.noRequest(step: 0)) { try engine.prepareRequest(step: 0) }
  }

  @Test func serviceURLsGainAPIV3Once() {
    #expect(ServiceCredentials(serviceURL: "https://www.kaltura.com").apiBaseURL == "https://www.kaltura.com/api_v3")
    #expect(ServiceCredentials(serviceURL: "https://h/api_v3/").apiBaseURL == "https://h/api_v3")
  }
}
