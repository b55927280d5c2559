import JSONValue

/// Parses a ~50 MB Kaltura-style list reply; the goal is well under a second in release builds.
func runJSONBenchmarks() throws {
  var entry = """
    {"objectType":"KalturaMediaEntry","id":"0_%ID%","name":"Entry \\u00e9 %ID%","description":"A longer \
    description with \\"quotes\\" and unicode 日本語","partnerId":100,"userId":"admin","tags":"a,b,c",\
    "status":2,"mediaType":1,"duration":123.5,"createdAt":1700000000,"updatedAt":1700000001,\
    "dataUrl":"http://127.0.0.1/p/100/sp/10000/playManifest/entryId/0_%ID%/format/url/protocol/http",\
    "flavorParamsIds":"0,1,2,3","plays":0,"views":12,"width":1920,"height":1080,"msDuration":123500}
    """
  entry = entry.replacingAll("%ID%", with: "abcdefgh")
  var text = "{\"objectType\":\"KalturaMediaListResponse\",\"objects\":["
  let target = 50 << 20
  var count = 0
  while text.utf8.count < target {
    if count > 0 { text += "," }
    text += entry
    count += 1
  }
  text += "],\"totalCount\":\(count)}"
  let bytes = Array(text.utf8)
  var parsed = JSONValue.null
  let seconds = try bestTime { parsed = try JSONValue(parsing: bytes) }
  let megabytes = Double(bytes.count) / 1_048_576
  print(
    "json.parse: \(String(format1: megabytes, decimals: 1)) MiB, \(count) objects: "
      + "\(formatMilliseconds(seconds)) (\(String(format1: megabytes / seconds, decimals: 0)) MiB/s)")
  precondition(parsed["totalCount"] == .int(count), "parse result is wrong")
  let printSeconds = bestTime { _ = parsed.prettyText() }
  print("json.pretty: \(formatMilliseconds(printSeconds))")
}

extension String {
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
