import ArgumentParser
import Foundation
import Sandbox

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Run the local Kaltura-compatible sandbox server in the foreground.")

  @Option(help: "Address to listen on.") var host = "127.0.0.1"
  @Option(help: "Port to listen on (0 picks a free one).") var port = 0
  @Option(name: .customLong("data"), help: "Data directory (default: $XDG_DATA_HOME/recipe-console/sandbox).")
  var dataDirectory: String?
  @Option(name: .customLong("partner-id"), help: "Partner id of the sandbox partner.") var partnerID = 100
  @Option(name: .customLong("admin-secret"), help: "Admin secret (default: the stored one, or a new random one).")
  var adminSecret: String?
  @Option(name: .customLong("conversion-delay"), help: "Seconds an entry takes to become READY.")
  var conversionDelay = 3.0

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
    guard conversionDelay >= 0 else { throw ValidationError("--conversion-delay must be >= 0") }
  }

  func run() async throws {
    let directory = dataDirectory ?? SandboxServer.defaultDataDirectory()
    let server = try await SandboxServer.start(
      SandboxConfiguration(
        host: host, port: port, dataDirectory: directory, partnerID: partnerID, adminSecret: adminSecret,
        conversionDelay: conversionDelay))
    // The secret is printed because the user asked for a server whose whole point is that secret.
    let banner =
      "sandbox: \(server.baseURL) partner \(server.partnerID) admin-secret \(server.adminSecret)\n"
      + "data: \(directory) (tokens, entries, files; the partner and its secret are kept in sandbox.sqlite)\n"
      + "Ctrl-C stops the server.\n"
    FileHandle.standardOutput.write(Data(banner.utf8))
    await Self.waitForTerminationSignal()
    await server.stop()
    FileHandle.standardOutput.write(Data("sandbox: stopped\n".utf8))
  }

  /// Suspends until SIGINT or SIGTERM arrives.
  static func waitForTerminationSignal() async {
    let (signals, sink) = AsyncStream<Int32>.makeStream()
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { sink.yield(number) }
      source.resume()
      sources.append(source)
    }
    for await _ in signals { break }
    for source in sources { source.cancel() }
  }
}
