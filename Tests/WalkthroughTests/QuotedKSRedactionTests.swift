import JSONValue
import KalturaWire
import Testing
import Walkthrough

/// Kaltura's INVALID_KS error quotes the KS it refused; what is saved or shown keeps it masked.
@Suite struct QuotedKSRedactionTests {
  let ks = KalturaKS.generateV2(adminSecret: "partner-secret", partnerID: 42, type: .admin)

  func refusedExchange() -> Exchange {
    let error = KalturaAPIError.invalidKSString(ks)
    return Exchange(
      method: "POST", url: "http://h/api_v3/service/media/action/list?format=1", status: 200,
      reply: ["code": "INVALID_KS", "message": .string(error.message), "objectType": "KalturaAPIException"],
      replyIsJSON: true, ok: false, error: "INVALID_KS: \(error.message)", errorCode: "INVALID_KS",
      milliseconds: 3, startedAt: 1_700_000_000)
  }

  @Test func theServersMessageQuotesTheKS() {
    #expect(refusedExchange().error?.contains(ks) == true)
  }

  @Test func aRedactedExchangeMasksTheQuotedKSInItsErrorAndReply() throws {
    let redacted = refusedExchange().redacted
    let error = try #require(redacted.error)
    let message = try #require(redacted.reply?["message"]?.stringValue)
    for text in [error, message] {
      #expect(!text.contains(ks))
      #expect(text.contains(KalturaKS.mask(ks)))
      #expect(text.hasSuffix("Error \"-1,INVALID_STR\""))
    }
  }

  @Test func redactingTwiceKeepsTheFirstMask() throws {
    let once = refusedExchange().redacted
    let twice = once.redacted
    #expect(twice.error == once.error)
    #expect(twice.reply == once.reply)
  }

  @Test func textWithoutAKSIsUnchanged() {
    let value: JSONValue = ["message": "Entry id \"0_abc\" not found"]
    #expect(Redaction.redact(value) == value)
  }
}
