/// Node.js, kaltura-client package.
extension SampleCodeGenerator {
  static let nodeLanguage = ClientLanguage(
    reference: { $0.joined(separator: ".") }, declaration: "let ", terminator: ";",
    fileExpression: "'/path/to/file'",
    newObject: { "new kaltura.objects.\($0.hasPrefix("Kaltura") ? String($0.dropFirst(7)) : $0)()" })

  static func node(_ r: SampleCodeRequest) -> String {
    var lines = [
      "const kaltura = require('kaltura-client');",
      "const config = new kaltura.Configuration();",
      "config.serviceUrl = \(singleQuoted(r.clientServiceURL));",
      "const client = new kaltura.Client(config);",
      "",
    ]
    let arguments = nodeLanguage.arguments(r.parameters)
    let call =
      "kaltura.services.\(r.service).\(r.action)(\(arguments.names.joined(separator: ", ")))\n"
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
      lines += (arguments.statements + call.split(separator: "\n").map(String.init)).map { "    " + $0 }
      lines.append("});")
    } else {
      lines += arguments.statements + [call]
    }
    return lines.joined(separator: "\n")
  }
}
