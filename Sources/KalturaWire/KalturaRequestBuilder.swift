import JSONValue

/// Builds client requests for Kaltura API v3. `serviceURL` ends in `/api_v3`
/// (`https://www.kaltura.com/api_v3`, or the sandbox's), with or without a trailing slash.
public enum KalturaRequestBuilder {
  public static let defaultClientTag = "recipe-console"

  /// `serviceURL` + `/` + `path` (slashes collapsed at the join) + the query, form-encoded.
  public static func url(serviceURL: String, path: String, query: [(String, String)] = []) -> String {
    var base = serviceURL
    while base.hasSuffix("/") { base.removeLast() }
    let tail = path.drop { $0 == "/" }
    var url = tail.isEmpty ? base : base + "/" + tail
    if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + FormEncoding.encode(query) }
    return url
  }

  /// The path of an action: `service/media/action/list`.
  public static func actionPath(service: String, action: String) -> String {
    "service/\(FormEncoding.escape(service))/action/\(FormEncoding.escape(action))"
  }

  /// A call with a JSON body, the way the official clients send it. The body carries
  /// `format`, `clientTag`, `partnerId` and `ks` after the action parameters (explicit params
  /// with the same names win). Content-Type is exactly `application/json`: Kaltura ignores JSON
  /// bodies under any other spelling, `; charset=utf-8` included.
  public static func call(
    serviceURL: String, service: String, action: String, params: JSONObject = JSONObject(), ks: String? = nil,
    partnerID: Int? = nil, format: Int = 1, clientTag: String? = defaultClientTag, timeout: Double? = nil
  ) -> HTTPRequestSpec {
    var body = params
    if body["format"] == nil { body["format"] = .int(format) }
    if let clientTag, body["clientTag"] == nil { body["clientTag"] = .string(clientTag) }
    if let partnerID, body["partnerId"] == nil { body["partnerId"] = .int(partnerID) }
    if let ks, body["ks"] == nil { body["ks"] = .string(ks) }
    return HTTPRequestSpec(
      method: "POST", url: url(serviceURL: serviceURL, path: actionPath(service: service, action: action)),
      headers: ["Content-Type": "application/json", "Accept": "application/json"], body: .json(.object(body)),
      timeout: timeout)
  }

  /// A multirequest with a JSON body: calls under keys "1", "2"…, so `{N:result}` and the keys
  /// agree. `ks` goes top-level (the server copies it into every call that lacks one).
  public static func multirequest(
    serviceURL: String, calls: [KalturaCall], ks: String? = nil, partnerID: Int? = nil, format: Int = 1,
    clientTag: String? = defaultClientTag
  ) -> HTTPRequestSpec {
    var params = JSONObject()
    for (i, call) in calls.enumerated() {
      var sub = JSONObject([("service", .string(call.service)), ("action", .string(call.action))])
      for member in call.params { sub[member.key] = member.value }
      params[String(i + 1)] = .object(sub)
    }
    var spec = self.call(
      serviceURL: serviceURL, service: "multirequest", action: "", params: params, ks: ks, partnerID: partnerID,
      format: format, clientTag: clientTag)
    spec.url = url(serviceURL: serviceURL, path: "service/multirequest")
    return spec
  }

  /// One `uploadToken.upload` chunk: multipart with a single `fileData` part streamed from
  /// `range` of the file, and `uploadTokenId`, `resume`, `finalChunk`, `resumeAt`, `ks`,
  /// `format=1`, `partnerId` in the query string (as kaltura-uploader sends them; the JSON
  /// reply is the token). Use `resume: false, resumeAt: 0` for the first chunk, `resume: true,
  /// resumeAt: offset` for the others, and a last (possibly empty) chunk with
  /// `finalChunk: true, resumeAt: fileSize`. Note the KS is then part of the URL: log URLs
  /// through `KalturaKS.redact(url:)`.
  public static func uploadChunk(
    serviceURL: String, ks: String?, partnerID: Int?, uploadTokenID: String, filePath: String, fileName: String,
    contentType: String? = nil, range: FileRange, resume: Bool, finalChunk: Bool, resumeAt: Int64,
    timeout: Double? = nil
  ) -> HTTPRequestSpec {
    var query: [(String, String)] = [
      ("uploadTokenId", uploadTokenID), ("resume", resume ? "1" : "0"), ("finalChunk", finalChunk ? "1" : "0"),
      ("resumeAt", String(resumeAt)),
    ]
    if let ks { query.append(("ks", ks)) }
    query.append(("format", "1"))
    if let partnerID { query.append(("partnerId", String(partnerID))) }
    let part = MultipartPart.file(
      name: "fileData", path: filePath, filename: fileName,
      contentType: contentType ?? mimeType(forFileName: fileName), range: range)
    return HTTPRequestSpec(
      method: "POST",
      url: url(serviceURL: serviceURL, path: actionPath(service: "uploadtoken", action: "upload"), query: query),
      headers: ["Accept": "application/json"], body: .multipart([part]), timeout: timeout)
  }

  /// `uploadChunk` for a `ChunkedUploadJob`.
  public static func uploadChunk(
    _ job: ChunkedUploadJob, range: FileRange, resume: Bool, finalChunk: Bool, resumeAt: Int64,
    timeout: Double? = nil
  ) -> HTTPRequestSpec {
    uploadChunk(
      serviceURL: job.serviceURL, ks: job.ks, partnerID: job.partnerID, uploadTokenID: job.uploadTokenID,
      filePath: job.filePath, fileName: job.fileName, range: range, resume: resume, finalChunk: finalChunk,
      resumeAt: resumeAt, timeout: timeout)
  }

  /// A MIME type from the file extension, for the `fileData` part (the Python client uses
  /// `mimetypes.guess_type`); `application/octet-stream` when unknown.
  public static func mimeType(forFileName name: String) -> String {
    guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
    switch name[name.index(after: dot)...].lowercased() {
    case "mp4", "m4v": return "video/mp4"
    case "mov": return "video/quicktime"
    case "webm": return "video/webm"
    case "mkv": return "video/x-matroska"
    case "avi": return "video/x-msvideo"
    case "mp3": return "audio/mpeg"
    case "m4a": return "audio/mp4"
    case "wav": return "audio/x-wav"
    case "ogg": return "audio/ogg"
    case "jpg", "jpeg": return "image/jpeg"
    case "png": return "image/png"
    case "gif": return "image/gif"
    case "txt": return "text/plain"
    case "json": return "application/json"
    case "pdf": return "application/pdf"
    default: return "application/octet-stream"
    }
  }
}
