import JSONValue
import KalturaWire

/// The checkpoint as session files keep it:
/// `{"uploadTokenId", "file": {"path", "size", "mtime", "headTailHash"}, "acknowledged": [[offset, length]]}`.
extension UploadCheckpoint {
  public var json: JSONValue {
    var file = JSONObject()
    file["path"] = .string(fingerprint.path)
    file["size"] = .int(Int(fingerprint.size))
    file["mtime"] = .double(fingerprint.modificationTime)
    file["headTailHash"] = .string(fingerprint.headTailHash)
    var object = JSONObject()
    object["uploadTokenId"] = .string(uploadTokenID)
    object["file"] = .object(file)
    object["acknowledgedBytes"] = .int(Int(acknowledgedBytes))
    object["acknowledged"] = .array(acknowledged.map { [.int(Int($0.offset)), .int(Int($0.length))] })
    return .object(object)
  }

  /// nil when `json` is not a checkpoint (a hand-edited or foreign session file): resuming then
  /// trusts only the server.
  public init?(json: JSONValue) {
    guard let token = json["uploadTokenId"]?.stringValue, let file = json["file"],
      let path = file["path"]?.stringValue, let size = file["size"]?.intValue,
      let mtime = file["mtime"]?.doubleValue, let hash = file["headTailHash"]?.stringValue
    else { return nil }
    var ranges: [FileRange] = []
    for item in json["acknowledged"]?.arrayValue ?? [] {
      guard let pair = item.arrayValue, pair.count == 2, let offset = pair[0].intValue, let length = pair[1].intValue,
        offset >= 0, length >= 0, offset + length <= size
      else { return nil }
      ranges.append(FileRange(offset: Int64(offset), length: Int64(length)))
    }
    self.init(
      uploadTokenID: token,
      fingerprint: FileFingerprint(path: path, size: Int64(size), modificationTime: mtime, headTailHash: hash),
      acknowledged: ranges)
  }
}
