import CDuktape
import JSONValue

/// An error raised by JavaScript (or by compiling it), with Duktape's message.
public struct JavaScriptError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  /// The line of the function source the error was raised at (Duktape's `lineNumber`), nil
  /// when unknown or raised by the prelude.
  public var sourceLine: Int?
  /// The template line (1-based) for errors of a rendered template (`TemplateRenderer`).
  public var templateLine: Int?
  public var description: String { message }

  public init(message: String, sourceLine: Int? = nil, templateLine: Int? = nil) {
    self.message = message
    self.sourceLine = sourceLine
    self.templateLine = templateLine
  }
}

/// Runs JavaScript in a fresh Duktape heap per call: templates are small, a heap costs well under
/// a millisecond, and nothing leaks between renders or threads.
public enum JavaScriptEngine {
  private static let evalFlags: UInt32 =
    (1 << 3) /* EVAL */ | (1 << 7) /* SAFE */ | (1 << 9) /* NOSOURCE */ | (1 << 10) /* STRLEN */
    | (1 << 11) /* NOFILENAME */

  /// Evaluates `functionSource` (an expression yielding a function), calls it with `argument`
  /// (passed as JSON) and returns the result converted to a string.
  public static func call(functionSource: String, argument: JSONValue, prelude: String = "") throws(JavaScriptError)
    -> String
  {
    guard let ctx = duk_create_heap(nil, nil, nil, nil, nil) else {
      throw JavaScriptError(message: "could not create a JavaScript heap")
    }
    defer { duk_destroy_heap(ctx) }

    if !prelude.isEmpty {
      if duk_eval_raw(ctx, prelude, 0, evalFlags) != 0 { throw lastError(ctx, withLine: false) }
      duk_pop(ctx)
    }
    if duk_eval_raw(ctx, functionSource, 0, evalFlags) != 0 { throw lastError(ctx) }
    let json = argument.compactText
    _ = duk_push_lstring(ctx, json, json.utf8.count)
    duk_json_decode(ctx, -1)
    if duk_pcall(ctx, 1) != 0 { throw lastError(ctx) }
    var length = 0
    guard let pointer = duk_safe_to_lstring(ctx, -1, &length) else { return "" }
    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func lastError(_ ctx: OpaquePointer?, withLine: Bool = true) -> JavaScriptError {
    var line: Int?
    if withLine && duk_is_object(ctx, -1) != 0 {
      _ = duk_get_prop_string(ctx, -1, "lineNumber")
      if duk_is_number(ctx, -1) != 0 { line = Int(duk_get_int(ctx, -1)) }
      duk_pop(ctx)
    }
    var length = 0
    guard let pointer = duk_safe_to_lstring(ctx, -1, &length) else {
      return JavaScriptError(message: "unknown JavaScript error")
    }
    return JavaScriptError(
      message: String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self),
      sourceLine: line)
  }
}
