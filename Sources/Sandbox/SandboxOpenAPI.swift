import Foundation
import JSONValue

/// The OpenAPI 2.0 document of exactly what the sandbox implements, served at
/// `/api_v3/openapi.json`. `Resources/openapi.json` is trimmed from Kaltura's OVP spec by
/// `Resources/make-openapi.py`, so shapes, enums and labels are Kaltura's own.
struct SandboxOpenAPI: Sendable {
  let template: JSONValue

  init() {
    if let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
      let data = try? Data(contentsOf: url), let document = try? JSONValue(parsing: Array(data))
    {
      template = document
    } else {
      template = ["swagger": "2.0", "info": ["title": "recipe-console sandbox", "version": ""], "paths": [:]]
    }
  }

  /// The document with `host` set to where this server listens (`host:port`).
  func document(host: String) -> [UInt8] {
    var document = template
    document.setValue(.string(host), atPath: "host")
    return document.utf8Bytes
  }
}
