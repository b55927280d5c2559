import Foundation
import JSONValue
import KalturaWire

/// Performs prepared requests: the only asynchronous part of a walkthrough. Whole-file uploads
/// larger than one chunk go through the injected `ChunkedUploading` when there is one.
public struct StepRunner: Sendable {
  public var transport: any HTTPTransport
  public var uploader: (any ChunkedUploading)?
  /// Files larger than this go through `uploader` (when set).
  public var chunkSize: Int64
  public var parallelism: Int

  public init(
    transport: any HTTPTransport, uploader: (any ChunkedUploading)? = nil, chunkSize: Int64 = 8 << 20,
    parallelism: Int = 4
  ) {
    self.transport = transport
    self.uploader = uploader
    self.chunkSize = chunkSize
    self.parallelism = parallelism
  }

  /// Builds, sends and records one step. A step that cannot be built (no session) or sends
  /// nothing is reported as a failed exchange that is not recorded.
  public func run(
    step: Int, engine: inout WalkthroughEngine,
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async -> Exchange {
    let prepared: PreparedRequest
    do {
      prepared = try engine.prepareRequest(step: step)
    } catch {
      return Exchange(method: "POST", url: "", ok: false, error: error.description, startedAt: Self.now())
    }
    let exchange = await send(prepared, credentials: engine.credentials, progress: progress)
    engine.record(exchange, step: step)
    return exchange
  }

  /// Sends a prepared request and judges the reply. Never throws: failures are exchanges too.
  public func send(
    _ prepared: PreparedRequest, credentials: ServiceCredentials,
    progress: @escaping @Sendable (UploadProgress) -> Void = { _ in }
  ) async -> Exchange {
    let startedAt = Self.now()
    let clock = ContinuousClock()
    let start = clock.now
    var exchange = Exchange(
      method: prepared.spec.method, url: prepared.displayURL, requestBody: prepared.displayBody, ok: false,
      startedAt: startedAt)
    if let missing = missingFile(prepared.spec.body) {
      exchange.error = "file not found: \(missing)"
      return exchange
    }
    do {
      let reply: HTTPReply
      if let upload = prepared.upload, let uploader, fileSize(upload.filePath) > chunkSize {
        let job = ChunkedUploadJob(
          serviceURL: credentials.apiBaseURL, ks: credentials.ks, partnerID: credentials.partnerID,
          uploadTokenID: upload.uploadTokenID, filePath: upload.filePath, fileName: upload.fileName,
          chunkSize: chunkSize, parallelism: parallelism)
        reply = try await uploader.upload(job, progress: progress).reply
      } else {
        reply = try await transport.send(prepared.spec)
      }
      let judged = JudgedReply(reply)
      exchange.status = reply.status
      exchange.reply = judged.body
      exchange.replyIsJSON = judged.isJSON
      exchange.ok = judged.ok
      exchange.error = judged.error
      exchange.errorCode = judged.errorCode
    } catch {
      exchange.error = Redaction.scrub(String(describing: error), secrets: credentials.secretStrings)
    }
    exchange.milliseconds = Self.milliseconds(clock.now - start)
    return exchange
  }

  /// Fetches a dynamic enum's choices for a field, with the session.
  public func options(step: Int, path: String, engine: WalkthroughEngine) async throws -> [EnumChoice] {
    guard let field = engine.form(step)?.field(path), let dynamicEnum = field.dynamicEnum,
      let prepared = engine.dynamicEnumRequest(step: step, path: path)
    else { return [] }
    let exchange = await send(prepared, credentials: engine.credentials)
    guard exchange.ok, let reply = exchange.reply else {
      throw TransportError(exchange.error ?? "listing the choices failed")
    }
    return DynamicEnumOptions.choices(in: reply, for: dynamicEnum)
  }

  private func missingFile(_ body: HTTPRequestBody) -> String? {
    guard case .multipart(let parts) = body else { return nil }
    for case .file(_, let path, _, _, _) in parts where !FileManager.default.isReadableFile(atPath: path) {
      return path
    }
    return nil
  }

  private func fileSize(_ path: String) -> Int64 {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
  }

  static func now() -> Double { Date().timeIntervalSince1970 }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }
}
