import JSONValue
import Testing

@testable import Samples

@Suite struct SampleCodeGeneratorTests {
  let mediaAdd = SampleCodeRequest(
    serviceURL: "https://www.kaltura.com/api_v3", service: "media", action: "add",
    parameters: [
      SampleParameter(name: "entry", value: ["mediaType": 1, "name": "My \"clip\""], className: "KalturaMediaEntry")
    ], partnerID: 100)

  let upload = SampleCodeRequest(
    serviceURL: "http://127.0.0.1:8080/api_v3/", service: "uploadToken", action: "upload",
    parameters: [
      SampleParameter(name: "uploadTokenId", value: "1_tok"),
      SampleParameter(name: "fileData", value: nil, isFile: true),
      SampleParameter(name: "resume", value: false),
    ], partnerID: 7)

  @Test func pythonBuildsObjectsAndCallsTheService() throws {
    let code = try #require(SampleCodeGenerator.generate(language: "python", request: mediaAdd))
    #expect(
      code.hasSuffix(
        """
        entry = KalturaMediaEntry()
        entry.mediaType = 1
        entry.name = "My \\"clip\\""

        result = client.media.add(entry)
        print(result)
        """))
    #expect(code.contains("config.serviceUrl = \"https://www.kaltura.com/\""))
    #expect(code.contains("\"YOUR_KALTURA_SECRET\""))
  }

  @Test func curlUsesBracketKeysAndMultipartForFiles() throws {
    let add = try #require(SampleCodeGenerator.generate(language: "curl", request: mediaAdd))
    #expect(add.contains("curl -X POST \"https://www.kaltura.com/api_v3/service/media/action/add\""))
    #expect(add.contains("--data-urlencode 'entry[mediaType]=1'"))
    #expect(add.contains("--data-urlencode 'entry[objectType]=KalturaMediaEntry'"))
    #expect(add.contains("--data-urlencode 'entry[name]=My \"clip\"'"))
    #expect(add.contains("-d \"ks=$KALTURA_KS\""))
    let chunk = try #require(SampleCodeGenerator.generate(language: "curl", request: upload))
    #expect(chunk.contains("-F \"fileData=@\"'/path/to/your/fileData'"))
    #expect(chunk.contains("-F 'resume=0'"))
    #expect(chunk.contains("\"http://127.0.0.1:8080/api_v3/service/uploadtoken/action/upload\""))
  }

  @Test func rubyAndPhpAndNodeNameServicesTheirWay() throws {
    let ruby = try #require(SampleCodeGenerator.generate(language: "ruby", request: upload))
    #expect(
      ruby.contains("result = client.upload_token_service.upload('1_tok', File.open('/path/to/your/fileData'), false)"))
    let php = try #require(SampleCodeGenerator.generate(language: "php", request: mediaAdd))
    #expect(php.contains("$entry = new KalturaMediaEntry();\n$entry->mediaType = 1;"))
    #expect(php.contains("$result = $client->media->add($entry);"))
    let node = try #require(SampleCodeGenerator.generate(language: "node", request: mediaAdd))
    #expect(node.contains("let entry = new kaltura.objects.MediaEntry();"))
    #expect(node.contains("kaltura.services.media.add(entry)"))
  }

  @Test func nestedObjectTypesBecomeClasses() throws {
    let addContent = SampleCodeRequest(
      serviceURL: "https://www.kaltura.com/api_v3", service: "media", action: "addContent",
      parameters: [
        SampleParameter(name: "entryId", value: "0_abc"),
        SampleParameter(
          name: "resource", value: ["objectType": "KalturaUploadedFileTokenResource", "token": "1_tok"],
          className: "KalturaResource"),
      ])
    let code = try #require(SampleCodeGenerator.generate(language: "python", request: addContent))
    #expect(code.contains("resource = KalturaUploadedFileTokenResource()\nresource.token = \"1_tok\""))
    #expect(code.contains("client.media.addContent(\"0_abc\", resource)"))
    #expect(code.contains("YOUR_PARTNER_ID"))
  }

  @Test func sessionlessOperationsSkipTheSessionStart() throws {
    var request = mediaAdd
    request.requiresSession = false
    let code = try #require(SampleCodeGenerator.generate(language: "python", request: request))
    #expect(!code.contains("session.start"))
  }

  @Test func unknownLanguagesHaveNoGenerator() {
    #expect(SampleCodeGenerator.generate(language: "cobol", request: mediaAdd) == nil)
  }
}
