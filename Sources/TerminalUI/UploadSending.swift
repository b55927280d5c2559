import KalturaWire

/// How far a running upload has got counting the chunks on their way: what the server held
/// when the first file byte went out, plus the distinct file ranges handed to the connections
/// since. The uploader's own figure counts a chunk only once its reply comes, which leaves the
/// bar at 0 while the first chunks travel. The runtime feeds it; `Message.uploadSent` carries
/// `bytes`.
public struct UploadSending: Sendable, Hashable {
  private var acknowledged: Int64 = 0
  private var heldPrefix: Int64?
  private var ranges = HandedOverRanges()

  public init() {}

  /// The uploader's latest report.
  public mutating func progressed(_ progress: UploadProgressInfo) {
    acknowledged = progress.bytesDone
  }

  /// File bytes handed to a connection. The first ones fix the held prefix: a resumed upload
  /// asks the server what it holds before sending, and no chunk is acknowledged before its
  /// bytes go. A range handed over again (a retried chunk) is counted once.
  public mutating func handedOver(_ bytes: FileBytesHandedOver) {
    if heldPrefix == nil { heldPrefix = acknowledged }
    ranges.insert(bytes.range)
  }

  /// nil until a file byte went out; never more than the file's bytes.
  public var bytes: Int64? { heldPrefix.map { ranges.byteCount(withHeldPrefix: $0) } }
}
