import Foundation
import JSONValue
import Recipes
import TerminalUI
import Testing
import Walkthrough

/// The console tells which steps have a demo page and writes it on `D` (the runtime writes the
/// file and opens it); the page carries the walk's values and points at the walked service.
@Suite struct DemoPageKeyTests {
  /// The upload walk after `media.add` answered with entry `0_demo1`, the player picked on step 5.
  static func walkedUpload(sessionPath: String? = nil) -> Model {
    var session = WalkthroughSession(stepCount: 5)
    session.steps[2].exchanges = [
      Exchange(
        method: "POST", url: "http://127.0.0.1:8080/api_v3/service/media/action/add?format=1", status: 200,
        reply: ["id": "0_demo1", "objectType": "KalturaMediaEntry"], replyIsJSON: true, ok: true, milliseconds: 9)
    ]
    session.steps[4].edits = ["uiConf": 40_001_001]
    var model = Fixtures.uploadModel(session: session)
    model.sessionPath = sessionPath
    return model
  }

  @Test func theFormRuleSaysWhichStepsHaveADemo() {
    var model = Self.walkedUpload()
    model.send(.key(.character("1")))
    #expect(!model.line(containing: "─ Form").contains("D demo page"), "step 1 has no demo")
    model.send(.key(.character("5")))
    #expect(model.line(containing: "─ Form").contains("· D demo page "), "\(model.screen)")
  }

  @Test func dOnAStepWithADemoAsksToWriteThePageBesideTheSession() throws {
    var model = Self.walkedUpload(sessionPath: "/work/walks/upload.session.json")
    model.send(.key(.character("5")))
    let commands = model.send(.key(.character("D")))
    guard case .writeDemoPage(let request)? = commands.first, commands.count == 1 else {
      Issue.record("expected one writeDemoPage, got \(commands)")
      return
    }
    #expect(request.step == 4)
    #expect(request.path == "/work/walks/upload.demo.html")
    #expect(
      request.html.contains(
        "<script src=\"http://127.0.0.1:8080/p/100/sp/10000/embedIframeJs/uiconf_id/40001001/partner_id/100\">"))
    #expect(request.html.contains("\"entry_id\": \"0_demo1\""))
    #expect(!request.html.contains("djJ8MTAwfKsSecretKsValue") && !request.html.contains("adminsecret"))
    #expect(model.line(containing: "Writing the demo page of step 5") != "")

    // The runtime's answer names the file; the footer shows it.
    model.send(.notice("Demo page of step 5: /work/walks/upload.demo.html · opened with xdg-open"))
    #expect(model.line(containing: "Demo page of step 5: /work/walks/upload.demo.html · opened with xdg-open") != "")
  }

  @Test func withoutASessionThePageIsNamedAfterTheRecipe() throws {
    var model = Self.walkedUpload()
    model.send(.key(.character("5")))
    guard case .writeDemoPage(let request)? = model.send(.key(.character("D"))).first else {
      Issue.record("expected writeDemoPage")
      return
    }
    #expect(request.path == "upload.demo.html")
  }

  @Test func dOnAStepWithoutADemoSaysSo() {
    var model = Self.walkedUpload()
    model.send(.key(.character("1")))
    #expect(model.send(.key(.character("D"))) == [])
    #expect(model.line(containing: "Step 1 has no demo page") != "", "\(model.screen)")
  }

  @Test func aBrokenDemoShowsItsRecipeLineAndWritesNothing() throws {
    let text = """
      # Broken demo
      A demo reading a step that never ran.

      ## Look
      Nothing to send.

      ### Demo
      ```html
      <div>
        <%- results[3].objects[0].id %>
      </div>
      ```
      """
    let recipe = Recipe.parse(bytes: Array(text.utf8), file: "broken.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: Fixtures.credentials)
    var model = Model(
      engine: engine, serviceLabel: "sandbox", sessionPath: nil, isEmbeddedSandbox: true, colorMode: .none,
      width: 120, height: 30)
    #expect(model.line(containing: "─ Form").contains("D demo page"))
    #expect(model.send(.key(.character("D"))) == [])
    let footer = model.line(containing: "demo page failed")
    #expect(footer.contains("! demo page failed: broken.md:10: the demo of step 1: line 2: TypeError"), "\(footer)")
  }
}
