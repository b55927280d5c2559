import Foundation
import JSONValue
import KalturaWire

/// External media: `KalturaExternalMediaEntry` entries in the entry table; `add` requires the
/// source (YouTube) and a `referenceId` (the video id there), and answers a READY entry whose
/// thumbnail is the source's image of that video.
extension SandboxCore {
  static let externalMediaService = EntryService(
    type: EntryType.externalMedia, className: "KalturaExternalMediaEntry", objectParameter: "entry",
    idParameter: "id", filterClass: "KalturaExternalMediaEntryFilter",
    listResponseClass: "KalturaExternalMediaEntryListResponse")

  var externalMediaActions: [String: ActionHandler] {
    entryServiceActions(
      Self.externalMediaService,
      validate: { sent in
        guard sent.text("externalSourceType") != nil else {
          throw KalturaAPIError.propertyCannotBeNull("externalSourceType")
        }
        guard sent.text("referenceId") != nil else { throw KalturaAPIError.propertyCannotBeNull("referenceId") }
      },
      extras: { entry, _ in
        var o = JSONObject()
        guard entry.extraFields.text("externalSourceType") == "YouTube", let reference = entry.referenceId else {
          return o
        }
        let escaped = reference.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? reference
        o["thumbnailUrl"] = .string("https://img.youtube.com/vi/\(escaped)/hqdefault.jpg")
        o["dataUrl"] = .string("https://www.youtube.com/watch?v=\(escaped)")
        return o
      })
  }
}
