import JSONValue
import Testing

@testable import Samples

/// A broken template tells the author where: the template line, not the line of the JavaScript
/// it was compiled to; and it never stops anything (the error is a value).
@Suite struct TemplateErrorLineTests {
  func failure(_ template: String, _ context: TemplateContext = TemplateContext()) -> JavaScriptError? {
    guard case .failure(let error) = TemplateRenderer.render(template, context: context) else { return nil }
    return error
  }

  @Test func runtimeErrorCarriesTheLineOfItsTag() throws {
    let error = try #require(failure("<p>\n  <%- answers.x %>\n  <%- results[3].id %>\n</p>"))
    #expect(error.templateLine == 3)
    #expect(error.message == "line 3: TypeError: cannot read property 'id' of undefined")
  }

  @Test func errorOnTheSecondLineOfAScriptlet() throws {
    let error = try #require(failure("one\n<%\n  var a = 1;\n  var b = a.b.c;\n%>\nafter"))
    #expect(error.templateLine == 4)
    #expect(error.message.hasPrefix("line 4: TypeError"))
  }

  @Test func trimmedNewlinesStillCount() throws {
    let template =
      "<% var list = [1]; -%>\n<% list.forEach(function (n) { -%>\n<%- n %>\n<% }) -%>\n<%- nothing.here %>"
    let error = try #require(failure(template))
    #expect(error.templateLine == 5)
    #expect(error.message.hasPrefix("line 5: ReferenceError"))
  }

  @Test func crlfTemplatesCountLinesToo() throws {
    let error = try #require(failure("a\r\nb\r\n<%- results[0].id %>"))
    #expect(error.templateLine == 3)
  }

  @Test func javaScriptSyntaxErrorIsToldWithTheTemplateLineOnly() throws {
    let error = try #require(failure("first\nsecond\n<% if (answers.a) { %>\nunclosed\n"))
    #expect(error.message.hasPrefix("line 4: SyntaxError"), "\(error.message)")
    #expect(!error.message.contains("(line"), "Duktape's own line is of the generated code: \(error.message)")
  }

  @Test func unclosedTagIsReportedWithItsLine() throws {
    let error = try #require(failure("a\nb\nc <%= answers.x"))
    #expect(error.templateLine == 3)
    #expect(error.message == "template error: line 3: could not find matching close tag for \"<%\"")
  }

  @Test func brokenDemoIsAnErrorWithItsLineNotACrash() throws {
    let outcome = DemoPage.render(
      "<html>\n<body>\n<%- results[1].objects[0].id %>\n</body></html>", context: TemplateContext())
    guard case .failure(let error) = outcome else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.templateLine == 3)
  }
}
