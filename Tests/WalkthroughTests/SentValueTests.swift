import JSONValue
import KalturaWire
import Recipes
import Testing
import Walkthrough

/// Issue 10 item 7: what the user typed is sent as its field's type, a value the user supplied
/// needs no link, and a KS is masked once however often a recorded exchange is redacted.
@Suite struct SentValueTests {
  let typed = recipe([
    (
      "Update",
      """
      {"method": "post", "path": "/service/media/action/update", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {
          "version": {"type": "integer", "inputType": "text"},
          "ratio": {"type": "number", "inputType": "text"},
          "name": {"type": "string", "inputType": "text"}}}}]}
      """
    )
  ])

  let linked = recipe([
    ("List", #"{"method": "post", "path": "/service/media/action/list", "parameters": []}"#),
    (
      "Get",
      """
      {"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {
          "entryId": {"dynamicValue": {"fromStep": 0, "value": "objects.0.id"}},
          "other": {"dynamicValue": {"fromStep": 0, "value": "objects.1.id"}}}}}]}
      """
    ),
  ])

  @Test func aNumberTypedIntoATextWidgetIsSentAsANumber() throws {
    var engine = WalkthroughEngine(recipe: typed, document: nil, credentials: testCredentials)
    try engine.setInput("1", step: 0, path: "body.version")
    try engine.setInput("1.5", step: 0, path: "body.ratio")
    try engine.setInput("1", step: 0, path: "body.name")
    let prepared = try engine.prepareRequest(step: 0)
    guard case .json(let body) = prepared.spec.body else {
      Issue.record("expected a JSON body, got \(prepared.spec.body)")
      return
    }
    #expect(body["version"] == .int(1))
    #expect(body["ratio"] == .double(1.5))
    #expect(body["name"] == .string("1"), "a string field keeps the text")
  }

  @Test func aNonNumberForANumericTextWidgetIsRefused() {
    var engine = WalkthroughEngine(recipe: typed, document: nil, credentials: testCredentials)
    #expect(throws: FieldInputError.self) { try engine.setInput("one", step: 0, path: "body.version") }
    #expect(engine.values(0)["body.version"]?.value == nil)
  }

  @Test func aSuppliedLinkedValueDoesNotAskForTheLinkedStep() throws {
    var engine = WalkthroughEngine(recipe: linked, document: nil, credentials: testCredentials)
    try engine.setInput("0_given", step: 1, path: "body.entryId")
    let warnings = try engine.prepareRequest(step: 1).warnings
    #expect(!warnings.contains { $0.hasPrefix("body.entryId") }, "\(warnings)")
    #expect(warnings.contains("body.other: run step 1 first"), "a link left to follow still warns")
  }

  @Test func aKSIsMaskedOnceAtEveryEntryPoint() {
    let ks = KalturaKS.generateV2(adminSecret: "partner-secret", partnerID: 42, type: .admin)
    let mask = Redaction.maskKS(ks)
    let body = Redaction.redact(["ks": .string(ks), "password": "hunter22", "nested": ["ks": .string(ks)]])
    #expect(body["ks"] == .string(mask))
    #expect(Redaction.redact(body) == body, "a redacted body redacted again keeps its masks")
    #expect(Redaction.redact(Redaction.redact(body))["nested"]?["ks"] == .string(mask))
    let text = Redaction.redactText("Invalid KS \"\(ks)\"")
    #expect(Redaction.redactText(text) == text)
    #expect(text.contains(mask))
    let url = Redaction.redactURL("http://h/api_v3/service/media/action/get?ks=\(ks)&format=1")
    #expect(Redaction.redactURL(url) == url)
    #expect(url.contains("ks=\(mask)"))
  }
}
