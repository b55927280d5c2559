import Foundation
import JSONValue
import KalturaWire

/// External media: generic CRUD of `KalturaExternalMediaEntry`; `add` requires the source
/// (YouTube) and a `referenceId` (the video id there), and answers a READY entry whose
/// thumbnail is the source's image of that video.
extension SandboxCore {
  var externalMedia: StoredFamily { family("externalmedia_externalmedia") }

  var externalMediaActions: [String: ActionHandler] {
    var actions = externalMedia.crud
    actions["add"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let sent = input.call.object("entry") ?? JSONObject()
      guard sent.text("externalSourceType").map({ !$0.isEmpty }) ?? false else {
        throw KalturaAPIError.propertyCannotBeNull("externalSourceType")
      }
      guard let reference = sent.text("referenceId"), !reference.isEmpty else {
        throw KalturaAPIError.propertyCannotBeNull("referenceId")
      }
      let added = try await externalMedia.run("add", input)
      guard var body = added.objectValue, let id = body.text("id") else { return added }
      body["type"] = "externalMedia.externalMedia"
      body["status"] = "2"
      if body["mediaType"] == nil { body["mediaType"] = .int(1) }
      let escaped = reference.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? reference
      if body.text("externalSourceType") == "YouTube" {
        body["thumbnailUrl"] = .string("https://img.youtube.com/vi/\(escaped)/hqdefault.jpg")
        body["dataUrl"] = .string("https://www.youtube.com/watch?v=\(escaped)")
      }
      return .object(try externalMedia.overwrite(id, body: body, caller: caller).body)
    }
    return actions
  }
}
