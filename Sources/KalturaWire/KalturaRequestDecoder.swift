import JSONValue

/// A file part of a request, read into memory (small bodies; big uploads stream through
/// `MultipartParser`). `name` is the form name (`fileData`, or `0:fileData` in a multirequest).
public struct KalturaUploadedFile: Sendable, Hashable {
  public var name: String
  public var filename: String
  public var contentType: String?
  public var data: [UInt8]

  public init(name: String, filename: String, contentType: String? = nil, data: [UInt8]) {
    self.name = name
    self.filename = filename
    self.contentType = contentType
    self.data = data
  }
}

/// A decoded HTTP request: the call and its file parts.
public struct KalturaDecodedRequest: Sendable, Hashable {
  public var call: KalturaCall
  public var files: [KalturaUploadedFile]

  public init(call: KalturaCall, files: [KalturaUploadedFile] = []) {
    self.call = call
    self.files = files
  }

  public func file(named name: String) -> KalturaUploadedFile? { files.first { $0.name == name } }
}

/// Decodes API v3 requests as Kaltura's front controller does (protocol notes §1.1-1.4):
/// routes `/api_v3/service/S/action/A[/k/v...]`, `/api_v3/?service=S&action=A` and
/// `/api_v3/index.php?...`; merges body, files and URL with URL values winning
/// (`array_replace_recursive(body, files, url)`, path pairs over the query); reads JSON bodies,
/// form bodies with bracket and colon nesting, and multipart bodies (a `json` part carries the
/// parameters and other plain fields are then dropped, as PHP does).
public enum KalturaRequestDecoder {
  /// Where the service and action come from, and extra `/key/value` path pairs.
  public struct Route: Sendable, Hashable {
    public var pathParams: [(String, String)]
    public var isAPI: Bool

    public static func == (a: Route, b: Route) -> Bool {
      a.isAPI == b.isAPI && a.pathParams.elementsEqual(b.pathParams, by: { $0 == $1 })
    }
    public func hash(into hasher: inout Hasher) {
      hasher.combine(isAPI)
      for (k, v) in pathParams {
        hasher.combine(k)
        hasher.combine(v)
      }
    }
  }

  /// Splits a request target (`/api_v3/service/media/action/list?format=1`) into path and query.
  public static func splitTarget(_ target: String) -> (path: String, query: String) {
    guard let mark = target.firstIndex(of: "?") else { return (target, "") }
    return (String(target[..<mark]), String(target[target.index(after: mark)...]))
  }

  /// Routes a path. Repeated slashes collapse (`//api_v3/` from kaltura-uploader); everything
  /// after `api_v3` (and an optional `index.php`) is read as `/key/value` pairs.
  public static func route(path: String) -> Route {
    let segments = path.split(separator: "/").map { percentDecodePath($0) }
    guard let api = segments.firstIndex(of: "api_v3") else { return Route(pathParams: [], isAPI: false) }
    var rest = Array(segments[(api + 1)...])
    if rest.first == "index.php" { rest.removeFirst() }
    var pairs: [(String, String)] = []
    var i = 0
    while i < rest.count {
      pairs.append((rest[i], i + 1 < rest.count ? rest[i + 1] : ""))
      i += 2
    }
    return Route(pathParams: pairs, isAPI: true)
  }

