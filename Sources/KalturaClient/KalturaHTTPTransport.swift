import AsyncHTTPClient
import KalturaWire
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#endif

/// A transport that can send a request exactly once, leaving retries to the caller. The chunked
/// uploader uses it so that retries are counted (and backed off) in one place only.
public protocol SingleAttemptSending: HTTPTransport {
  func sendOnce(_ request: HTTPRequestSpec) async throws -> HTTPReply
}

/// The real transport: AsyncHTTPClient with one shared connection pool (TLS included), exact
/// Content-Length bodies streamed from disk, per-request deadlines, retries with capped
/// exponential backoff for transport failures and 5xx replies, and Task cancellation.
public final class KalturaHTTPTransport: SingleAttemptSending {
  public struct Configuration: Sendable {
    /// Deadline of a whole exchange when the request does not give one, in seconds.
    public var defaultTimeout: Double
    public var connectTimeout: Double
    /// Longest silence while waiting for a reply, in seconds (Kaltura may hold a final chunk 45 s).
    public var readTimeout: Double
    public var retry: RetryPolicy
    public var maxReplyBytes: Int
    /// Size of the blocks read from disk for file parts.
    public var fileBlockSize: Int
    public var maxConnectionsPerHost: Int
    /// Called with each block of file bytes (where in the file, how many) as it is handed to the
    /// connection (tests, progress). A retried request hands its blocks over again.
    public var onFileBytesSent: (@Sendable (FileBytesHandedOver) -> Void)?
    public var logger: Logger

    public init(
      defaultTimeout: Double = 300, connectTimeout: Double = 10, readTimeout: Double = 120,
      retry: RetryPolicy = .standard, maxReplyBytes: Int = 64 << 20, fileBlockSize: Int = 256 << 10,
      maxConnectionsPerHost: Int = 16, onFileBytesSent: (@Sendable (FileBytesHandedOver) -> Void)? = nil,
      logger: Logger = Logger(label: "recipe-console.http")
    ) {
      self.defaultTimeout = defaultTimeout
      self.connectTimeout = connectTimeout
      self.readTimeout = readTimeout
      self.retry = retry
      self.maxReplyBytes = maxReplyBytes
      self.fileBlockSize = fileBlockSize
      self.maxConnectionsPerHost = maxConnectionsPerHost
      self.onFileBytesSent = onFileBytesSent
      self.logger = logger
    }
  }

