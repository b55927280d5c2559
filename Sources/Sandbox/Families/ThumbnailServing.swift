import Foundation
import Hummingbird
import NIOCore

extension SandboxResponder {
  /// An entry's `thumbnailUrl` (and the `/p/{pid}/thumbnail/entry_id/{id}/width/W/height/H` form
  /// pages embed) answers an image, never the video: the asset named by `thumb_asset_id` or set
  /// as default, else a frame by ffmpeg when there is one to take, else a generated PNG of the
  /// asked size. With a `ks` segment the KS must be one that may serve the entry, as for its content.
  func serveThumbnail(_ segments: [String], request: Request) async throws -> Response? {
    guard let asked = EntryThumbnail.request(segments) else { return nil }
    guard let entry = try core.store.entry(id: asked.entryId), entry.partnerId == asked.partnerId, !entry.deleted
    else { return Self.plain(.notFound, "entry not found") }
    if let refusal = core.servingRefusal(segments: segments, entry: entry) { return Self.plain(.forbidden, refusal) }
    if let stored = try core.storedThumbnail(
      entryId: entry.id, partnerId: entry.partnerId, thumbAssetId: asked.thumbAssetId)
    {
      return Self.image(stored.body, contentType: stored.contentType, request: request)
    }
    if asked.thumbAssetId != nil { return Self.plain(.notFound, "thumbnail asset not found or not ready") }
    let video =
      core.builder.entryStatus(entry) == .ready ? entry.contentPath.map { core.files.absolute($0) } : nil
    var frame: [UInt8]?
    if let video { frame = await EntryThumbnail.frame(video: video, width: asked.width, height: asked.height) }
    let image = frame ?? PNGImage.gradient(width: asked.width, height: asked.height, seed: entry.id)
    return Self.image(image, contentType: "image/png", request: request)
  }

  private static func image(_ bytes: [UInt8], contentType: String, request: Request) -> Response {
    var headers = kalturaHeaders()
    headers[.contentType] = contentType
    headers[.contentLength] = String(bytes.count)
    if request.method == .head { return Response(status: .ok, headers: headers) }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
