import Foundation
import Hummingbird
import JSONValue
import KalturaWire
import NIOCore

struct SandboxRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// Kept so fault injection can drop the connection.
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
  }
}

/// Routes every request by hand: Kaltura's URL forms (`/api_v3/service/S/action/A[/k/v…]`,
/// `/api_v3/?service=…`, `index.php`, repeated slashes) do not fit a router's patterns.
struct SandboxResponder: HTTPResponder {
  typealias Context = SandboxRequestContext
  let core: SandboxCore
  let dice: FaultDice?
  let openAPI: SandboxOpenAPI
  /// `SandboxConfiguration.maxFormBodyBytes`.
  let maxFormBody: Int

  func respond(to request: Request, context: Context) async throws -> Response {
    let segments = request.uri.path.split(separator: "/").map(KalturaRequestDecoder.percentDecodePath)
    if request.method == .options { return Self.corsPreflight() }
    if segments.first == "p" {
      if let player = PlayerStandIn.response(segments, origin: core.builder.origin) { return player }
      if let thumbnail = try await serveThumbnail(segments, request: request) { return thumbnail }
      return try await serveContent(segments, request: request, context: context)
    }
    guard segments.first?.lowercased() == "api_v3" else { return Self.plain(.notFound, "not found") }
    if segments.count == 2 && segments[1] == "openapi.json" {
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(
          byteBuffer: ByteBuffer(
            bytes: openAPI.document(host: Self.hostPort(core.builder.origin), kind: core.kinds()))))
    }
    return try await apiCall(request, context: context)
  }

  // MARK: API calls

  private func apiCall(_ request: Request, context: Context) async throws -> Response {
    let started = Date()
    let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")

    var request = request
    if let dice, Self.isUpload(KalturaRequestDecoder.assemble(target: target, bodyParams: JSONObject())) {
      switch dice.roll() {
      case .none: break
      case .serverError:
        try await Self.drain(&request)
        return Self.plain(.internalServerError, "injected fault")
      case .dropConnection:
        try await Self.drain(&request)
        context.channel.close(promise: nil)
        throw CancellationError()
      }
    }

    var spooler: StreamingMultipart?
    defer { spooler?.discardFiles() }
    var bodyParams = JSONObject()
    // A body PHP cannot read is `UPLOAD_ERROR` in a normal HTTP 200 reply, as KalturaWire's
    // decoder answers, never a bare HTTP 400 a Kaltura client cannot parse.
    var unreadableBody = false
    var oversizedBody = false
    let contentType = request.headers[.contentType]
    do {
      if KalturaRequestDecoder.mediaType(of: contentType) == "multipart/form-data" {
        if let boundary = StreamingMultipart.boundary(ofContentType: contentType ?? "") {
          var parser = StreamingMultipart(boundary: boundary, spoolPath: { [core] in core.files.newSpoolPath() })
          for try await buffer in request.body { try parser.consume(buffer.readableBytesView) }
          try parser.finish()
          spooler = parser
          // As PHP does: with a `json` part, the other plain fields are ignored.
          bodyParams = KalturaRequestDecoder.bodyParams(multipartFields: parser.result.fields)
        } else {
          try await Self.drain(&request)
          unreadableBody = true
        }
      } else {
        let body = try await request.collectBody(upTo: maxFormBody)
        // JSON only with the exact `application/json` type, as Kaltura reads it: a client that
        // sends `application/json; charset=utf-8` loses its parameters on the real server too.
        bodyParams = KalturaRequestDecoder.bodyParams(contentType: contentType, body: Array(body.readableBytesView))
      }
    } catch is StreamingMultipart.ParseError {
      unreadableBody = true
    } catch is NIOTooManyBytesError {
      oversizedBody = true
    }
    let call = KalturaRequestDecoder.assemble(target: target, bodyParams: bodyParams)
    let files = spooler?.result.files ?? [:]
    let format = call.format ?? 2
    let ignoreNull = call.bool("ignoreNull") ?? false

    let seconds = { Date().timeIntervalSince(started) }
    var headers = Self.kalturaHeaders()
    let reply: (contentType: String, body: [UInt8])
    if !unreadableBody && !oversizedBody, Self.isSynthesized(call, core: core),
      let marker = HTTPFields.Element.Name("X-Sandbox-Synthesized")
    {
      headers[marker] = "true"
      headers[.accessControlExposeHeaders] = (headers[.accessControlExposeHeaders] ?? "") + ", X-Sandbox-Synthesized"
    }
    if call.isMultirequest && !unreadableBody && !oversizedBody {
      let results = await core.handleMultirequest(call, files: files)
      reply = KalturaReplyEncoder.encode(results, format: format, executionTime: seconds(), ignoreNull: ignoreNull)
    } else {
      let result: KalturaResult
      if oversizedBody {
        result = .failure(SandboxErrors.requestTooLarge(maxBytes: maxFormBody))
      } else if unreadableBody {
        result = .failure(KalturaAPIError.uploadError)
      } else if call.service.isEmpty {
        result = .failure(KalturaAPIError.serviceDoesNotExist(""))
      } else if format != 1 && format != 2 {
        result = .failure(KalturaAPIError.unknownResponseFormat(String(format)))
      } else if let served = core.servedFile(call) {
        switch served {
        case .success(let file):
          headers[.contentType] = file.contentType
          return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
        case .failure(let error): result = .failure(error)
        }
      } else {
        result = await core.handle(call, files: files)
      }
      if case .failure(let error) = result, let marker = HTTPFields.Element.Name("X-Kaltura") {
        headers[marker] = "error-" + error.code
      }
      reply = KalturaReplyEncoder.encode(result, format: format, executionTime: seconds(), ignoreNull: ignoreNull)
    }
    headers[.contentType] = reply.contentType
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
  }

  static func hostPort(_ origin: String) -> String {
    origin.hasPrefix("http://") ? String(origin.dropFirst("http://".count)) : origin
  }

  /// Whether any call of the request is answered by a made-up reply.
  private static func isSynthesized(_ call: KalturaCall, core: SandboxCore) -> Bool {
    let calls = call.isMultirequest ? Multirequest.keyedSplit(call).map(\.call) : [call]
    return calls.contains { core.kind(of: $0) == .synthesized }
  }

  private static func isUpload(_ call: KalturaCall) -> Bool {
    call.serviceID == "uploadtoken" && call.actionID == "upload"
  }

  private static func drain(_ request: inout Request) async throws {
    for try await _ in request.body {}
  }

  static func kalturaHeaders() -> HTTPFields {
    var headers = HTTPFields()
    headers[.accessControlAllowOrigin] = "*"
    headers[.accessControlExposeHeaders] =
      "Server, Content-Length, Content-Range, Date, X-Kaltura, X-Kaltura-Session, X-Me"
    if let me = HTTPFields.Element.Name("X-Me") { headers[me] = "recipe-console-sandbox" }
    if let session = HTTPFields.Element.Name("X-Kaltura-Session") {
      headers[session] = "\(Int.random(in: 100_000_000...999_999_999)), \(unixNow())"
    }
    return headers
  }

  private static func corsPreflight() -> Response {
    var headers = kalturaHeaders()
    headers[.accessControlAllowMethods] = "POST, GET, HEAD, OPTIONS"
    headers[.accessControlAllowHeaders] = "*"
    return Response(status: .ok, headers: headers)
  }

  static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
  }

  // MARK: content (dataUrl, downloadUrl)

  /// `/p/{pid}/sp/{pid}00/playManifest/entryId/{id}/…` and `/p/{pid}/sp/…/raw/entry_id/{id}/…`
  /// serve the entry's stored file once it is READY, as Kaltura's CDN would.
  private func serveContent(_ segments: [String], request: Request, context: Context) async throws -> Response {
    guard segments.count >= 6, let partnerId = Int(segments[1]) else { return Self.plain(.notFound, "not found") }
    var entryId: String?
    var download = false
    for (i, segment) in segments.enumerated() where i + 1 < segments.count {
      if segment == "entryId" || segment == "entry_id" { entryId = segments[i + 1] }
      if segment == "format" && segments[i + 1] == "download" { download = true }
    }
    if segments.contains("raw") { download = true }
    guard let entryId, let entry = try core.store.entry(id: entryId), entry.partnerId == partnerId, !entry.deleted,
      core.builder.entryStatus(entry) == .ready, let relative = entry.contentPath
    else { return Self.plain(.notFound, "entry not found or not ready") }
    if let refusal = core.servingRefusal(segments: segments, entry: entry) { return Self.plain(.forbidden, refusal) }
    let path = core.files.absolute(relative)
    let size = core.files.size(path)
    var headers = HTTPFields()
    headers[.contentType] = Self.mimeType(entry.contentFileName ?? "")
    headers[.contentLength] = String(size)
    headers[.accessControlAllowOrigin] = "*"
    if download {
      let name = (entry.contentFileName ?? entry.id).replacingOccurrences(of: "\"", with: "")
      headers[.contentDisposition] = "attachment; filename=\"\(name)\""
    }
    headers[.acceptRanges] = "bytes"
    if request.method == .head || size == 0 { return Response(status: .ok, headers: headers) }
    // One byte range, as a video element asks for when it seeks; anything else gets the whole file.
    switch ByteRangeRequest.parse(request.headers[.range], size: size) {
    case .range(let range):
      headers[.contentLength] = String(range.count)
      headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
      let body = try await FileIO().loadFile(path: path, range: range, context: context)
      return Response(status: .partialContent, headers: headers, body: body)
    case .unsatisfiable:
      headers[.contentLength] = "0"
      headers[.contentRange] = "bytes */\(size)"
      return Response(status: .rangeNotSatisfiable, headers: headers)
    case .whole:
      let body = try await FileIO().loadFile(path: path, context: context)
      return Response(status: .ok, headers: headers, body: body)
    }
  }

  static func mimeType(_ fileName: String) -> String {
    switch (fileName as NSString).pathExtension.lowercased() {
    case "mp4", "m4v": return "video/mp4"
    case "mov": return "video/quicktime"
    case "webm": return "video/webm"
    case "mkv": return "video/x-matroska"
    case "mp3": return "audio/mpeg"
    case "m4a": return "audio/mp4"
    case "wav": return "audio/wav"
    case "jpg", "jpeg": return "image/jpeg"
    case "png": return "image/png"
    case "gif": return "image/gif"
    default: return "application/octet-stream"
    }
  }
}
