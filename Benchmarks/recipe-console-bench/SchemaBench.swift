import APISchema
import Foundation

/// Times loading the Kaltura OVP OpenAPI document (../shared/data/ovp.openapi.json, 4 MB) and a
/// few lookups; skipped when the shared data is absent.
func runSchemaBenchmarks() throws {
  let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let specPath = repo.deletingLastPathComponent().appendingPathComponent("shared/data/ovp.openapi.json").path
  guard let data = FileManager.default.contents(atPath: specPath) else {
    print("schema: skipped (no \(specPath))")
    return
  }
  let bytes = [UInt8](data)
  let clock = ContinuousClock()
  var best = Duration.seconds(1000)
  var document: APIDocument?
  for _ in 0..<5 {
    let start = clock.now
    document = try APIDocument(bytes: bytes)
    best = min(best, clock.now - start)
  }
  guard let document else { return }
  let lookupStart = clock.now
  var found = 0
  for id in document.operationIDs {
    if let operation = document.operation(id: id), operation.bodyParameter != nil { found += 1 }
  }
  let lookups = clock.now - lookupStart
  print(
    "schema: load \(bytes.count / 1024) KiB in \(best) (best of 5); "
      + "\(document.operationIDs.count) operations decoded in \(lookups) (\(found) with a body)")
}
