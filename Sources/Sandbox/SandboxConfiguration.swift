import Foundation

/// Makes some `uploadToken.upload` requests fail on purpose so client retry logic can be tested.
public struct FaultInjection: Sendable, Hashable {
  /// Fraction (0...1) of upload requests answered with HTTP 500.
  public var serverErrorFraction: Double
  /// Fraction (0...1) of upload requests whose connection is closed without a reply.
  public var dropConnectionFraction: Double
  /// Seed of the pseudo-random sequence, so a failing run can be repeated exactly.
  public var seed: UInt64

  public init(serverErrorFraction: Double = 0, dropConnectionFraction: Double = 0, seed: UInt64 = 1) {
    self.serverErrorFraction = serverErrorFraction
    self.dropConnectionFraction = dropConnectionFraction
    self.seed = seed
  }
}

public struct SandboxConfiguration: Sendable {
  public var host: String
  /// 0 asks the system for a free port; `SandboxServer.baseURL` reports the real one.
  public var port: Int
  /// Holds `sandbox.sqlite` and `uploads/`.
  public var dataDirectory: String
  public var partnerID: Int
  /// nil: reuse the secret stored in the data directory, or generate one on first start.
  public var adminSecret: String?
  /// Seconds an entry spends "converting" after content is attached.
  public var conversionDelay: Double
  public var faultInjection: FaultInjection?
  /// Seconds a connection may stay silent before it is closed: a client that sends half a
  /// header (or stalls mid-body, or idles between requests) cannot hold a connection forever.
  public var idleTimeout: Double
  /// The largest form or JSON body; a larger one is answered with a Kaltura error. File data
  /// goes in multipart bodies, which stream to disk and have no such limit.
  public var maxFormBodyBytes: Int

  public init(
    host: String = "127.0.0.1", port: Int = 0, dataDirectory: String = SandboxServer.defaultDataDirectory(),
    partnerID: Int = 100, adminSecret: String? = nil, conversionDelay: Double = 3,
    faultInjection: FaultInjection? = nil, idleTimeout: Double = 60, maxFormBodyBytes: Int = 64 << 20
  ) {
    self.host = host
    self.port = port
    self.dataDirectory = dataDirectory
    self.partnerID = partnerID
    self.adminSecret = adminSecret
    self.conversionDelay = conversionDelay
    self.faultInjection = faultInjection
    self.idleTimeout = idleTimeout
    self.maxFormBodyBytes = maxFormBodyBytes
  }
}
