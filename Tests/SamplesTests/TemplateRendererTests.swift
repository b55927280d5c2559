import JSONValue
import Testing

@testable import Samples

@Suite struct TemplateRendererTests {
  func render(_ template: String, _ context: TemplateContext = TemplateContext()) throws -> String {
    try TemplateRenderer.render(template, context: context).get()
  }

  @Test func rawAndEscapedOutput() throws {
    let context = TemplateContext(answers: JSONObject([("name", "<b>Tom & \"Jerry\"</b>")]))
    #expect(
      try render("<%- answers.name %>|<%= answers.name %>", context)
        == "<b>Tom & \"Jerry\"</b>|&lt;b&gt;Tom &amp; &#34;Jerry&#34;&lt;/b&gt;")
  }

  @Test func undefinedAndNullPrintNothing() throws {
    let context = TemplateContext(answers: JSONObject([("none", nil)]))
    #expect(try render("[<%- answers.missing %>][<%= answers.none %>]", context) == "[][]")
  }

  @Test func scriptletsRunJavaScript() throws {
    let template = """
      <% var ids = results[0].objects.map(function (o) { return o.id; }); -%>
      <% if (ids.length > 1) { -%>
      many: <%- ids.join(",") %>
      <% } else { -%>
      one
      <% } -%>
      <%- encodeURIComponent("a b&c") %>
      """
    let context = TemplateContext(results: [["objects": [["id": "0_a"], ["id": "0_b"]]]])
    #expect(try render(template, context) == "many: 0_a,0_b\na%20b%26c")
  }

  @Test func literalTagsAndComments() throws {
    #expect(try render("<%% x %> <%# ignored %>y") == "<% x %> y")
  }

  @Test func shiftHelperIndents() throws {
    #expect(try render("<%- shift(\"a\\nb\", 2) %>") == "  a\n  b")
  }

  @Test func resultIsTheCurrentReply() throws {
    let context = TemplateContext(result: ["id": "0_entry", "status": 2])
    #expect(try render("<%- result.id %>:<%- result.status %>", context) == "0_entry:2")
  }

  @Test func propertyOfUndefinedIsAnErrorNotACrash() {
    let outcome = TemplateRenderer.render("<%- results[3].id %>", context: TemplateContext())
    guard case .failure(let error) = outcome else {
      Issue.record("expected a JavaScript error")
      return
    }
    #expect(error.message.contains("TypeError"))
  }

  @Test func unclosedTagIsASyntaxError() {
    let outcome = TemplateRenderer.render("line\n<%- answers.x ", context: TemplateContext())
    guard case .failure(let error) = outcome else {
      Issue.record("expected a template error")
      return
    }
    #expect(error.message == "template error: line 2: could not find matching close tag for \"<%\"")
  }

  @Test func javaScriptSyntaxErrorsAreReported() {
    let outcome = TemplateRenderer.render("<% if ( { %>", context: TemplateContext())
    guard case .failure(let error) = outcome else {
      Issue.record("expected a syntax error")
      return
    }
    #expect(error.message.contains("SyntaxError"))
  }

  @Test func uploadRecipeDemoRendersThePlayerEmbed() throws {
    let demo = """
      <script src="//cdnapisec.kaltura.com/p/<%- answers.partnerId  %>/sp/<%- answers.partnerId  %>00/embedIframeJs/uiconf_id/<%-  answers.uiConf  %>/partner_id/<%- answers.partnerId  %>"></script>
      "entry_id": "<%- answers.entryId %>"
      """
    let context = TemplateContext(
      answers: JSONObject([("partnerId", 100), ("uiConf", 23_448_255), ("entryId", "0_x1y2z3")]))
    let page = try DemoPage.render(demo, context: context).get()
    #expect(page.contains("/p/100/sp/10000/embedIframeJs/uiconf_id/23448255/partner_id/100\""))
    #expect(page.contains("\"entry_id\": \"0_x1y2z3\""))
    #expect(page.contains("bootstrap/3.3.6"))  // a fragment is wrapped in LucyBot's page
  }

  @Test func completePagesAreNotWrapped() {
    let page = "<!DOCTYPE html><html><body>x</body></html>"
    #expect(DemoPage.wrapIfFragment(page) == page)
  }
}
