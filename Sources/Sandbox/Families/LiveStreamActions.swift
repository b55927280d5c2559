import Foundation
import JSONValue
import KalturaWire

/// Live streams: `KalturaLiveStreamEntry` entries in the entry table, plus what Kaltura
/// generates on add: the stream name, the RTMP/RTSP/SRT ingest URLs with the entry's token, and
/// the password an encoder authenticates with.
extension SandboxCore {
  static let liveStreamService = EntryService(
    type: EntryType.liveStream, className: "KalturaLiveStreamEntry", objectParameter: "liveStreamEntry",
    idParameter: "entryId", filterClass: "KalturaLiveStreamEntryFilter",
    listResponseClass: "KalturaLiveStreamListResponse")

  var liveStreamActions: [String: ActionHandler] {
    entryServiceActions(Self.liveStreamService) { [builder] entry, input in
      let sourceType = input.call.string("sourceType").flatMap { $0.isEmpty ? nil : $0 } ?? "32"
      return LiveIngest(
        host: URL(string: builder.origin)?.host ?? "127.0.0.1", partnerId: entry.partnerId, entryId: entry.id
      )
      .fields(sourceType: sourceType)
    }
  }
}

/// The ingest points Kaltura gives a new live entry (an encoder pushes to them; the sandbox
/// only names them).
struct LiveIngest {
  let host: String
  let partnerId: Int
  let entryId: String

  func fields(sourceType: String) -> JSONObject {
    var o = JSONObject()
    let token = randomHex(4)
    let streamName = "\(entryId)_1"
    let query = "p=\(partnerId)&e=\(entryId)&i=0&t=\(token)"
    o["sourceType"] = .string(sourceType)
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
