/// Python, KalturaClient package.
extension SampleCodeGenerator {
  static let pythonLanguage = ClientLanguage(
    reference: { ([snakeCase($0[0])] + $0.dropFirst()).joined(separator: ".") },
    fileExpression: "open(\"/path/to/file\", \"rb\")", newObject: { "\($0)()" },
    trueLiteral: "True", falseLiteral: "False", nullLiteral: "None")

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
    let arguments = pythonLanguage.arguments(r.parameters)
    lines += [""] + arguments.statements + [""]
    lines.append("result = client.\(r.service).\(r.action)(\(arguments.names.joined(separator: ", ")))")
    lines.append("print(result)")
    return lines.joined(separator: "\n")
  }
}
