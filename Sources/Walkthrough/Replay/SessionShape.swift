import JSONValue

/// Structural checks of a session document before it is decoded, so a hand-edited or truncated
/// file is reported by field ("steps.2.exchanges.0.reply") with what was expected, instead of
/// being read as an empty walk.
enum SessionShape {
  /// The first problem found, or nil when the document has the shape `SessionFile` writes.
  static func problem(in json: JSONValue) -> (field: String, expected: String)? {
    guard json.objectValue != nil else { return ("(document)", "a JSON object") }
    guard json["formatVersion"]?.intValue != nil else { return ("formatVersion", "an integer") }
    guard json["recipe"]?.objectValue != nil else { return ("recipe", "an object with path, title and sha256") }
    guard let path = json["recipe"]?["path"]?.stringValue, !path.isEmpty else {
      return ("recipe.path", "the recipe's file path (a non-empty string)")
    }
    if let sha = json["recipe"]?["sha256"], sha.stringValue == nil { return ("recipe.sha256", "a string") }
    if let url = json["serviceURL"], url.stringValue == nil { return ("serviceURL", "a string") }
    if let partner = json["partnerId"], partner.intValue == nil { return ("partnerId", "an integer") }
    guard let steps = json["steps"]?.arrayValue else { return ("steps", "an array of steps") }
    for (index, step) in steps.enumerated() {
      if let problem = stepProblem(step, field: "steps.\(index)") { return problem }
    }
    return nil
  }

  private static func stepProblem(_ step: JSONValue, field: String) -> (String, String)? {
    guard step.objectValue != nil else { return (field, "an object with answers and exchanges") }
    if let answers = step["answers"], answers.objectValue == nil {
      return ("\(field).answers", "an object of field path → value")
    }
    if let sent = step["sentAnswers"], sent.objectValue == nil {
      return ("\(field).sentAnswers", "an object of field path → value")
    }
    guard let exchanges = step["exchanges"] else { return nil }
    guard let list = exchanges.arrayValue else { return ("\(field).exchanges", "an array of exchanges") }
    for (index, exchange) in list.enumerated() {
      let at = "\(field).exchanges.\(index)"
      guard exchange.objectValue != nil else { return (at, "an object with request, ok and reply") }
      guard exchange["request"]?["method"]?.stringValue != nil else { return ("\(at).request.method", "a string") }
      guard exchange["request"]?["url"]?.stringValue != nil else { return ("\(at).request.url", "a string") }
      guard exchange["ok"]?.boolValue != nil else { return ("\(at).ok", "true or false") }
      if let status = exchange["status"], !status.isNull, status.intValue == nil {
        return ("\(at).status", "an HTTP status (integer) or null")
      }
    }
    return nil
  }
}
