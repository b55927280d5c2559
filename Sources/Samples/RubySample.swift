/// Ruby, kaltura gem.
extension SampleCodeGenerator {
  static let rubyLanguage = ClientLanguage(
    reference: { $0.map(snakeCase).joined(separator: ".") }, fileExpression: "File.open(\"/path/to/file\")",
    newObject: { "\($0).new()" }, nullLiteral: "nil")

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
    let arguments = rubyLanguage.arguments(r.parameters)
    lines += [""] + arguments.statements + [""]
    lines.append(
      "results = client.\(snakeCase(r.service))_service.\(snakeCase(r.action))"
        + "(\(arguments.names.joined(separator: ", ")))")
    lines.append("puts results.inspect")
    return lines.joined(separator: "\n")
  }
}
