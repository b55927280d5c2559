import JSONValue

/// What a recipe template sees (recipe-format §5): `answers` (secrets ∪ globals ∪ the step's
/// inputs, body fields flattened), `result` (this step's reply) and `results[i]` (step i's reply,
/// 0-based like `fromStep`), plus the `shift(code, n)` helper.
public struct TemplateContext: Sendable, Hashable {
  public var answers: JSONObject
  public var result: JSONValue?
  public var results: [JSONValue?]

  public init(answers: JSONObject = JSONObject(), result: JSONValue? = nil, results: [JSONValue?] = []) {
    self.answers = answers
    self.result = result
    self.results = results
  }

  var locals: JSONValue {
    // JSON has no `undefined`; steps not run yet become null, which templates treat alike.
    [
      "answers": .object(answers),
      "result": result ?? .null,
      "results": .array(results.map { $0 ?? .null }),
    ]
  }
}

public enum TemplateRenderer {
  static let prelude = """
    function shift(code, n) {
      var pad = new Array((n || 0) + 1).join(" ");
      return String(code).split("\\n").map(function (l) { return pad + l; }).join("\\n");
    }
    """

  /// Renders an EJS template. Errors (syntax or a JavaScript exception such as reading a
  /// property of undefined) come back as a message for the screen, never a crash, told with
  /// the template line they were raised at: "line 3: TypeError: cannot read property ...".
  public static func render(_ template: String, context: TemplateContext) -> Result<String, JavaScriptError> {
    let compiled: CompiledTemplate
    do {
      compiled = try EJSCompiler.compile(template)
    } catch {
      return .failure(
        JavaScriptError(message: "template error: \(error.description)", templateLine: error.line))
    }
    var locals = context.locals
    // `shift` must be visible inside `with (locals)`; functions cannot travel as JSON.
    let source =
      "(function (render) { return function (locals) { locals.shift = shift; return render(locals); }; })("
      + compiled.functionSource + ")"
    locals.setValue(nil, atPath: "shift")
    do {
      return .success(try JavaScriptEngine.call(functionSource: source, argument: locals, prelude: prelude))
    } catch {
      return .failure(located(error, in: compiled))
    }
  }

  /// Duktape's own "(line N…)" counts lines of the generated function, so it is replaced by the
  /// template's line.
  static func located(_ error: JavaScriptError, in compiled: CompiledTemplate) -> JavaScriptError {
    guard let sourceLine = error.sourceLine, let line = compiled.templateLine(ofSourceLine: sourceLine) else {
      return error
    }
    let message = error.message.replacing(/\s\(line \d+[^)]*\)/, with: "")
    return JavaScriptError(message: "line \(line): \(message)", sourceLine: sourceLine, templateLine: line)
  }
}
