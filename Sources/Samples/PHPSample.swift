/// PHP, KalturaClient.php.
extension SampleCodeGenerator {
  static let phpLanguage = ClientLanguage(
    reference: { "$" + $0.joined(separator: "->") }, terminator: ";", fileExpression: "'/path/to/file'",
    newObject: { "new \($0)()" })

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
    let arguments = phpLanguage.arguments(r.parameters)
    lines += [""] + arguments.statements + [""]
    lines.append("$result = $client->\(r.service)->\(r.action)(\(arguments.names.joined(separator: ", ")));")
    lines.append("var_dump($result);")
    return lines.joined(separator: "\n")
  }
}
