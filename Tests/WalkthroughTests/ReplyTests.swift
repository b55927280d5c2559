import JSONValue
import KalturaWire
import Testing
import Walkthrough

@Suite struct ReplyTests {
  @Test func apiExceptionsWithHTTP200AreFailures() {
    let error: JSONValue = [
      "code": "ENTRY_ID_NOT_FOUND", "message": "Entry id \"0_x\" not found", "objectType": "KalturaAPIException",
      "args": ["ENTRY_ID": "0_x"],
    ]
    let judged = JudgedReply(jsonReply(error))
    #expect(!judged.ok)
    #expect(judged.errorCode == "ENTRY_ID_NOT_FOUND")
    #expect(judged.error == "ENTRY_ID_NOT_FOUND: Entry id \"0_x\" not found")
  }

  @Test func ottErrorsInsideResultAreFailures() {
    let judged = JudgedReply(jsonReply(["result": ["error": ["code": "500003", "message": "Invalid KS"]]]))
    #expect(!judged.ok)
    #expect(judged.errorCode == "500003")
  }

  @Test func successNeedsA2xxStatus() {
    #expect(JudgedReply(jsonReply(["id": "0_a"])).ok)
    let server = JudgedReply(HTTPReply(status: 502, body: Array("Bad gateway".utf8)))
    #expect(!server.ok)
    #expect(server.error == "HTTP 502")
    #expect(server.body == "Bad gateway")
  }

  @Test func nonJSONRepliesAreKeptAsText() {
    let judged = JudgedReply(HTTPReply(status: 200, body: Array("WEBVTT\n\n00:00.000 --> 00:01.000\nHi".utf8)))
    #expect(judged.ok)
    #expect(!judged.isJSON)
    #expect(judged.body.stringValue?.hasPrefix("WEBVTT") == true)
    // A bare JSON string (session.start's KS) is JSON.
    #expect(JudgedReply(jsonReply("abc")).isJSON)
  }
}

@Suite struct RedactionTests {
  let ks = KalturaKS.generateV2(adminSecret: "secret-of-partner", partnerID: 42, type: .admin)

  @Test func ksIsMaskedInURLsBodiesAndReplies() {
    let url = "http://h/api_v3/service/media/action/get?ks=\(ks)&format=1"
    #expect(!Redaction.redactURL(url).contains(ks))
    #expect(Redaction.redactURL(url).hasSuffix("&format=1"))
    // Saving or showing a recorded exchange redacts its URL again: the mask, and the KS length it
    // tells, stay as they were.
    let once = Redaction.redactURL(url + "&secret=abcdef")
    #expect(once.contains("ks=\(ks.prefix(8))…[\(ks.count)]&"))
    #expect(once.hasSuffix("&secret=********"))
    #expect(Redaction.redactURL(once) == once)
    let reply: JSONValue = ["ks": .string(ks), "nested": [.string(ks)], "secret": "abc", "name": "fine"]
    let redacted = Redaction.redact(reply)
    #expect(!redacted.compactText.contains(ks))
    #expect(redacted["secret"] == "********")
    #expect(redacted["name"] == "fine")
    #expect(!Redaction.scrub("KS is \(ks)", secrets: [ks]).contains(ks))
    #expect(!Redaction.scrub("secret-of-partner leaked", secrets: ["secret-of-partner"]).contains("secret-of-partner"))
  }

  @Test func exchangesRedactBareKSReplies() {
    let exchange = Exchange(method: "POST", url: "u?ks=\(ks)", reply: .string(ks), replyIsJSON: true, ok: true)
    #expect(!exchange.redacted.reply!.compactText.contains(ks))
    #expect(!exchange.redacted.url.contains(ks))
  }

  @Test func sha256MatchesKnownDigests() {
    #expect(SHA256Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = String(repeating: "a", count: 1000)
    #expect(SHA256Digest.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }
}
