import Foundation
import Sandbox
import Testing

/// The official Kaltura Python client drives cue points, captions, custom metadata and
/// thumbnails against the sandbox and reads back what it wrote (Tests/python/media_families.py).
@Suite struct PythonMediaFamiliesTests {
  @Test(
    .enabled(
      if: PythonClientConformanceTests.python != nil,
      "no Python with kalturaapiclient: run `make venv` (make test does)"),
    .timeLimit(.minutes(3)))
  func officialClientRunsTheMediaFamilies() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("py-families-\(UUID())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try await SandboxServer.start(
      SandboxConfiguration(
        dataDirectory: directory.path, partnerID: 4242, adminSecret: "families-secret", conversionDelay: 0))
    let result: (status: Int32, output: String)
    do {
      result = try await PythonClientConformanceTests.runPython(
        arguments: [
          PythonClientConformanceTests.repositoryRoot.appendingPathComponent("Tests/python/media_families.py").path,
          String(server.baseURL.dropLast("/api_v3".count)), "4242", "families-secret",
        ])
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
    #expect(result.status == 0, "python scenario failed:\n\(result.output)")
    for check in [
      "ok cue point added, listed by entry and type, read back",
      "ok caption set from a token, listed, served back, searched",
      "ok metadata refused, added, listed by object and profile, read back",
      "ok entry found by its metadata through a KalturaMetadataSearchItem", "ok thumbnailUrl is a PNG",
    ] {
      #expect(result.output.contains(check), "missing \(check):\n\(result.output)")
    }
  }
}
