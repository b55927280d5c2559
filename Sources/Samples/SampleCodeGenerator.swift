import JSONValue

/// Generated sample code for the ids recipes use ("auto" snippets, recipe-format §6), in the
/// style of Kaltura's client libraries. Languages without a generator return nil.
public enum SampleCodeGenerator {
  public static let languages = ["curl", "python", "node", "php", "ruby"]

  public static func generate(language: String, request: SampleCodeRequest) -> String? {
    switch language {
    case "curl": return curl(request)
    case "python": return python(request)
    case "node": return node(request)
    case "php", "php53": return php(request)
    case "ruby": return ruby(request)
    default: return nil
    }
  }

  // MARK: curl

  static func curl(_ r: SampleCodeRequest) -> String {
    var lines: [String] = []
    let base = r.serviceURL.hasSuffix("/") ? String(r.serviceURL.dropLast()) : r.serviceURL
    if r.requiresSession {
      lines.append(
        "KALTURA_KS=$(curl -s -X POST \"\(base)/service/session/action/start\" \\\n"
          + "  -d \"secret=YOUR_KALTURA_SECRET\" -d \"userId=YOUR_USER_ID\" -d \"type=2\" \\\n"
          + "  -d \"partnerId=\(r.partnerText)\" -d \"format=1\" | tr -d '\"')")
      lines.append("")
    }
    let hasFile = r.parameters.contains(where: \.isFile)
    let flag = hasFile ? "-F" : "-d"
    var args: [String] = []
    if r.requiresSession { args.append("ks=$KALTURA_KS") }
    args.append("format=1")
    for p in r.parameters {
      if p.isFile {
        args.append("\(p.name)=@/path/to/file")
      } else if case .object = p.value {
        for case .value(let path, let value) in p.assignments {
          args.append(bracketKey(path) + "=" + value.displayText)
        }
        for case .newObject(let path, let cls) in p.assignments {
          args.append(bracketKey(path + ["objectType"]) + "=" + cls)
        }
      } else {
        args.append("\(p.name)=\(p.value.displayText)")
      }
    }
    var command = "curl -X POST \"\(base)/service/\(r.service.lowercased())/action/\(r.action)\""
    for a in args { command += " \\\n  \(flag) \"\(shellEscape(a))\"" }
    lines.append(command)
    return lines.joined(separator: "\n")
  }

  static func bracketKey(_ path: [String]) -> String {
    guard let first = path.first else { return "" }
    return first + path.dropFirst().map { "[\($0)]" }.joined()
  }

  static func shellEscape(_ s: String) -> String {
    var out = ""
    for ch in s {
      if ch == "\"" || ch == "\\" || ch == "`" { out.append("\\") }
      out.append(ch)
    }
    return out
  }

  // MARK: Python (KalturaClient package)

  static func python(_ r: SampleCodeRequest) -> String {
    var lines = [
      "from KalturaClient import *",
      "from KalturaClient.Plugins.Core import *",
      "",
      "config = KalturaConfiguration()",
      "config.serviceUrl = \(quoted(r.clientServiceURL + "/"))",
      "client = KalturaClient(config)",
    ]
    if r.requiresSession {
      lines += [
        "ks = client.session.start(",
        "    \"YOUR_KALTURA_SECRET\",",
        "    \"YOUR_USER_ID\",",
        "    KalturaSessionType.ADMIN,",
        "    \(r.partnerText))",
        "client.setKs(ks)",
      ]
    }
    lines.append("")
    var arguments: [String] = []
    for p in r.parameters {
      let variable = snakeCase(p.name)
      arguments.append(variable)
      if p.isFile {
        lines.append("\(variable) = open(\"/path/to/file\", \"rb\")")
        continue
      }
      guard case .object = p.value else {
        lines.append("\(variable) = \(literal(p.value, true: "True", false: "False", null: "None"))")
        continue
      }
      for a in p.assignments {
        switch a {
        case .newObject(let path, let cls):
          lines.append("\(pythonPath(path)) = \(cls)()")
        case .value(let path, let value):
          lines.append("\(pythonPath(path)) = \(literal(value, true: "True", false: "False", null: "None"))")
        }
      }
    }
    lines.append("")
    lines.append("result = client.\(r.service).\(r.action)(\(arguments.joined(separator: ", ")))")
    lines.append("print(result)")
    return lines.joined(separator: "\n")
  }

  static func pythonPath(_ path: [String]) -> String {
    ([snakeCase(path[0])] + path.dropFirst()).joined(separator: ".")
  }

  // MARK: Node.js (kaltura-client package)

