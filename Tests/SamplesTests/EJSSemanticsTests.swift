import JSONValue
import Testing

@testable import Samples

/// What ejs 3.1 renders for the constructs recipes use, by its rules: `<% %>` keeps the newline
/// after it, `-%>` and `_%>` drop it, `<%= %>` escapes & < > " ' (the quotes as &#34; and &#39;).
@Suite struct EJSSemanticsTests {
  func render(_ template: String, _ context: TemplateContext = TemplateContext()) throws -> String {
    try TemplateRenderer.render(template, context: context).get()
  }

  @Test func ifElseTakesEitherBranch() throws {
    let template = "<% if (answers.n > 1) { %>many<% } else if (answers.n === 1) { %>one<% } else { %>none<% } %>"
    #expect(try render(template, TemplateContext(answers: JSONObject([("n", 3)]))) == "many")
    #expect(try render(template, TemplateContext(answers: JSONObject([("n", 1)]))) == "one")
    #expect(try render(template, TemplateContext(answers: JSONObject([("n", 0)]))) == "none")
  }

  @Test func loopsKeepTheNewlinesEJSKeeps() throws {
    // ejs: `<% %>` leaves the newline after it, `-%>` eats it.
    let kept = "<% for (var i = 0; i < 2; i++) { %>\n<%= i %>\n<% } %>\n"
    #expect(try render(kept) == "\n0\n\n1\n\n")
    let trimmed = "<% for (var i = 0; i < 2; i++) { -%>\n<%= i %>\n<% } -%>\n"
    #expect(try render(trimmed) == "0\n1\n")
    let each = "<% results[0].objects.forEach(function (o, i) { -%>\n<%= i %>:<%= o.name %>\n<% }); -%>"
    let context = TemplateContext(results: [["objects": [["name": "a<b"], ["name": "c"]]]])
    #expect(try render(each, context) == "0:a&lt;b\n1:c\n")
  }

  @Test func encodeURIComponentMatchesJavaScript() throws {
    let context = TemplateContext(answers: JSONObject([("q", "é/?&= +#'()*!~")]))
    #expect(try render("<%- encodeURIComponent(answers.q) %>", context) == "%C3%A9%2F%3F%26%3D%20%2B%23'()*!~")
    #expect(try render("<%= encodeURIComponent('<a>') %>", context) == "%3Ca%3E")
  }

  @Test func escapedOutputOfNumbersAndBooleans() throws {
    let context = TemplateContext(answers: JSONObject([("n", 0), ("t", true)]))
    #expect(try render("<%= answers.n %>|<%= answers.t %>|<%- answers.n %>", context) == "0|true|0")
  }

  @Test func whitespaceSlurpingTags() throws {
    #expect(try render("a\n  <%_ var x = 1; _%>\nb<%= x %>") == "a\nb1")
  }
}
