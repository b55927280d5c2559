import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `recipe-console serve` behind a counting proxy, for the tmux tests where an upload's timing
/// or bytes matter. The console talks to the proxy, which holds the upload where the test
/// wants it until the test has seen what it waits for (whatever the machine's load, no step
/// depends on an upload taking long enough), and counts what is sent again on a resume.
final class TuiServedSandbox {
  let harness: RunHarness
  let sandbox: RunSandbox
  let proxy: RunCountingProxy

  private init(harness: RunHarness, sandbox: RunSandbox, proxy: RunCountingProxy) {
    self.harness = harness
    self.sandbox = sandbox
    self.proxy = proxy
  }

  static func start() async throws -> TuiServedSandbox {
    let harness = try RunHarness()
    let sandbox: RunSandbox
    do { sandbox = try await RunSandbox.start(harness) } catch {
      harness.remove()
      throw error
    }
    do {
      return TuiServedSandbox(
        harness: harness, sandbox: sandbox, proxy: try RunCountingProxy(upstreamPort: sandbox.port))
    } catch {
      await sandbox.stop()
      harness.remove()
      throw error
    }
  }

  /// The console's options that send it to the sandbox through the proxy.
  var consoleOptions: String {
    "--service-url http://127.0.0.1:\(proxy.port) --partner-id \(sandbox.partnerID)"
      + " --admin-secret \(RunHarness.adminSecret)"
  }

  /// The bytes the sandbox holds for an upload token.
  func storedBytes(token: String) -> Data? {
    FileManager.default.contents(atPath: harness.directory + "/sandbox/uploads/tokens/\(token).data")
  }

  /// Lets held bytes through and waits until every connection through the proxy is closed
  /// (the console has exited), so what its killed run had in its sockets is counted as its own.
  func releaseAndDrain(seconds: Double = 60) async throws {
    proxy.release()
    let deadline = Date().addingTimeInterval(seconds)
    while proxy.openSockets > 0 {
      guard Date() < deadline else {
        throw TuiTimeout(description: "\(proxy.openSockets) proxied sockets still open after \(Int(seconds)) s")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  /// Stops the proxy and the sandbox (and waits for it to exit), then removes their files.
  func stop() {
    proxy.stop()
    sandbox.child.stopNow(SIGTERM)
    harness.remove()
  }
}
