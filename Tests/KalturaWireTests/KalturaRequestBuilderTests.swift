import JSONValue
import Testing

@testable import KalturaWire

@Suite struct KalturaRequestBuilderTests {
  @Test func urlJoinsAndEncodes() {
    #expect(
      KalturaRequestBuilder.url(serviceURL: "https://x/api_v3/", path: "/service/a/action/b", query: [("q", "a b&c")])
        == "https://x/api_v3/service/a/action/b?q=a+b%26c")
    #expect(KalturaRequestBuilder.url(serviceURL: "https://x/api_v3", path: "") == "https://x/api_v3")
  }

  @Test func callHasExactJsonContentTypeAndCommonParams() throws {
    let spec = KalturaRequestBuilder.call(
      serviceURL: "http://h/api_v3", service: "media", action: "list",
      params: JSONObject([("filter", ["objectType": "KalturaMediaEntryFilter"])]), ks: "K", partnerID: 12)
    #expect(spec.url == "http://h/api_v3/service/media/action/list")
    #expect(spec.headers["Content-Type"] == "application/json")
    guard case .json(let body) = spec.body else {
      Issue.record("expected a JSON body")
      return
    }
    #expect(body["format"] == 1 && body["ks"] == "K" && body["partnerId"] == 12)
    // The server side reads back what the client side wrote.
    let call = try KalturaRequestDecoder.decode(
      target: "/api_v3/service/media/action/list", contentType: spec.headers["Content-Type"], body: body.utf8Bytes
    ).call
    #expect(call.ks == "K" && call.partnerID == 12 && call.object("filter") != nil)
  }

  @Test func uploadChunkPutsControlFieldsInTheQueryAndStreamsARange() throws {
    let job = ChunkedUploadJob(
      serviceURL: "http://h/api_v3", ks: "K", partnerID: 5, uploadTokenID: "0_t", filePath: "/tmp/v.mp4",
      fileName: "v.mp4")
    let range = FileRange(offset: 8, length: 4)
    let spec = KalturaRequestBuilder.uploadChunk(job, range: range, resume: true, finalChunk: false, resumeAt: 8)
    #expect(
      spec.url
        == "http://h/api_v3/service/uploadtoken/action/upload?uploadTokenId=0_t&resume=1&finalChunk=0&resumeAt=8"
        + "&ks=K&format=1&partnerId=5")
    #expect(
      spec.body
        == .multipart([
          .file(name: "fileData", path: "/tmp/v.mp4", filename: "v.mp4", contentType: "video/mp4", range: range)
        ]))
    let (path, query) = KalturaRequestDecoder.splitTarget(String(spec.url.dropFirst("http://h".count)))
    let call = try KalturaRequestDecoder.decode(target: path + "?" + query, contentType: nil, body: []).call
    #expect(call.bool("resume") == true && call.bool("finalChunk") == false && call.int("resumeAt") == 8)
  }
}

@Suite struct KSRedactionTests {
  static let ks = PythonVectors.adminV2

  @Test func maskKeepsOnlyAShortPrefix() {
    let masked = KalturaKS.mask(Self.ks)
    #expect(masked == "djJ8MTIz…[\(Self.ks.count)]")
    #expect(KalturaKS.mask("short") == "…")
  }

  @Test func redactsURLsFormsJsonXmlAndBareKS() {
    let masked = KalturaKS.mask(Self.ks)
    #expect(
      KalturaKS.redact(url: "http://h/api_v3/service/m/action/l?ks=\(Self.ks)&format=1")
        == "http://h/api_v3/service/m/action/l?ks=\(masked)&format=1")
    #expect(KalturaKS.redact(text: "1:ks=\(Self.ks)&secret=abc") == "1:ks=\(masked)&secret=***")
    #expect(
      KalturaKS.redact(text: #"{"ks": "\#(Self.ks)", "secret":"s\"x", "name":"ks"}"#)
        == #"{"ks": "\#(masked)", "secret":"***", "name":"ks"}"#)
    #expect(KalturaKS.redact(text: "<result><ks>\(Self.ks)</ks></result>") == "<result><ks>\(masked)</ks></result>")
    #expect(
      KalturaKS.redact(text: "/api_v3/service/m/action/l/ks/\(Self.ks)/x")
        == "/api_v3/service/m/action/l/ks/\(masked)/x")
    #expect(KalturaKS.redact(text: "session: \(Self.ks)\n") == "session: \(masked)\n")
    #expect(KalturaKS.redact(text: "a=b&c=d djJ8 short") == "a=b&c=d djJ8 short")
    #expect(
      !KalturaKS.redact(text: "x \(PythonVectors.userV1) ks=\(PythonVectors.userV1)").hasSuffix(PythonVectors.userV1))
  }
}
