import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Sandbox

/// A sandbox on 127.0.0.1 with its own data directory, a real HTTP transport and an admin KS.
struct SandboxHarness {
  let server: SandboxServer
  let directory: String
  let transport: KalturaHTTPTransport
  let ks: String
  let sentFileBytes: Recorder<FileBytesHandedOver>

  static func start(faults: FaultInjection? = nil, retry: RetryPolicy = .none) async throws -> SandboxHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kaltura-client-sandbox-\(UUID().uuidString)"
    ).path
    let server = try await SandboxServer.start(
      SandboxConfiguration(dataDirectory: directory, conversionDelay: 0, faultInjection: faults))
    let sent = Recorder<FileBytesHandedOver>()
    let transport = KalturaHTTPTransport(
      configuration: .init(defaultTimeout: 60, retry: retry, onFileBytesSent: { sent.append($0) }))
    let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
    return SandboxHarness(server: server, directory: directory, transport: transport, ks: ks, sentFileBytes: sent)
  }

  func stop() async {
    try? await transport.shutdown()
    await server.stop()
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Every file byte handed to a connection, a retried request's again.
  var totalFileBytesSent: Int64 { Int64(sentFileBytes.values.reduce(0) { $0 + $1.count }) }

  /// The file bytes handed over at least once.
  var distinctFileBytesSent: Int64 {
    var ranges = HandedOverRanges()
    for handed in sentFileBytes.values { ranges.insert(handed.range) }
    return ranges.byteCount(withHeldPrefix: 0)
  }

  func addUploadToken(fileName: String, fileSize: Int) async throws -> String {
    let body: JSONValue = [
      "format": 1, "ks": .string(ks),
      "uploadToken": ["objectType": "KalturaUploadToken", "fileName": .string(fileName), "fileSize": .int(fileSize)],
    ]
    let reply = try await transport.send(
      HTTPRequestSpec(url: server.baseURL + "/service/uploadtoken/action/add", body: .json(body)))
    guard let id = try JSONValue(parsing: reply.body)["id"]?.stringValue else {
      throw TransportError("uploadToken.add answered \(reply.status): \(reply.bodyText)")
    }
    return id
  }

  func job(_ file: TestFile, token: String, chunkSize: Int64, parallelism: Int = 4) -> ChunkedUploadJob {
    ChunkedUploadJob(
      serviceURL: server.baseURL, ks: ks, partnerID: server.partnerID, uploadTokenID: token, filePath: file.path,
      fileName: "movie.bin", chunkSize: chunkSize, parallelism: parallelism)
  }

  /// The bytes the sandbox stored for a token (its data file under the data directory).
  func storedBytes(token: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/uploads/tokens/\(token).data")))
  }
}
