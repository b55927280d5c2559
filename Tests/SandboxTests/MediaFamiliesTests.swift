import Foundation
import JSONValue
import KalturaWire
import Testing

@testable import Sandbox

/// Caption conversion, metadata checked against its profile's XSD over HTTP, thumbnails that are images,
/// cue points listed by type.
@Suite struct MediaFamiliesTests {
  @Test func srtBecomesWebVTT() throws {
    let srt =
      "1\r\n00:00:01,000 --> 00:00:04,250\r\nHello\r\nthere\r\n\r\n2\r\n01:02:03,004 --> 01:02:05,000\r\nBye\r\n"
    #expect(CaptionText.detect(srt) == .srt)
    let vtt = try CaptionText.webVTT(srt, format: .srt)
    #expect(vtt == "WEBVTT\n\n00:00:01.000 --> 00:00:04.250\nHello\nthere\n\n01:02:03.004 --> 01:02:05.000\nBye\n")
  }

  @Test func dfxpBecomesWebVTT() throws {
    let dfxp = """
      <?xml version="1.0" encoding="UTF-8"?>
      <tt xmlns="http://www.w3.org/ns/ttml"><body><div>
      <p begin="00:00:01.500" end="00:00:03.000">First<br/>line two</p>
      <p begin="4s" dur="1500ms">Second</p>
      </div></body></tt>
      """
    #expect(CaptionText.detect(dfxp) == .dfxp)
    let vtt = try CaptionText.webVTT(dfxp, format: .dfxp)
    #expect(
      vtt == "WEBVTT\n\n00:00:01.500 --> 00:00:03.000\nFirst\nline two\n\n00:00:04.000 --> 00:00:05.500\nSecond\n")
  }

  @Test func unreadableCaptionsAreNamed() {
    #expect(throws: CaptionText.Unreadable.self) { try CaptionText.cues("1\nnot a time --> x\nHi\n", format: .srt) }
    #expect(throws: CaptionText.Unreadable.self) { try CaptionText.cues("<tt><p>no begin</p></tt>", format: .dfxp) }
  }

  static let xsd = """
    <xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:element name="metadata"><xsd:complexType><xsd:sequence>
        <xsd:element name="Title" minOccurs="1" maxOccurs="1" type="textType"/>
        <xsd:element name="Shot" minOccurs="0" maxOccurs="1" type="dateType"/>
        <xsd:element name="Kind" minOccurs="0" maxOccurs="unbounded">
          <xsd:simpleType><xsd:restriction base="listType">
            <xsd:enumeration value="News"/><xsd:enumeration value="Sport"/>
          </xsd:restriction></xsd:simpleType>
        </xsd:element>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
    """

  @Test func invalidMetadataIsKalturasErrorOverHTTP() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entry = try await h.mediaEntry(ks: ks)
      let entryId = try #require(entry["id"]?.stringValue)
      let badSchema = try await h.call(
        "metadata_metadataprofile", "add",
        [("metadataProfile[metadataObjectType]", "1"), ("metadataProfile[name]", "p"), ("xsdData", "<nope")], ks: ks)
      #expect(errorCode(badSchema) == "INVALID_METADATA_PROFILE_SCHEMA", "\(badSchema)")
      #expect(badSchema["message"]?.stringValue?.contains("Couldn't find end of Start Tag nope") == true)
      let profile = try await h.call(
        "metadata_metadataprofile", "add",
        [("metadataProfile[metadataObjectType]", "1"), ("metadataProfile[name]", "p"), ("xsdData", Self.xsd)], ks: ks)
      let profileId = try #require(profile["id"]?.displayText)
      let add: ([(String, String)]) async throws -> JSONValue = { extra in
        try await h.call(
          "metadata_metadata", "add",
          [("metadataProfileId", profileId), ("objectType", "1"), ("objectId", entryId)] + extra, ks: ks)
      }
      let refused = try await add([("xmlData", "<metadata><Kind>News</Kind></metadata>")])
      #expect(errorCode(refused) == "INVALID_METADATA_DATA", "\(refused)")
      #expect(
        refused["message"]?.stringValue?.contains("Element 'Kind': This element is not expected. Expected is ( Title )")
          == true, "\(refused)")
      let added = try await add([("xmlData", "<metadata><Title>T</Title></metadata>")])
      let id = try #require(added["id"]?.displayText, "\(added)")
      #expect(
        errorCode(try await add([("xmlData", "<metadata><Title>T</Title></metadata>")])) == "METADATA_ALREADY_EXISTS")
      let badUpdate = try await h.call(
        "metadata_metadata", "update", [("id", id), ("xmlData", "<metadata><Title>a</Title><X/></metadata>")], ks: ks)
      #expect(errorCode(badUpdate) == "INVALID_METADATA_DATA")
      #expect(badUpdate["message"]?.stringValue?.contains("Element 'X'") == true, "\(badUpdate)")
      let listed = try await h.call(
        "metadata_metadata", "list",
        [("filter[objectIdEqual]", entryId), ("filter[metadataProfileIdEqual]", profileId)],
        ks: ks)
      #expect(listed["totalCount"]?.intValue == 1)
      #expect(listed["objects"]?[0]?["xml"]?.stringValue == "<metadata><Title>T</Title></metadata>")
      let other = try await h.call("metadata_metadata", "list", [("filter[objectIdEqual]", "0_zzzzzzzz")], ks: ks)
      #expect(other["totalCount"]?.intValue == 0)
    }
  }

  @Test func theThumbnailIsAPNGOfTheAskedSize() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let entry = try await h.mediaEntry(ks: ks)
      let thumbnailUrl = try #require(entry["thumbnailUrl"]?.stringValue)
      let entryId = try #require(entry["id"]?.stringValue)
      for (url, size) in [
        (thumbnailUrl, (120, 90)),
        (
          "\(h.origin)/p/\(h.server.partnerID)/thumbnail/entry_id/\(entryId)/width/240/height/180",
          (240, 180)
        ),
      ] {
        let reply = try await h.get(url)
        #expect(reply.status == 200)
        #expect(reply.body.starts(with: PNGImage.signature), "PNG magic bytes from \(url)")
        #expect(Array(reply.body[16..<24]) == [0, 0, 0, UInt8(size.0), 0, 0, 0, UInt8(size.1)])
      }
      #expect(try await h.get(thumbnailUrl.replacingOccurrences(of: entryId, with: "0_nonexist")).status == 404)
    }
  }

  @Test func cuePointsAreListedByEntryAndType() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let add: (String, [(String, String)]) async throws -> JSONValue = { type, fields in
        try await h.call(
          "cuepoint_cuepoint", "add",
          [("cuePoint[objectType]", type), ("cuePoint[entryId]", "0_entry001"), ("cuePoint[startTime]", "1000")]
            + fields.map { ("cuePoint[\($0.0)]", $0.1) }, ks: ks)
      }
      let code = try await add("KalturaCodeCuePoint", [("code", "c")])
      #expect(code["cuePointType"]?.stringValue == "codeCuePoint.Code")
      _ = try await add("KalturaAdCuePoint", [("protocolType", "1")])
      _ = try await add("KalturaAnnotation", [("text", "note")])
      _ = try await add("KalturaQuestionCuePoint", [("question", "Why?")])
      let list: ([(String, String)]) async throws -> Int? = { filter in
        try await h.call("cuepoint_cuepoint", "list", filter.map { ("filter[\($0.0)]", $0.1) }, ks: ks)["totalCount"]?
          .intValue
      }
      #expect(try await list([("entryIdEqual", "0_entry001"), ("cuePointTypeEqual", "codeCuePoint.Code")]) == 1)
      #expect(try await list([("cuePointTypeIn", "adCuePoint.Ad,annotation.Annotation")]) == 2)
      #expect(try await list([("cuePointTypeEqual", "quiz.QUIZ_QUESTION")]) == 1)
      #expect(try await list([("entryIdEqual", "0_other")]) == 0)
      let id = try #require(code["id"]?.stringValue)
      _ = try await h.call("cuepoint_cuepoint", "updateStatus", [("id", id), ("status", "3")], ks: ks)
      #expect(try await h.call("cuepoint_cuepoint", "get", [("id", id)], ks: ks)["status"]?.intValue == 3)
    }
  }
  @Test func aDFXPCaptionFromATokenIsServedAsUploadedAndAsWebVTT() async throws {
    try await Harness.with { h in
      let ks = try await h.adminKS()
      let dfxp =
        "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div><p begin=\"1s\" end=\"2s\">Hi</p></div></body></tt>"
      let token = try #require(try await h.call("uploadtoken", "add", [], ks: ks)["id"]?.stringValue)
      _ = try await h.upload(
        token: token, data: Array(dfxp.utf8), resume: false, finalChunk: true, resumeAt: 0, ks: ks,
        fileName: "c.dfxp")
      let asset = try await h.call(
        "caption_captionasset", "add", [("entryId", "0_entry001"), ("captionAsset[language]", "English")], ks: ks)
      let id = try #require(asset["id"]?.stringValue)
      let notReady = try await h.get(
        "\(h.server.baseURL)/service/caption_captionasset/action/serve?captionAssetId=\(id)&ks=\(ks)&format=1")
      #expect(errorCode(try JSONValue(parsing: notReady.body)) == "CAPTION_ASSET_IS_NOT_READY")
      let set = try await h.call(
        "caption_captionasset", "setContent",
        [
          ("id", id), ("contentResource[objectType]", "KalturaUploadedFileTokenResource"),
          ("contentResource[token]", token),
        ],
        ks: ks)
      #expect(set["status"]?.intValue == 2, "\(set)")
      #expect(set["format"]?.stringValue == "2", "the content shows DFXP")
      let served = try await h.get(
        "\(h.server.baseURL)/service/caption_captionasset/action/serve?captionAssetId=\(id)&ks=\(ks)")
      #expect(served.body == Array(dfxp.utf8))
      let vtt = try await h.get(
        "\(h.server.baseURL)/service/caption_captionasset/action/serveWebVTT?captionAssetId=\(id)&ks=\(ks)")
      #expect(String(decoding: vtt.body, as: UTF8.self) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n")
      let url = try #require(try await h.call("caption_captionasset", "getUrl", [("id", id)], ks: ks).stringValue)
      #expect(url.hasSuffix("/action/serve/captionAssetId/\(id)"))
      let noKS = try await h.get(
        "\(h.server.baseURL)/service/caption_captionasset/action/serve?captionAssetId=\(id)&format=1")
      #expect(errorCode(try JSONValue(parsing: noKS.body)) == "SERVICE_FORBIDDEN")
    }
  }
}
