import Foundation
import JSONValue
import KalturaWire

/// An in-memory Kaltura upload-token endpoint that follows the server's upload algorithm
/// (kaltura-protocol-notes.md §5.3): `resume=false` restarts the file, chunks ahead of the end
/// wait as pending parts (drained lazily, as the real server does), the final chunk with an
/// offset drains them and answers UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE when a gap remains.
actor FakeUploadTokenServer: HTTPTransport {
  enum Fault: Sendable {
    /// HTTP 500 without touching the token.
    case serverError
    /// The chunk is applied, then the connection drops before the reply.
    case dropAfterApplying
    /// The connection drops before the server sees the request.
    case dropBeforeApplying
    /// A Kaltura API error in an HTTP 200 reply.
    case apiError(String)
  }

  struct UploadCall: Sendable {
    var resume: Bool
    var finalChunk: Bool
    var resumeAt: Int64
    var length: Int
  }

  let tokenID: String
  private(set) var contiguous: [UInt8]?
  private(set) var pending: [Int64: [UInt8]] = [:]
  private(set) var status = 0
  private(set) var calls: [UploadCall] = []
  private(set) var fileBytesReceived: Int64 = 0
  private(set) var maxConcurrentUploads = 0
  private var concurrentUploads = 0
  /// Decides a fault for the n-th upload request (0-based); nil = answer normally.
  var faultForRequest: @Sendable (Int, UploadCall) -> Fault? = { _, _ in nil }
  /// Final chunks answered with the expected-size error before the server "catches up".
  var lazyFinalAnswers = 0
  /// Simulated time each upload request takes, so chunks overlap and can be cancelled mid-way.
  var latencyNanoseconds: UInt64 = 2_000_000
  /// Called after each applied chunk with the number of applied chunks so far.
  var onApplied: @Sendable (Int) -> Void = { _ in }
  private var appliedCount = 0

  init(tokenID: String = "0_fake") { self.tokenID = tokenID }

  func configure(_ change: @Sendable (isolated FakeUploadTokenServer) -> Void) { change(self) }

  var uploadedFileSize: Int64 { Int64(contiguous?.count ?? 0) }

  func send(_ request: HTTPRequestSpec) async throws -> HTTPReply {
    if request.url.hasSuffix("/service/uploadtoken/action/get") { return tokenReply() }
    guard request.url.hasSuffix("/service/uploadtoken/action/upload") else {
      return HTTPReply(status: 404, body: Array("no such route".utf8))
    }
    let (fields, data) = try Self.decodeMultipart(request.body)
    let call = UploadCall(
      resume: fields["resume"] == "true", finalChunk: fields["finalChunk"] == "true",
      resumeAt: Int64(fields["resumeAt"] ?? "-1") ?? -1, length: data.count)
    let number = calls.count
    calls.append(call)
    fileBytesReceived += Int64(data.count)
    concurrentUploads += 1
    maxConcurrentUploads = max(maxConcurrentUploads, concurrentUploads)
    defer { concurrentUploads -= 1 }
    try await Task.sleep(nanoseconds: latencyNanoseconds)

    switch faultForRequest(number, call) {
    case .serverError?: return HTTPReply(status: 500, body: Array("boom".utf8))
    case .dropBeforeApplying?: throw TransportError("connection reset by fake peer")
    case .apiError(let code)?: return Self.errorReply(code)
    case .dropAfterApplying?:
      _ = apply(call, data: data)
      throw TransportError("connection reset by fake peer after the chunk landed")
    case nil: return apply(call, data: data)
    }
  }

  private func apply(_ call: UploadCall, data: [UInt8]) -> HTTPReply {
    guard status == 0 || status == 1 else { return Self.errorReply("UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD") }
    if data.isEmpty, !call.finalChunk, call.resumeAt > 0 { return tokenReply() }
    if !call.resume {
      contiguous = data
    } else if contiguous == nil {
      return Self.errorReply("UPLOAD_TOKEN_CANNOT_RESUME")
    } else if call.resumeAt == -1 {
      contiguous! += data
    } else if !(call.finalChunk && call.resumeAt > 0) {
      var drained = 0
      while drained < 10, let next = pending.removeValue(forKey: uploadedFileSize) {
        contiguous! += next
        drained += 1
      }
      let end = call.resumeAt + Int64(data.count)
      if call.resumeAt >= 0, call.resumeAt <= uploadedFileSize, uploadedFileSize < end {
        write(data, at: call.resumeAt)
      } else {
        pending[call.resumeAt] = data
      }
    } else {
      pending[call.resumeAt] = data
      let expected = call.resumeAt + Int64(data.count)
      if lazyFinalAnswers > 0 {
        lazyFinalAnswers -= 1
        return Self.errorReply(UploadTokenCallsCode.mismatch)
      }
      drainForFinal()
      guard uploadedFileSize == expected else { return Self.errorReply(UploadTokenCallsCode.mismatch) }
    }
    status = call.finalChunk ? 2 : 1
    appliedCount += 1
    onApplied(appliedCount)
    return tokenReply()
  }

  private func drainForFinal() {
    while let offset = pending.keys.sorted().first(where: { offset in
      let size = Int64(pending[offset]!.count)
      return offset == 0 || (offset <= uploadedFileSize && uploadedFileSize < offset + size)
    }) {
      write(pending.removeValue(forKey: offset)!, at: offset)
    }
  }

  private func write(_ data: [UInt8], at offset: Int64) {
    var bytes = contiguous ?? []
    let start = Int(offset)
    let overlap = min(bytes.count - start, data.count)
    if overlap > 0 { bytes.replaceSubrange(start..<(start + overlap), with: data[0..<overlap]) }
    bytes += data[overlap...]
    contiguous = bytes
  }

  private func tokenReply() -> HTTPReply {
    let json: JSONValue = [
      "id": .string(tokenID), "status": .int(status), "uploadedFileSize": .int(Int(uploadedFileSize)),
      "objectType": "KalturaUploadToken",
    ]
    return HTTPReply(status: 200, body: Array(json.compactText.utf8))
  }

  static func errorReply(_ code: String) -> HTTPReply {
    let json: JSONValue = [
      "code": .string(code), "message": .string("fake \(code)"), "objectType": "KalturaAPIException",
      "args": .array([]),
    ]
    return HTTPReply(status: 200, body: Array(json.compactText.utf8))
  }

  static func decodeMultipart(_ body: HTTPRequestBody) throws -> ([String: String], [UInt8]) {
    guard case .multipart(let parts) = body else { throw TransportError("fake expects multipart") }
    var fields: [String: String] = [:]
    var data: [UInt8] = []
    for part in parts {
      switch part {
      case .field(let name, let value): fields[name] = value
      case .bytes(_, _, _, let bytes): data = bytes
      case .file(_, let path, _, _, let range):
        // Test files are small: reading them whole keeps the fake simple.
        let all = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        data = range.map { Array(all[Int($0.offset)..<Int($0.offset + $0.length)]) } ?? all
      }
    }
    return (fields, data)
  }
}

enum UploadTokenCallsCode {
  static let mismatch = "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"
}
