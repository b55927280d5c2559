import JSONValue

/// Reads one JSON code block (API Call, METADATA) into model values, turning every problem
/// into a diagnostic on the exact line of the offending key.
struct JSONBlockReader {
  let file: String
  /// File line of the JSON text's line 1, minus one (the fence line for code blocks).
  let baseLine: Int
  let map: JSONLineMap
  var diagnostics: [Diagnostic] = []

  init(file: String, baseLine: Int, text: String) {
    self.file = file
    self.baseLine = baseLine
    self.map = JSONLineMap(text)
  }

  func line(_ path: [String]) -> Int { baseLine + map.line(of: path) }

  /// `path + [key]`, or its `x-` alias where only the alias is written.
  func aliasedPath(_ path: [String], _ key: String) -> [String] {
    if !map.contains(path + [key]), map.contains(path + ["x-" + key]) { return path + ["x-" + key] }
    return path + [key]
  }

  /// Line of `key` under `path`, accepting its `x-` alias.
  func keyLine(_ path: [String], _ key: String) -> Int { line(aliasedPath(path, key)) }

  /// `value` as an object, its keys checked against `known`; nil, with an error saying what
  /// was `expected`, otherwise.
  mutating func checkedObject(
    _ value: JSONValue, known: Set<String>, path: [String], context: String, expected: String = "an object"
  ) -> JSONObject? {
    guard let object = value.objectValue else {
      error(at: path, "\(context) must be \(expected), found \(value.typeName)")
      return nil
    }
    checkKeys(object, known: known, path: path, context: context)
    return object
  }

  mutating func report(_ severity: Diagnostic.Severity, _ line: Int, _ message: String) {
    diagnostics.append(Diagnostic(severity: severity, file: file, line: line, message: message))
  }

  mutating func error(at path: [String], _ message: String) { report(.error, line(path), message) }
  mutating func warning(at path: [String], _ message: String) { report(.warning, line(path), message) }

  /// Warns about keys outside `known` (`x-` extensions are always allowed).
  mutating func checkKeys(
    _ object: JSONObject, known: Set<String>, path: [String], context: String, hint: String? = nil
  ) {
    for key in object.keys where !known.contains(key) && !key.hasPrefix("x-") {
      var message = "unknown key '\(key)' in \(context)"
      if let guess = closestName(to: key, in: known) {
        message += " (did you mean '\(guess)'?)"
      } else if let hint {
        message += " (\(hint))"
      }
      warning(at: path + [key], message)
    }
  }

  // MARK: Typed members

  mutating func string(_ object: JSONObject, _ key: String, path: [String], context: String) -> String? {
    guard let value = object[key], !value.isNull else { return nil }
    if let text = value.stringValue { return text }
    report(.error, keyLine(path, key), "'\(key)' in \(context) must be a string, found \(value.typeName)")
    return nil
  }

  mutating func bool(_ object: JSONObject, _ key: String, path: [String], context: String) -> Bool? {
    guard let value = object[key], !value.isNull else { return nil }
    if let flag = value.boolValue { return flag }
    if let text = value.stringValue, text == "true" || text == "false" {
      report(.warning, keyLine(path, key), "'\(key)' in \(context) should be \(text) without quotes")
      return text == "true"
    }
    report(.error, keyLine(path, key), "'\(key)' in \(context) must be true or false, found \(value.typeName)")
    return nil
  }

  mutating func array(_ object: JSONObject, _ key: String, path: [String], context: String) -> [JSONValue]? {
    guard let value = object[key] else { return nil }
    if let items = value.arrayValue { return items }
    report(.error, keyLine(path, key), "'\(key)' in \(context) must be an array, found \(value.typeName)")
    return nil
  }

  mutating func strings(_ object: JSONObject, _ key: String, path: [String], context: String) -> [String]? {
    guard let items = array(object, key, path: path, context: context) else { return nil }
    for (i, item) in items.enumerated() where item.stringValue == nil {
      warning(
        at: path + [key, String(i)], "'\(key)' in \(context): item \(i) should be a string, found \(item.typeName)")
    }
    return items.map(\.displayText)
  }
}

/// A known name within edit distance 2 of `name`, for "did you mean" hints.
func closestName(to name: String, in candidates: Set<String>) -> String? {
  let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
  guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= 2 else { return nil }
  return best.0
}

private func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in stride(from: 1, through: b.count, by: 1) {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
