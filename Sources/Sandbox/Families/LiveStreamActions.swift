import Foundation
import JSONValue
import KalturaWire

/// Live streams: generic CRUD of `KalturaLiveStreamEntry`, plus what Kaltura generates on add:
/// the stream name, the RTMP/RTSP/SRT ingest URLs with the entry's token, and the password
/// an encoder authenticates with.
extension SandboxCore {
  var liveStreams: StoredFamily { family("livestream") }

  var liveStreamActions: [String: ActionHandler] {
    var actions = liveStreams.crud
    actions["add"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let added = try await liveStreams.run("add", input)
      guard let body = added.objectValue, let id = body.text("id") else { return added }
      let sourceType = input.call.string("sourceType").flatMap { $0.isEmpty ? nil : $0 } ?? "32"
      let stamped = LiveIngest(
        host: URL(string: builder.origin)?.host ?? "127.0.0.1", partnerId: caller.partnerId, entryId: id
      )
      .stamp(body, sourceType: sourceType)
      return .object(try liveStreams.overwrite(id, body: stamped, caller: caller).body)
    }
    return actions
  }
}

/// The ingest points Kaltura gives a new live entry (an encoder pushes to them; the sandbox
/// only names them).
struct LiveIngest {
  let host: String
  let partnerId: Int
  let entryId: String

  func stamp(_ body: JSONObject, sourceType: String) -> JSONObject {
    var o = body
    let token = randomHex(4)
    let streamName = "\(entryId)_1"
    let query = "p=\(partnerId)&e=\(entryId)&i=0&t=\(token)"
    o["type"] = "7"
    o["mediaType"] = .int(201)
    o["sourceType"] = .string(sourceType)
    o["status"] = "2"
    o["streamName"] = .string(streamName)
    o["streamPassword"] = .string(randomHex(4))
    o["primaryBroadcastingUrl"] = .string("rtmp://\(host):1935/kLive/?\(query)")
    o["secondaryBroadcastingUrl"] = .string("rtmp://\(host):1936/kLive/?\(query)")
    o["primaryRtspBroadcastingUrl"] = .string("rtsp://\(host):554/kLive/\(streamName)?\(query)")
    o["primarySecuredBroadcastingUrl"] = .string("rtmps://\(host):443/kLive/?\(query)")
    o["primarySrtBroadcastingUrl"] = .string("srt://\(host):7045")
    o["primarySrtStreamId"] = .string("#:::e=\(entryId),st=0,p=\(partnerId)")
    o["srtPass"] = .string(randomHex(8))
    return o
  }
}
