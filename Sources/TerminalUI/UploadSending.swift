/// How far a running upload has got counting the chunks on their way: what the server held
/// when the first file byte went out, plus every file byte handed to the connections since.
/// The uploader's own figure counts a chunk only once its reply comes, which leaves the bar at
/// 0 while the first chunks travel. The runtime feeds it; `Message.uploadSent` carries `bytes`.
public struct UploadSending: Sendable, Hashable {
  private var acknowledged: Int64 = 0
  private var base: Int64?
  private var handedOver: Int64 = 0

  public init() {}

  /// The uploader's latest report.
  public mutating func progressed(_ progress: UploadProgressInfo) {
    acknowledged = progress.bytesDone
  }

  /// File bytes handed to a connection. The first one fixes the base: a resumed upload asks
  /// the server what it holds before sending, and no chunk is acknowledged before its bytes go.
  public mutating func handedOver(_ count: Int) {
    if base == nil { base = acknowledged }
    handedOver += Int64(count)
  }

  /// nil until a file byte went out. A retried chunk counts twice: the bar caps it at the total.
  public var bytes: Int64? { base.map { $0 + handedOver } }
}
