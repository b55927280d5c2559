import Foundation
import Hummingbird
import NIOCore

extension SandboxResponder {
  /// An entry's `thumbnailUrl` (and the `/p/{pid}/thumbnail/entry_id/{id}/width/W/height/H` form
  /// pages embed) answers an image, never the video: a frame by ffmpeg when there is one to
  /// take, else a generated PNG of the asked size.
  func serveThumbnail(_ segments: [String], request: Request) throws -> Response? {
    guard let asked = EntryThumbnail.request(segments) else { return nil }
    guard let entry = try core.store.entry(id: asked.entryId), entry.partnerId == asked.partnerId, !entry.deleted
    else { return Self.plain(.notFound, "entry not found") }
    let video =
      core.builder.entryStatus(entry) == .ready ? entry.contentPath.map { core.files.absolute($0) } : nil
    let image =
      video.flatMap { EntryThumbnail.frame(video: $0, width: asked.width, height: asked.height) }
      ?? PNGImage.gradient(width: asked.width, height: asked.height, seed: entry.id)
    var headers = Self.kalturaHeaders()
    headers[.contentType] = "image/png"
    headers[.contentLength] = String(image.count)
    if request.method == .head { return Response(status: .ok, headers: headers) }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image)))
  }
}
