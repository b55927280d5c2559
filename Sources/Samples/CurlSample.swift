extension SampleCodeGenerator {
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
}