  /// Decodes one request whose body is in memory. `contentType` is the raw header. A JSON body
  /// counts only when the content type is exactly `application/json` (Kaltura ignores
  /// `application/json; charset=…` bodies entirely); pass `strictJSONContentType: false` to
  /// accept parameters after it. A multipart body that does not parse is `UPLOAD_ERROR`.
  public static func decode(
    target: String, contentType: String?, body: [UInt8], strictJSONContentType: Bool = true
  ) throws(KalturaAPIError) -> KalturaDecodedRequest {
    var params = JSONObject()
    var files: [KalturaUploadedFile] = []
    if let boundary = Multipart.boundary(fromContentType: contentType ?? "") {
      let parts: [MultipartField]
      do { parts = try Multipart.parse(body, boundary: boundary) } catch { throw .uploadError }
      var plain: [(String, String)] = []
      for part in parts {
        if let filename = part.headers.filename {
          files.append(
            KalturaUploadedFile(
              name: part.headers.name, filename: filename, contentType: part.headers.contentType, data: part.data))
        } else {
          plain.append((part.headers.name, part.text))
        }
      }
      params = bodyParams(multipartFields: plain)
    } else if mediaType(of: contentType) == "multipart/form-data" {
      throw .uploadError
    } else {
      params = bodyParams(contentType: contentType, body: body, strictJSONContentType: strictJSONContentType)
    }
    return KalturaDecodedRequest(call: assemble(target: target, bodyParams: params), files: files)
  }

  /// Parameters of a non-multipart body: a JSON object (exact `application/json`), form fields
  /// (`application/x-www-form-urlencoded`), or nothing (any other type, as PHP's `$_POST`).
  public static func bodyParams(
    contentType: String?, body: [UInt8], strictJSONContentType: Bool = true
  ) -> JSONObject {
    let exact = (contentType ?? "").trimmingCharacters(in: " \t").lowercased()
    let type = mediaType(of: contentType)
    if exact == "application/json" || (!strictJSONContentType && type == "application/json") {
      return jsonObjectBody(body)
    }
    if type == "application/x-www-form-urlencoded" {
      return ParameterNesting.nest(FormEncoding.decode(String(decoding: body, as: UTF8.self)))
    }
    return JSONObject()
  }

  /// Parameters of a multipart body from its plain (non-file) fields, for servers that stream
  /// the file parts elsewhere: a `json` field carries them all and the other plain fields are
  /// then dropped, as PHP does; otherwise the fields nest like a form.
  public static func bodyParams(multipartFields fields: [(String, String)]) -> JSONObject {
    if let json = fields.last(where: { $0.0 == "json" }) { return jsonObjectBody(Array(json.1.utf8)) }
    return ParameterNesting.nest(fields)
  }

  /// The call from the request target and the body's parameters: URL values (query, then
  /// `/key/value` path pairs) override the body's, special keys (`__null`, `-`) are applied,
  /// and `service`/`action` move out of the parameters.
  public static func assemble(target: String, bodyParams: JSONObject) -> KalturaCall {
    let (path, query) = splitTarget(target)
    var params = bodyParams
    var url = ParameterNesting.nest(FormEncoding.decode(query))
    ParameterNesting.merge(ParameterNesting.nest(route(path: path).pathParams), into: &url)
    ParameterNesting.merge(url, into: &params)
    params = ParameterNesting.applySpecialKeys(params)
    let service = params["service"].flatMap(KalturaValue.string) ?? ""
    let action = params["action"].flatMap(KalturaValue.string) ?? ""
    params["service"] = nil
    params["action"] = nil
    return KalturaCall(service: service, action: action, params: params)
  }

  /// `type/subtype` of a Content-Type header, lower-cased, without parameters.
  public static func mediaType(of contentType: String?) -> String {
    let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: " \t") } ?? ""
    return type.lowercased()
  }

  /// PHP reads a JSON body only when, trimmed, it is an object.
  static func jsonObjectBody(_ body: [UInt8]) -> JSONObject {
    guard case .object(let object)? = try? JSONValue(parsing: body) else { return JSONObject() }
    return object
  }

  /// `rawurldecode`: `%XX` only; a `+` in a path stays a plus (v1 KSs contain them).
  public static func percentDecodePath(_ segment: Substring) -> String {
    guard segment.contains("%") else { return String(segment) }
    return FormEncoding.unescape(segment.replacingAll("+", with: "%2B"))
  }
}

extension Substring {
  func replacingAll(_ target: String, with replacement: String) -> String {
    String(self).replacingAll(target, with: replacement)
  }
}
