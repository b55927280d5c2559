import JSONValue
import Recipes
import Testing

@Suite struct UploadRecipeTests {
  let recipe: Recipe

  init() throws { recipe = try Recipe.load(path: TestPaths.uploadRecipe) }

  @Test func titleMetadataAndCounts() {
    #expect(recipe.title == "Upload a Video")
    #expect(recipe.titleLine == 14)
    #expect(recipe.summary == "Learn how to upload a video to your video library")
    #expect(recipe.icon == "upload")
    #expect(recipe.sortOrder == 900)
    #expect(recipe.tags == ["uploadToken", "media"])
    #expect(recipe.description.hasPrefix("This recipe will walk you through"))
    #expect(recipe.diagnostics == [])
    #expect(recipe.steps.count == 5)
    #expect(recipe.apiCallCount == 5)
    #expect(recipe.finishText == nil)
    #expect(recipe.steps.map(\.index) == [0, 1, 2, 3, 4])
    #expect(
      recipe.steps.map(\.apiCall?.path) == [
        "/service/uploadtoken/action/add", "/service/uploadtoken/action/upload", "/service/media/action/add",
        "/service/media/action/addContent", "/service/media/action/get",
      ])
  }

  @Test func emptyParametersAreKept() throws {
    let first = recipe.steps[0]
    #expect(first.title == "Uploading Files - Create an Upload Token")
    #expect(first.parameters == [])
    #expect(first.apiCall?.method == "post")
    #expect(first.apiCall?.line == 25)
  }

  @Test func uploadStepParameters() throws {
    let upload = recipe.steps[1]
    #expect(upload.parameters?.map(\.name) == ["uploadTokenId", "fileData", "resume", "finalChunk", "resumeAt"])
    let token = try #require(upload.parameter(named: "uploadTokenId"))
    #expect(token.dynamicValue == DynamicValue(fromStep: 0, source: .value("id"), line: 84))
    let resume = try #require(upload.parameter(named: "resume"))
    #expect(resume.enumValues == [false, true])
    #expect(resume.enumLabels == ["false", "true"])
    #expect(upload.parameter(named: "finalChunk")?.enumValues == [true, false])
    let resumeAt = try #require(upload.parameter(named: "resumeAt"))
    #expect(resumeAt.consoleDefault == .int(-1))
    #expect(resumeAt.line == 115)
    #expect(upload.parameter(named: "fileData")?.raw == JSONObject([("name", "fileData")]))
  }

  @Test func bodySchemaKeepsOrderAndLinks() throws {
    let body = try #require(recipe.steps[3].parameter(named: "body"))
    #expect(body.location == "body")
    let schema = try #require(body.schema)
    #expect(schema.type == "object")
    #expect(schema.properties?.map(\.name) == ["resource", "entryId"])
    let objectType = try #require(schema.node(atPath: "resource.objectType"))
    #expect(objectType.consoleDefault == "KalturaUploadedFileTokenResource")
    #expect(objectType.raw["x-consoleDefault"] == "KalturaUploadedFileTokenResource")
    let token = try #require(schema.node(atPath: "resource.token"))
    #expect(token.type == "string")
    #expect(token.dynamicValue?.fromStep == 0)
    #expect(token.dynamicValue?.source == .value("id"))
    #expect(schema.node(atPath: "entryId")?.dynamicValue?.fromStep == 2)
    let mediaEntry = try #require(recipe.steps[2].parameter(named: "body")?.schema?.property("entry"))
    #expect(mediaEntry.properties?.map(\.name) == ["mediaType", "name", "description"])
  }

  @Test func dynamicEnumAndHiddenBody() throws {
    let last = recipe.steps[4]
    let uiConf = try #require(last.parameter(named: "uiConf"))
    let picker = try #require(uiConf.dynamicEnum)
    #expect(picker.path == "/service/uiconf/action/list")
    #expect(picker.method == "post")
    #expect(picker.array == "objects")
    #expect(picker.value == "id")
    #expect(picker.label == "name")
    #expect(picker.parameters == [.init(name: "body", value: "{\"filter\":{\"objTypeEqual\":1}}")])
    let body = try #require(last.parameter(named: "body"))
    #expect(body.hidden)
    #expect(body.schema?.property("entryId")?.hidden == true)
  }

  @Test func sampleCodeAndDemo() throws {
    let first = recipe.steps[0]
    #expect(first.sampleCode.map(\.id) == ["ajax", "node", "php", "ruby"])
    let ajax = try #require(first.sampleCode(id: "ajax"))
    #expect(!ajax.isAuto)
    #expect(ajax.language == "javascript")
    #expect(ajax.code.hasPrefix("$('input[name=\"fileData\"]').fileupload({"))
    #expect(ajax.code.hasSuffix("});"))
    #expect(first.sampleCode(id: "php")?.isAuto == true)
    #expect(first.sampleCode(id: "ruby")?.language == "ruby")
    let demo = try #require(recipe.steps[4].demo)
    #expect(demo.html.hasPrefix("<!DOCTYPE html>"))
    #expect(demo.html.hasSuffix("</html>"))
    #expect(demo.html.contains("<%- answers.partnerId  %>"))
    #expect(recipe.steps[0].demo == nil)
  }
}