  public let configuration: Configuration
  private let client: HTTPClient

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    var clientConfiguration = HTTPClient.Configuration(
      timeout: .init(
        connect: .milliseconds(Int64(configuration.connectTimeout * 1000)),
        read: .milliseconds(Int64(configuration.readTimeout * 1000))),
      // Idle connections are dropped well before the sandbox's 60 s idle timeout: with equal
      // timeouts a connection reused as the server closes it resets a call that is not safe to
      // send again (seen under load, when a step starts a minute after the previous one).
      connectionPool: .init(
        idleTimeout: .seconds(20),
        concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConnectionsPerHost))
    clientConfiguration.httpVersion = .http1Only
    // A refused connection fails the attempt at once; `retry` backs off and counts attempts in one
    // place (left on, the pool would keep reconnecting until the connect timeout, per attempt).
    clientConfiguration.connectionPool.retryConnectionEstablishment = false
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
  }

  /// Closes every connection; call once when the program is done with the network.
  public func shutdown() async throws {
    try await client.shutdown()
  }

  /// Sends `request`, retrying 5xx replies and lost connections only when `RepeatSafety` says
  /// the call is safe to repeat, or when the connection failed before anything was sent. The
  /// reasons of the retries travel with the reply, or with the error that ends them.
  public func send(_ request: HTTPRequestSpec) async throws -> HTTPReply {
    let policy = configuration.retry
    let safeToRepeat = RepeatSafety.isSafeToRepeat(request)
    var retries: [String] = []
    while true {
      let attempt = retries.count + 1
      do {
        var reply = try await sendOnce(request)
        if RetryPolicy.isRetryable(status: reply.status), safeToRepeat, attempt < policy.maxAttempts {
          log(request, "HTTP \(reply.status), retry \(attempt)")
          retries.append("HTTP \(reply.status)")
          try await policy.sleep(afterAttempt: attempt)
          continue
        }
        reply.retries = retries
        return reply
      } catch var error as TransportError {
        guard safeToRepeat || error.nothingSent, attempt < policy.maxAttempts else {
          if !retries.isEmpty { error.message += " (retried \(retries.count)×: \(retries.joined(separator: ", ")))" }
          throw error
        }
        log(request, "\(error.message), retry \(attempt)")
        retries.append(Self.reason(of: error))
        try await policy.sleep(afterAttempt: attempt)
      }
    }
  }

  /// One exchange. Throws `TransportError` when no reply came, `FileReadError` when a file part
  /// cannot be read, `CancellationError` when the task was cancelled.
  public func sendOnce(_ request: HTTPRequestSpec) async throws -> HTTPReply {
    try Task.checkCancellation()
    let outgoing = try makeRequest(request)
    let started = ContinuousClock.now
    let timeout = request.timeout ?? configuration.defaultTimeout
    do {
      let response = try await client.execute(
        outgoing, deadline: .now() + .milliseconds(Int64(timeout * 1000)), logger: configuration.logger)
      let body = try await response.body.collect(upTo: configuration.maxReplyBytes)
      var headers: [String: String] = [:]
      for (name, value) in response.headers {
        headers[name] = headers[name].map { "\($0), \(value)" } ?? value
      }
      let elapsed = started.duration(to: .now)
      return HTTPReply(
        status: Int(response.status.code), headers: headers, body: Array(buffer: body),
        milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    } catch let error as FileReadError {
      throw error
    } catch {
      if Task.isCancelled { throw CancellationError() }
      if error is CancellationError { throw error }
      throw TransportError(
        "\(request.method) \(Self.redactedTarget(request.url)): \(Self.describe(error))",
        nothingSent: Self.neverReachedServer(error))
    }
  }

  /// "connection reset by peer" out of "POST http://h/api_v3/…: connection reset by peer".
  static func reason(of error: TransportError) -> String {
    String(error.message.split(separator: ": ").last ?? Substring(error.message))
  }

  /// A failure to connect at all: no byte of the request can have reached the server.
  static func neverReachedServer(_ error: any Error) -> Bool {
    if let io = error as? IOError { return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(io.errnoCode) }
    if error is NIOConnectionError { return true }
    if let client = error as? HTTPClientError { return client == .connectTimeout }
    if let channel = error as? ChannelError, case .connectTimeout = channel { return true }
    return false
  }

  /// NIO's socket errors read "connection reset (error set): Connection refused) (errno: 111)";
  /// the system's own words for the errno say it plainly.
  static func describe(_ error: any Error) -> String {
    if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
    return "\(error)"
  }

  private func makeRequest(_ spec: HTTPRequestSpec) throws -> HTTPClientRequest {
    var request = HTTPClientRequest(url: spec.url)
    request.method = .init(rawValue: spec.method.uppercased())
    let layout = try BodyLayout.make(spec.body)
    var hasContentType = false
    for (name, value) in spec.headers {
      if name.lowercased() == "content-type" { hasContentType = true }
      request.headers.replaceOrAdd(name: name, value: value)
    }
    if !hasContentType, let contentType = layout.contentType {
      request.headers.replaceOrAdd(name: "Content-Type", value: contentType)
    }
    if !request.headers.contains(name: "User-Agent") {
      request.headers.replaceOrAdd(name: "User-Agent", value: "recipe-console")
    }
    if case .none = spec.body {
      request.body = nil
    } else {
      let stream = StreamedBody(
        layout: layout, blockSize: configuration.fileBlockSize, onFileBytes: configuration.onFileBytesSent)
      request.body = .stream(stream, length: .known(layout.length))
    }
    return request
  }

  private func log(_ request: HTTPRequestSpec, _ message: String) {
    configuration.logger.debug("\(request.method) \(Self.redactedTarget(request.url)): \(message)")
  }

  /// The URL without its query string: a KS may travel there and must never reach a log.
  static func redactedTarget(_ url: String) -> String {
    guard let question = url.firstIndex(of: "?") else { return url }
    return String(url[..<question]) + "?…"
  }
}
