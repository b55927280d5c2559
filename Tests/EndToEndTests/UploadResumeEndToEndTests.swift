import Foundation
import JSONValue
import Testing
import Walkthrough

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private let mebibyte = 1 << 20
private let fileSize = 20 * mebibyte + 12_345
/// Allowance for what is not file bytes: request lines, headers, multipart fields, the other
/// steps' requests, the spec download.
private let protocolOverhead = 256 << 10

/// `recipe-console run recipes/upload.md` against `recipe-console serve` through a counting proxy.
private func runArguments(
  _ harness: RunHarness, sandbox: RunSandbox, proxy: RunCountingProxy, file: String, session: String
) -> [String] {
  [
    "run", RunHarness.uploadRecipe, "--service-url", "http://127.0.0.1:\(proxy.port)", "--partner-id",
    String(sandbox.partnerID), "--admin-secret", RunHarness.adminSecret, "--file", file, "--set",
    "3.entry.mediaType=1", "--set", "3.entry.name=End to end", "--save", session, "--chunk-size", "1MiB",
    "--parallel", "4", "--json", "--progress", "never",
  ]
}

/// The file the sandbox serves for the entry of the last step's reply.
private func downloaded(_ lines: [JSONValue]) throws -> [UInt8] {
  let media = try #require(lines.last?["reply"])
  let url = try #require(media["downloadUrl"]?.stringValue ?? media["dataUrl"]?.stringValue)
  let (status, body) = try RunHTTP.get(url)
  #expect(status == 200)
  return body
}

@Suite("recipe-console run: chunked upload end to end", .serialized)
struct UploadResumeEndToEndTests {
  @Test("a 20 MiB file goes up in 1 MiB chunks and the sandbox serves it back byte for byte")
  func multiChunkUpload() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    let proxy = try RunCountingProxy(upstreamPort: sandbox.port)
    do {
      let file = try harness.makeFile(name: "movie.bin", size: fileSize, seed: 5)
      let session = harness.directory + "/upload.session.json"
      let result = try await harness.run(
        runArguments(harness, sandbox: sandbox, proxy: proxy, file: file.path, session: session), name: "run")
      #expect(result.status == 0, "stderr: \(result.stderr)")
      let lines = try result.jsonLines()
      #expect(lines.count == 5)
      #expect(lines.allSatisfy { $0["ok"]?.boolValue == true })
      let upload = try #require(lines.dropFirst().first)
      #expect(upload["upload"]?["chunked"]?.boolValue == true)
      #expect(upload["reply"]?["status"]?.intValue == 2)
      #expect(upload["reply"]?["uploadedFileSize"]?.intValue == fileSize)
      #expect(try downloaded(lines) == file.bytes)
      #expect(proxy.bytesSentUpstream <= fileSize + protocolOverhead)
      let saved = try SessionFile.document(path: session)
      let record = try #require(saved["steps"]?[1]?["upload"])
      #expect(record["uploadTokenId"]?.stringValue == upload["reply"]?["id"]?.stringValue)
      #expect(record["file"]?["size"]?.intValue == fileSize)
      #expect(record["file"]?["headTailHash"]?.stringValue?.hasPrefix("fnv1a64:") == true)
      #expect(record["acknowledgedBytes"]?.intValue == fileSize)
    } catch {
      proxy.stop()
      await sandbox.stop()
      throw error
    }
    proxy.stop()
    await sandbox.stop()
  }

  @Test("killed (SIGKILL) halfway through the upload, resumed with --resume: intact, sends only what is missing")
  func killAndResume() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let sandbox = try await RunSandbox.start(harness)
    // Slowed to about 3 MB/s per connection, and holding everything past three quarters of the
    // file, so the run is still uploading when it is killed, however loaded the machine is.
    let proxy = try RunCountingProxy(
      upstreamPort: sandbox.port, throttleBlock: 32 << 10, throttlePauseMicroseconds: 10_000,
      holdAfterBytes: fileSize * 3 / 4)
    do {
      let file = try harness.makeFile(name: "movie.bin", size: fileSize, seed: 11)
      let session = harness.directory + "/resume.session.json"
      let arguments = runArguments(harness, sandbox: sandbox, proxy: proxy, file: file.path, session: session)
      let first = try harness.start(arguments, name: "first")
      var acknowledged = 0
      // Held by the proxy, the run cannot finish: wait (generously, for a loaded machine) for
      // half the file in its session.
      let deadline = Date().addingTimeInterval(120)
      while acknowledged < fileSize / 2 && first.isRunning && Date() < deadline {
        try await Task.sleep(nanoseconds: 10_000_000)
        // The state file and the commits in its log: the checkpoints of a running upload are the latter.
        let saved = try? SessionFile.document(path: session)
        acknowledged = saved?["steps"]?[1]?["upload"]?["acknowledgedBytes"]?.intValue ?? 0
      }
      first.kill(SIGKILL)
      let killed = await first.finish()
      #expect(killed.killed, "the first run ended by itself: \(killed.stdout) \(killed.stderr)")
      #expect(acknowledged >= fileSize / 2 && acknowledged < fileSize)
      let savedWhileKilled =
        try String(contentsOfFile: session, encoding: .utf8) + String(contentsOfFile: session + ".log", encoding: .utf8)
      #expect(!savedWhileKilled.contains(RunHarness.adminSecret))
      #expect(!RunHarness.containsUnmaskedKS(savedWhileKilled))
      // What the killed run had already written into its sockets still flows once released:
      // it belongs to the first run's count, so wait for its connections to drain and close.
      proxy.release()
      let drained = Date().addingTimeInterval(60)
      while proxy.openSockets > 0 && Date() < drained { try await Task.sleep(nanoseconds: 10_000_000) }
      #expect(proxy.openSockets == 0, "the killed run's connections closed")
      let sentByFirst = proxy.bytesSentUpstream
      #expect(sentByFirst < fileSize)

      let second = try await harness.run(arguments + ["--resume"], name: "second")
      #expect(second.status == 0, "stderr: \(second.stderr)")
      let lines = try second.jsonLines()
      #expect(lines.count == 5)
      #expect(lines.first?["fromSession"]?.boolValue == true)
      #expect(lines.dropFirst().first?["upload"]?["resumed"]?.boolValue == true)
      #expect(lines.allSatisfy { $0["ok"]?.boolValue == true })
      #expect(try downloaded(lines) == file.bytes)
      let sentBySecond = proxy.bytesSentUpstream - sentByFirst
      #expect(sentBySecond <= fileSize - acknowledged + protocolOverhead)
      // One chunk of at most 1 MiB may have been in flight on each of the 4 connections.
      #expect(proxy.bytesSentUpstream <= fileSize + 4 * mebibyte + protocolOverhead)
    } catch {
      proxy.stop()
      await sandbox.stop()
      throw error
    }
    proxy.stop()
    await sandbox.stop()
  }
}
