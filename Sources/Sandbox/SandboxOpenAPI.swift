import Foundation

/// The OpenAPI 2.0 document of what the sandbox implements (served at `/api_v3/openapi.json`).
enum SandboxOpenAPI {
  static func document() -> [UInt8] {
    Array("{\"swagger\":\"2.0\",\"info\":{\"title\":\"recipe-console sandbox\",\"version\":\"1\"},\"paths\":{}}".utf8)
  }
}
