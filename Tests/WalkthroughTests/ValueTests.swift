import JSONValue
import Recipes
import Testing
import Walkthrough

@Suite struct ValueTests {
  /// Step 1 lists entries; step 2 links to its reply (`value`) and its input (`answer`);
  /// step 3 links to step 2, which has not run.
  let linked = recipe([
    (
      "List",
      """
      {"method": "post", "path": "/service/media/action/list", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {"filter": {"type": "object", "properties": {
          "nameLike": {"default": "demo"}, "statusEqual": {"consoleDefault": "2", "default": "7"}}}}}}]}
      """
    ),
    (
      "Get",
      """
      {"method": "post", "path": "/service/media/action/get", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {
          "entryId": {"dynamicValue": {"fromStep": 0, "value": "objects.0.id"}},
          "version": {"dynamicValue": {"fromStep": 0, "answer": "body.filter.nameLike"}},
          "partnerId": {"fromSecrets": true, "consoleDefault": 1},
          "nothing": {"dynamicValue": null, "default": "d"},
          "missing": {"dynamicValue": {"fromStep": 0, "value": "objects.9.id"}, "default": "fallback"}}}}]}
      """
    ),
    (
      "Delete",
      """
      {"method": "post", "path": "/service/media/action/delete", "parameters": [{"name": "body", "in": "body",
        "schema": {"type": "object", "properties": {
          "entryId": {"dynamicValue": {"fromStep": 1, "value": "id"}, "default": "0_default"}}}}]}
      """
    ),
  ])

  func engine() -> WalkthroughEngine {
    WalkthroughEngine(recipe: linked, document: Shared.spec, credentials: testCredentials)
  }

  func ran(_ engine: inout WalkthroughEngine, step: Int, reply: JSONValue) {
    engine.record(Exchange(method: "POST", url: "u", reply: reply, replyIsJSON: true, ok: true), step: step)
  }

  @Test func consoleDefaultBeatsDefault() {
    let values = engine().values(0)
    #expect(values["body.filter.statusEqual"]?.value == "2")
    #expect(values["body.filter.statusEqual"]?.source == .consoleDefault)
    #expect(values["body.filter.nameLike"]?.source == .defaultValue)
  }

  @Test func secretsBeatConsoleDefaults() {
    let values = engine().values(1)
    #expect(values["body.partnerId"]?.value == 42)
    #expect(values["body.partnerId"]?.source == .secret)
    var noSecrets = engine()
    noSecrets.credentials.partnerID = nil
    #expect(noSecrets.values(1)["body.partnerId"]?.value == 1)
  }

  @Test func linksToAStepNotRunYetAreReportedPerField() {
    let values = engine().values(1)
    let entry = values["body.entryId"]
    #expect(entry?.link == .pending(fromStep: 0))
    #expect(entry?.link?.message == "run step 1 first")
    #expect(entry?.value == nil)
    #expect(values.linkProblems.contains("body.entryId: run step 1 first"))
    // A dangling link falls back to the defaults.
    let delete = engine().values(2)["body.entryId"]
    #expect(delete?.value == "0_default")
    #expect(delete?.link?.message == "run step 2 first")
  }

  @Test func valueLinksReadTheReplyWhenTheStepIsEntered() {
    var engine = engine()
    ran(&engine, step: 0, reply: ["objects": [["id": "0_abc"]], "totalCount": 1])
    let values = engine.values(1)
    #expect(values["body.entryId"]?.value == "0_abc")
    #expect(values["body.entryId"]?.source == .link)
    #expect(values["body.missing"]?.link == .missing(fromStep: 0, path: "objects.9.id"))
    #expect(values["body.missing"]?.value == "fallback")
    // Re-running the earlier step changes what the (unedited) field says.
    ran(&engine, step: 0, reply: ["objects": [["id": "0_new"]]])
    #expect(engine.values(1)["body.entryId"]?.value == "0_new")
  }

  @Test func answerLinksReadTheEarlierStepsInputs() {
    var engine = engine()
    engine.setValue("cats", step: 0, path: "body.filter.nameLike")
    #expect(engine.values(1)["body.version"]?.value == "cats")
    ran(&engine, step: 0, reply: ["objects": []])
    engine.setValue("dogs", step: 0, path: "body.filter.nameLike")
    // Once the step ran, the link reads what it sent.
    #expect(engine.values(1)["body.version"]?.value == "cats")
  }

  @Test func nullLinksAreNoLinks() {
    let value = engine().values(1)["body.nothing"]
    #expect(value?.link == nil)
    #expect(value?.value == "d")
  }

  @Test func userEditsStayAndReportThatTheLinkDiffers() {
    var engine = engine()
    engine.setValue("0_mine", step: 1, path: "body.entryId")
    ran(&engine, step: 0, reply: ["objects": [["id": "0_abc"]]])
    let value = engine.values(1)["body.entryId"]
    #expect(value?.value == "0_mine")
    #expect(value?.source == .user)
    #expect(value?.linkDiffers == true)
    engine.setValue(nil, step: 1, path: "body.entryId")
    #expect(engine.values(1)["body.entryId"]?.value == "0_abc")
  }
}
