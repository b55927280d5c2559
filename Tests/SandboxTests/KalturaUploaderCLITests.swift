import ChildProcess
import Crypto
import Foundation
import JSONValue
import Testing

/// kaltura-uploader 0.1.3 (PyPI, unmodified apart from its hard-coded service URL) uploads a
/// file of random bytes into the sandbox through its CLI and creates a data entry from it.
@Suite struct KalturaUploaderCLITests {
  /// The interpreter PythonClientConformanceTests uses, when its environment has kaltura-uploader.
  static var python: String? {
    guard let python = PythonClientConformanceTests.python else { return nil }
    let venv = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent()
    let lib = venv.appendingPathComponent("lib")
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
    let installed = versions.contains {
      FileManager.default.fileExists(
        atPath: lib.appendingPathComponent("\($0)/site-packages/kaltura_uploader/cli.py").path)
    }
    return installed ? python : nil
  }

  @Test(
    .enabled(if: python != nil, "no Python with kaltura-uploader: run `make venv` (make test does)"),
    .timeLimit(.minutes(3)))
  func cliUploadsARandomFileIntoADataEntry() async throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("kaltura-uploader-\(UUID())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    // 3 MiB + 5 bytes: two of the tool's 2 MiB chunks, the last one short.
    let content = lcgBytes((3 << 20) + 5, seed: 0x2545_F491_4F6C_DD1D)
    let file = work.appendingPathComponent("payload.bin")
    try Data(content).write(to: file)

    try await Harness.with { h in
      // The tool hard-codes Kaltura's hosts; pointing its URL constants at the sandbox is the only change.
      let script = """
        import sys
        import kaltura_uploader.uploader as u
        u.KALTURA_SERVICE_URL = "\(h.origin)/"
        u.KALTURA_API_URL = "\(h.origin)/api_v3/"
        cdn = u.KALTURA_CDN_URL_TEMPLATE
        u.KALTURA_CDN_URL_TEMPLATE = "\(h.origin)" + cdn[cdn.index("/p/"):]
        from kaltura_uploader.cli import main
        sys.argv = ["kaltura_uploader", "--json_log_file", "\(work.path)/upload.log", sys.argv[1]]
        sys.exit(main())
        """
      let result = try await Self.run(
        [Self.python!, "-c", script, file.path], directory: work,
        environment: ["KALTURA_PARTNER_ID": String(h.server.partnerID), "KALTURA_ADMIN_SECRET": h.server.adminSecret])
      #expect(result.status == 0, "kaltura-uploader failed:\n\(result.output.suffix(3000))")

      let ks = try await h.adminKS()
      let listed = try await h.call("baseEntry", "list", [("filter:nameLike", "payload.bin")], ks: ks)
      let entries = listed["objects"]?.arrayValue ?? []
      try #require(entries.count == 1, "entries: \(listed.compactText)")
      let entry = entries[0]
      #expect(entry["objectType"]?.stringValue == "KalturaDataEntry")
      #expect(entry["type"]?.intValue == 6)
      #expect(entry["status"]?.intValue == 2)
      let downloaded = try await h.get(try #require(entry["downloadUrl"]?.stringValue))
      #expect(downloaded.body.count == content.count)
      #expect(Self.sha256(downloaded.body) == Self.sha256(content), "the stored file differs from the source")
      // The direct-serve URL the tool prints (`/p/{pid}/raw/entry_id/{id}/direct_serve/...`) serves it too.
      let printed = result.output.split(whereSeparator: \.isWhitespace).first {
        $0.hasPrefix(h.origin + "/p/") && $0.contains("/raw/entry_id/")
      }
      let served = try await h.get(String(try #require(printed, "no download URL in:\n\(result.output.suffix(2000))")))
      #expect(Self.sha256(served.body) == Self.sha256(content))
      let tokens = try await h.call("uploadToken", "list", [], ks: ks)
      #expect(tokens["objects"]?.arrayValue?.allSatisfy { $0["status"]?.intValue == 3 } == true, "token closed")
    }
  }

  static func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  static func run(_ arguments: [String], directory: URL, environment: [String: String]) async throws
    -> (status: Int32, output: String)
  {
    let ran = try await ChildProcess.run(
      arguments[0], Array(arguments.dropFirst()),
      environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, directory: directory.path,
      timeout: .seconds(600))
    return (ran.status, ran.output + (ran.timedOut ? "\n(killed after 600 s)" : ""))
  }
}