  static func node(_ r: SampleCodeRequest) -> String {
    var lines = [
      "const kaltura = require('kaltura-client');",
      "const config = new kaltura.Configuration();",
      "config.serviceUrl = \(singleQuoted(r.clientServiceURL));",
      "const client = new kaltura.Client(config);",
      "",
    ]
    var body: [String] = []
    var arguments: [String] = []
    for p in r.parameters {
      arguments.append(p.name)
      if p.isFile {
        body.append("let \(p.name) = '/path/to/file';")
        continue
      }
      guard case .object = p.value else {
        body.append("let \(p.name) = \(literal(p.value, true: "true", false: "false", null: "null"));")
        continue
      }
      for a in p.assignments {
        switch a {
        case .newObject(let path, let cls):
          let ctor = "new kaltura.objects.\(cls.hasPrefix("Kaltura") ? String(cls.dropFirst(7)) : cls)()"
          body.append(path.count == 1 ? "let \(path[0]) = \(ctor);" : "\(path.joined(separator: ".")) = \(ctor);")
        case .value(let path, let value):
          body.append("\(path.joined(separator: ".")) = \(literal(value, true: "true", false: "false", null: "null"));")
        }
      }
    }
    let call =
      "kaltura.services.\(r.service).\(r.action)(\(arguments.joined(separator: ", ")))\n"
      + ".execute(client)\n.then(result => {\n    console.log(result);\n});"
    if r.requiresSession {
      lines += [
        "kaltura.services.session.start(",
        "    \"YOUR_KALTURA_SECRET\",",
        "    \"YOUR_USER_ID\",",
        "    kaltura.enums.SessionType.ADMIN,",
        "    \(r.partnerText))",
        ".execute(client)",
        ".then(result => {",
        "    client.setKs(result);",
      ]
      lines += (body + call.split(separator: "\n").map(String.init)).map { "    " + $0 }
      lines.append("});")
    } else {
      lines += body + [call]
    }
    return lines.joined(separator: "\n")
  }

  // MARK: PHP (KalturaClient.php)

  static func php(_ r: SampleCodeRequest) -> String {
    var lines = [
      "<?php",
      "require_once('lib/KalturaClient.php');",
      "",
      "$config = new KalturaConfiguration(\(r.partnerText));",
      "$config->serviceUrl = \(singleQuoted(r.clientServiceURL));",
      "$client = new KalturaClient($config);",
    ]
    if r.requiresSession {
      lines.append(
        "$ks = $client->session->start(\"YOUR_KALTURA_SECRET\", \"YOUR_USER_ID\", KalturaSessionType::ADMIN, "
          + "\(r.partnerText));")
      lines.append("$client->setKS($ks);")
    }
    lines.append("")
    var arguments: [String] = []
    for p in r.parameters {
      arguments.append("$" + p.name)
      if p.isFile {
        lines.append("$\(p.name) = '/path/to/file';")
        continue
      }
      guard case .object = p.value else {
        lines.append("$\(p.name) = \(literal(p.value, true: "true", false: "false", null: "null"));")
        continue
      }
      for a in p.assignments {
        switch a {
        case .newObject(let path, let cls): lines.append("$\(path.joined(separator: "->")) = new \(cls)();")
        case .value(let path, let value):
          lines.append(
            "$\(path.joined(separator: "->")) = \(literal(value, true: "true", false: "false", null: "null"));")
        }
      }
    }
    lines.append("")
    lines.append("$result = $client->\(r.service)->\(r.action)(\(arguments.joined(separator: ", ")));")
    lines.append("var_dump($result);")
    return lines.joined(separator: "\n")
  }

  // MARK: Ruby (kaltura gem)

  static func ruby(_ r: SampleCodeRequest) -> String {
    var lines = [
      "require 'kaltura'",
      "include Kaltura",
      "",
      "config = KalturaConfiguration.new()",
      "config.service_url = \(singleQuoted(r.clientServiceURL))",
      "client = KalturaClient.new(config)",
    ]
    if r.requiresSession {
      lines.append(
        "client.ks = client.session_service.start(\"YOUR_KALTURA_SECRET\", \"YOUR_USER_ID\", "
          + "KalturaSessionType::ADMIN, \(r.partnerText))")
    }
    lines.append("")
    var arguments: [String] = []
    for p in r.parameters {
      let variable = snakeCase(p.name)
      arguments.append(variable)
      if p.isFile {
        lines.append("\(variable) = File.open(\"/path/to/file\")")
        continue
      }
      guard case .object = p.value else {
        lines.append("\(variable) = \(literal(p.value, true: "true", false: "false", null: "nil"))")
        continue
      }
      for a in p.assignments {
        let rubyPath: ([String]) -> String = { ($0.map(snakeCase)).joined(separator: ".") }
        switch a {
        case .newObject(let path, let cls): lines.append("\(rubyPath(path)) = \(cls).new()")
        case .value(let path, let value):
          lines.append("\(rubyPath(path)) = \(literal(value, true: "true", false: "false", null: "nil"))")
        }
      }
    }
    lines.append("")
    lines.append(
      "results = client.\(snakeCase(r.service))_service.\(snakeCase(r.action))(\(arguments.joined(separator: ", ")))")
    lines.append("puts results.inspect")
    return lines.joined(separator: "\n")
  }

  // MARK: literals

  static func literal(_ v: JSONValue, true t: String, false f: String, null n: String) -> String {
    switch v {
    case .null: return n
    case .bool(let b): return b ? t : f
    case .int, .double: return v.compactText
    case .string(let s): return quoted(s)
    case .array, .object: return v.compactText
    }
  }

  static func quoted(_ s: String) -> String { JSONValue.string(s).compactText }

  static func singleQuoted(_ s: String) -> String {
    "'" + s.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
