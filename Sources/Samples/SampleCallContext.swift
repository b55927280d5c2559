import JSONValue

/// The dictionaries the Mustache templates read: every name a template may use is set here, in
/// one place, so templates stay free of logic and a language is only its template.
extension SampleCall {
  var context: [String: Any] {
    let r = request
    var top: [String: Any] = [
      "service": r.service, "action": r.action, "serviceURL": r.trimmedServiceURL,
      "clientServiceURL": r.clientServiceURL, "partnerId": r.partnerText,
      "secret": r.adminSecret ?? "YOUR_KALTURA_SECRET", "userId": r.userID ?? "YOUR_USER_ID",
      "requiresSession": r.requiresSession, "setup": r.includeSetup,
      "hasFile": arguments.contains { if case .file = $0.value { true } else { false } },
      "serviceSnake": snakeCase(r.service), "actionSnake": snakeCase(r.action),
      "serviceLower": r.service.lowercased(), "serviceCapitalized": capitalized(r.service),
      "actionCapitalized": capitalized(r.action),
    ]
    top["objects"] = objects.map { object in
      [
        "variable": object.variable, "variableSnake": snakeCase(object.variable), "className": object.className,
        "shortClassName": shortClassName(object.className),
        "members": object.members.map { member in
          [
            "name": member.name, "nameSnake": snakeCase(member.name), "nameCapitalized": capitalized(member.name),
            "value": Self.describe(member.value),
          ] as [String: Any]
        },
      ] as [String: Any]
    }
    top["arguments"] = arguments.enumerated().map { index, argument in
      [
        "name": argument.name, "nameSnake": snakeCase(argument.name), "first": index == 0,
        "value": Self.describe(argument.value),
      ] as [String: Any]
    }
    top["formFields"] = formFields.map { field in
      ["key": field.key, "isFile": field.isFile] + (field.enumName.map { ["enumName": $0] } ?? [:])
        + Self.quotings(field.text)
        + [
          "text": field.text, "keyQuoted": SampleCodeGenerator.quoted(field.key),
          "shellQuotedField": shellQuoted(field.key + "=" + field.text),
        ]
    }
    return top
  }

  static func describe(_ value: SampleValue) -> [String: Any] {
    switch value {
    case .string(let text): return ["isString": true, "text": text] + quotings(text)
    case .number(let text): return ["isNumber": true, "text": text]
    case .bool(let flag): return ["isBool": true, "isTrue": flag, "isFalse": !flag, "text": flag ? "true" : "false"]
    case .null: return ["isNull": true]
    case .enumeration(let type, let constant, let raw):
      var out: [String: Any] = [
        "isEnum": true, "enumType": type, "enumShortType": shortClassName(type), "constant": constant,
        "text": raw.displayText, "literal": raw.compactText,
      ]
      if case .string = raw { out["isStringEnum"] = true }
      return out
    case .object(let variable): return ["isObject": true, "variable": variable, "variableSnake": snakeCase(variable)]
    case .array(let items):
      return [
        "isArray": true,
        "items": items.enumerated().map { index, item in describe(item) + ["first": index == 0] },
      ]
    case .file(let path): return ["isFile": true, "path": path] + quotings(path)
    }
  }

  static func quotings(_ text: String) -> [String: Any] {
    [
      "quoted": SampleCodeGenerator.quoted(text), "singleQuoted": SampleCodeGenerator.singleQuoted(text),
      "shellQuoted": shellQuoted(text),
    ]
  }

  /// The call as an HTTP form (`entry[name]=…`, `fileData=@path`): the wire shape every client
  /// sends, used by templates that post the form themselves (curl, ajax).
  var formFields: [(key: String, text: String, isFile: Bool, enumName: String?)] {
    var out: [(String, String, Bool, String?)] = []
    func walk(_ value: SampleValue, _ key: String) {
      switch value {
      case .object(let variable):
        guard let object = objects.first(where: { $0.variable == variable }) else { return }
        out.append((key + "[objectType]", object.className, false, nil))
        for member in object.members { walk(member.value, key + "[\(member.name)]") }
      case .array(let items):
        for (index, item) in items.enumerated() { walk(item, key + "[\(index)]") }
      case .file(let path): out.append((key, path, true, nil))
      case .string(let text), .number(let text): out.append((key, text, false, nil))
      case .bool(let flag): out.append((key, flag ? "1" : "0", false, nil))
      case .null: out.append((key + "__null", "", false, nil))
      case .enumeration(let type, let constant, let raw):
        out.append((key, raw.displayText, false, type + "." + constant))
      }
    }
    for argument in arguments { walk(argument.value, argument.name) }
    return out
  }
}

/// POSIX single quotes, which nothing inside expands.
func shellQuoted(_ text: String) -> String { "'" + text.replacingAll("'", with: "'\\''") + "'" }

/// `KalturaMediaEntry` → `MediaEntry`, as the Node and TypeScript clients name classes.
func shortClassName(_ name: String) -> String {
  name.hasPrefix("Kaltura") ? String(name.dropFirst(7)) : name
}

func + (a: [String: Any], b: [String: Any]) -> [String: Any] { a.merging(b) { $1 } }
