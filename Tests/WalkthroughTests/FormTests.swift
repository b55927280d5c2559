import APISchema
import JSONValue
import Recipes
import Testing
import Walkthrough

@Suite struct FormTests {
  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func uploadRecipeFormsFollowTheSpec() throws {
    let spec = try #require(Shared.spec)
    let recipe = try #require(Shared.uploadRecipe)
    let forms = FormBuilder(document: spec).forms(for: recipe)
    try #require(forms.count == 5)

    #expect(forms[0].operationID == "uploadToken.add")
    #expect(forms[0].fields.isEmpty)

    let upload = forms[1]
    #expect(upload.operationID == "uploadToken.upload")
    #expect(upload.fields.map(\.path) == ["uploadTokenId", "fileData", "resume", "finalChunk", "resumeAt"])
    let token = try #require(upload.field("uploadTokenId"))
    #expect(token.location == .query)
    #expect(token.isRequired)
    #expect(token.dynamicValue?.fromStep == 0)
    let file = try #require(upload.field("fileData"))
    #expect(file.kind == .file)
    #expect(file.location == .formData)
    let resume = try #require(upload.field("resume"))
    #expect(resume.kind == .enumeration)
    #expect(resume.choices.map(\.value) == [false, true])
    #expect(resume.choices.map(\.label) == ["false", "true"])
    #expect(upload.field("resumeAt")?.consoleDefault == -1)
    #expect(upload.field("resumeAt")?.kind == .number)

    let add = forms[2]
    let body = try #require(add.field("body"))
    #expect(body.kind == .object)
    #expect(body.children.map(\.path) == ["body.entry"])
    let entry = try #require(add.field("body.entry"))
    // Only the properties the recipe lists, merged with KalturaMediaEntry (found through allOf).
    #expect(entry.children.map(\.name) == ["mediaType", "name", "description"])
    let mediaType = try #require(add.field("body.entry.mediaType"))
    #expect(mediaType.kind == .enumeration)
    #expect(mediaType.choices.contains { $0.label == "VIDEO" && $0.value == 1 })
    #expect(add.field("body.entry.name")?.kind == .text)

    let attach = forms[3]
    #expect(attach.field("body.resource.objectType")?.consoleDefault == "KalturaUploadedFileTokenResource")
    #expect(attach.field("body.resource.token")?.type == "string")
    #expect(attach.field("body.entryId")?.dynamicValue?.fromStep == 2)

    let view = forms[4]
    let uiConf = try #require(view.field("uiConf"))
    #expect(!uiConf.isSent)
    #expect(uiConf.kind == .dynamicEnum)
    #expect(uiConf.dynamicEnum?.path == "/service/uiconf/action/list")
    let entryID = try #require(view.field("body.entryId"))
    #expect(entryID.isHidden)
    #expect(entryID.isSent)
    // The spec's own x-dynamicEnum gives the entry a picker; its x-inputType text wins the widget.
    #expect(entryID.dynamicEnum?.path == "/service/media/action/list")
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func absentParametersMeanEveryNonGlobalSpecParameter()
    throws
  {
    let spec = try #require(Shared.spec)
    let recipe = recipe([("Get", #"{"method": "post", "path": "/service/media/action/get"}"#)])
    let form = FormBuilder(document: spec).form(for: recipe.steps[0])
    let names = form.allFields.map(\.path)
    #expect(names.contains("body.entryId"))
    #expect(names.contains("body.version"))
    #expect(!names.contains("ks"))
    #expect(!names.contains("format"))
    #expect(form.field("clientTag")?.isHidden == true)
    #expect(form.field("body.version")?.defaultValue == -1)
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func emptyParametersMeanNoInputs() throws {
    let spec = try #require(Shared.spec)
    let recipe = recipe([("Add", #"{"method": "post", "path": "/service/uploadtoken/action/add", "parameters": []}"#)])
    #expect(FormBuilder(document: spec).form(for: recipe.steps[0]).fields.isEmpty)
  }

  @Test(.enabled(if: Shared.root != nil, "needs ../shared/data")) func recipeKeysWinAndAliasesApply() throws {
    let spec = try #require(Shared.spec)
    let call = """
      {"method": "post", "path": "/service/session/action/start", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {
          "secret": {"fromSecrets": true}, "type": {"x-consoleDefault": 2, "x-enumLabels": ["U", "A"]},
          "privileges": {"x-inputType": "textarea"}, "unknownThing": {"default": "x"}}}}]}
      """
    let form = FormBuilder(document: spec).form(for: recipe([("Start", call)]).steps[0])
    #expect(form.requiresSession == false)
    #expect(form.field("body.secret")?.kind == .password)
    #expect(form.field("body.secret")?.fromSecrets == true)
    #expect(form.field("body.secret")?.isRequired == true)
    let type = try #require(form.field("body.type"))
    #expect(type.consoleDefault == 2)
    #expect(type.choices.map(\.label) == ["U", "A"])
    #expect(form.field("body.privileges")?.kind == .textarea)
    let unknown = try #require(form.field("body.unknownThing"))
    #expect(!unknown.isEditable)
    #expect(form.notes.contains { $0.contains("body.unknownThing") })
  }

  @Test func withoutSpecFormsAreInferredFromTheRecipe() throws {
    let recipe = try #require(Shared.uploadRecipe)
    let forms = FormBuilder(document: nil).forms(for: recipe)
    #expect(forms[1].field("resume")?.kind == .enumeration)
    #expect(forms[1].field("resumeAt")?.kind == .integer)
    #expect(forms[1].field("fileData")?.kind == .file)
    #expect(forms[1].field("uploadTokenId")?.isSent == true)
    #expect(forms[2].field("body.entry.name")?.isEditable == true)
    #expect(forms[4].field("uiConf")?.isSent == false)
    #expect(forms[4].field("body.entryId")?.isHidden == true)
  }

  @Test func paramsOnlyStepsAreNeverSent() throws {
    let call =
      #"{"parameters": [{"name": "appTokenValue", "type": "string"}, {"name": "hashFunction", "default": "sha256"}]}"#
    let form = FormBuilder(document: Shared.spec).form(for: recipe([("Inputs", call)]).steps[0])
    #expect(!form.sendsRequest)
    #expect(form.fields.map(\.path) == ["appTokenValue", "hashFunction"])
    #expect(form.fields.allSatisfy { !$0.isSent })
    #expect(form.field("hashFunction")?.defaultValue == "sha256")
  }

  @Test func inputIsParsedPerWidget() throws {
    let integer = FormField(path: "n", kind: .integer)
    #expect(try integer.parseInput("12") == 12)
    #expect(throws: FieldInputError.self) { try integer.parseInput("x") }
    let choice = FormField(
      path: "t", kind: .enumeration,
      choices: [EnumChoice(value: 0, label: "USER"), EnumChoice(value: 2, label: "ADMIN")])
    #expect(try choice.parseInput("ADMIN") == 2)
    #expect(try choice.parseInput("0") == 0)
    #expect(throws: FieldInputError.self) { try choice.parseInput("7") }
    #expect(try FormField(path: "b", kind: .boolean).parseInput("true") == true)
    #expect(try FormField(path: "j", kind: .json).parseInput("{\"a\":1}") == ["a": 1])
  }
}
