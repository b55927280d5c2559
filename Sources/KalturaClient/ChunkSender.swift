import KalturaWire

/// Counts shared by the chunks of one upload, which run in parallel child tasks.
actor UploadTally {
  private(set) var retries = 0
  private(set) var fileBytesSent: Int64 = 0

  func retried() { retries += 1 }
  func sent(fileBytes: Int64) { fileBytesSent += fileBytes }
}

/// Sends one uploadToken request, retrying transport failures and 5xx replies with capped backoff.
/// A Kaltura API error ends the upload at once, except the expected-size one, returned to the caller.
struct ChunkSender: Sendable {
  let transport: any HTTPTransport
  let retry: RetryPolicy
  let tally: UploadTally

  enum Outcome: Sendable {
    case token(UploadTokenState)
    case expectedSizeMismatch(KalturaAPIError)
  }

  struct Sent: Sendable {
    var outcome: Outcome
    var reply: HTTPReply
  }

  func send(_ request: HTTPRequestSpec, offset: Int64, fileBytes: Int64) async throws -> Sent {
    var attempt = 1
    while true {
      try Task.checkCancellation()
      let failure: String
      do {
        await tally.sent(fileBytes: fileBytes)
        let reply = try await sendOnce(request)
        switch UploadTokenCalls.classify(reply, request: request) {
        case .token(let state): return Sent(outcome: .token(state), reply: reply)
        case .expectedSizeMismatch(let error): return Sent(outcome: .expectedSizeMismatch(error), reply: reply)
        case .failed(let error): throw error
        case .retryable(let reason): failure = reason
        }
      } catch let error as TransportError {
        failure = error.message
      }
      guard attempt < retry.maxAttempts else {
        throw ChunkedUploadError.retriesExhausted(offset: offset, attempts: attempt, lastFailure: failure)
      }
      await tally.retried()
      try await retry.sleep(afterAttempt: attempt)
      attempt += 1
    }
  }

  private func sendOnce(_ request: HTTPRequestSpec) async throws -> HTTPReply {
    if let single = transport as? any SingleAttemptSending { return try await single.sendOnce(request) }
    return try await transport.send(request)
  }
}
