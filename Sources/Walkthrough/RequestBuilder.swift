import APISchema
import JSONValue
import KalturaWire

/// A step's request, ready for the transport, plus what may be shown of it.
public struct PreparedRequest: Sendable, Hashable {
  public var stepIndex: Int
  /// The real request (it carries the KS: never print it).
  public var spec: HTTPRequestSpec
  /// The URL with the KS masked.
  public var displayURL: String
  /// The body with secrets masked (multipart as `{"fields", "json", "files"}`).
  public var displayBody: JSONValue?
  public var operationID: String?
  /// Present when the request sends a whole file into an upload token, so a runner may hand it
  /// to a chunked uploader instead.
  public var upload: UploadIntent?
  /// Links that could not be followed, fields left without a required value.
  public var warnings: [String]

  /// `POST https://…/service/media/action/get?ks=djJ8…`
  public var requestLine: String { "\(spec.method) \(displayURL)" }
}

/// A whole file sent into an upload token (`uploadToken.upload` with one file), which a runner
/// may hand to a chunked uploader (`UploadPlan` decides).
public struct UploadIntent: Sendable, Hashable {
  public var uploadTokenID: String
  public var filePath: String
  public var fileName: String
  /// The form's own `resume`/`finalChunk` ask for the whole file in one request (`resume=false`,
  /// `finalChunk=true`); otherwise they describe one chunk of a hand-made chunked upload.
  public var asksWholeFile: Bool

  public init(uploadTokenID: String, filePath: String, fileName: String, asksWholeFile: Bool = true) {
    self.uploadTokenID = uploadTokenID
    self.filePath = filePath
    self.fileName = fileName
    self.asksWholeFile = asksWholeFile
  }
}

public enum RequestBuildError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The step has no API call (prose, params-only or code-only).
  case noRequest(step: Int)
  /// The operation needs a session and there is no KS.
  case needsSession(step: Int, operation: String)

  public var description: String {
    switch self {
    case .noRequest(let step): return "step \(step + 1) sends no request"
    case .needsSession(let step, let operation):
      return "step \(step + 1) (\(operation)) needs a session: give --ks, or --admin-secret and --partner-id"
    }
  }
}

/// Builds requests as the portal did (recipe-format §2.7, kaltura-api.md §1).
enum RequestBuilder {
  static func build(
    form: StepForm, values: StepValues, credentials: ServiceCredentials, ksInBody: Bool
  ) throws(RequestBuildError) -> PreparedRequest {
    guard let method = form.method, let path = form.path else { throw .noRequest(step: form.stepIndex) }
    let fieldsByPath = Dictionary(form.allFields.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    let valuesByPath = Dictionary(values.fields.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    func sendable(_ field: FormField) -> JSONValue? {
      guard field.isSent, field.kind != .object, let value = valuesByPath[field.path]?.value else { return nil }
      if case .string(let s) = value, s.isEmpty { return nil }
      return value
    }

    // An explicit `ks` input (appToken.startSession) replaces the session's KS (§2.7).
    let explicitKS = fieldsByPath["ks"].flatMap(sendable)?.displayText
    let ks = explicitKS ?? credentials.ks
    if form.requiresSession && ks == nil {
      throw .needsSession(step: form.stepIndex, operation: form.operationID ?? path)
    }
    var query: [(String, String)] = []
    if let ks, (form.requiresSession || explicitKS != nil) && !ksInBody { query.append(("ks", ks)) }
    query.append(("format", "1"))
    if let partnerID = credentials.partnerID { query.append(("partnerId", String(partnerID))) }
    let reserved: Set<String> = ["ks", "format", "partnerId"]

    var body: JSONValue = .object(JSONObject())
    var formFields: [(String, String)] = []
    var files: [(name: String, path: String)] = []
    let given = givenCollapsedObjects(form: form, values: valuesByPath)
    for field in form.allFields {
      guard let value = sendable(field) else { continue }
      if field.location == .body {
        let segments = field.path.split(separator: ".")
        if segments.count > 3 && !given.contains(segments.prefix(3).joined(separator: ".")) { continue }
        body.setValue(value, atPath: segments.dropFirst().joined(separator: "."))
        continue
      }
      if field.kind == .file {
        files.append((field.name, value.displayText))
      } else if field.location == .formData {
        formFields.append((field.name, scalarText(value)))
      } else if !reserved.contains(field.name) {
        query.append((field.name, scalarText(value)))
      }
    }
    // Objects one level below the body start expanded in the portal, so their form model is at
    // least `{}` and they are sent even when every field inside is empty (§2.5): `media.add`
    // gets `entry: {}` and Kaltura fills in the defaults instead of MISSING_MANDATORY_PARAMETER.
    for field in form.allFields where field.location == .body && field.kind == .object && field.isSent {
      let segments = field.path.split(separator: ".")
      guard segments.count == 2, body.value(atPath: String(segments[1])) == nil else { continue }
      body.setValue(.object(JSONObject()), atPath: String(segments[1]))
    }
    if let ks, ksInBody, form.requiresSession || explicitKS != nil { body.setValue(.string(ks), atPath: "ks") }

    let url = credentials.apiBaseURL + path + "?" + FormEncoding.encode(query)
    var spec = HTTPRequestSpec(method: method.uppercased(), url: url, headers: ["Accept": "application/json"])
    let displayBody: JSONValue
    if files.isEmpty && formFields.isEmpty {
      spec.body = .json(body)
      spec.headers["Content-Type"] = "application/json"
      displayBody = Redaction.redact(body)
    } else {
      var parts: [MultipartPart] = formFields.map { .field(name: $0.0, value: $0.1) }
      if body.objectValue?.isEmpty == false { parts.append(.field(name: "json", value: body.compactText)) }
      parts += files.map { file in
        .file(
          name: file.name, path: file.path, filename: fileName(of: file.path),
          contentType: "application/octet-stream", range: nil)
      }
      spec.body = .multipart(parts)
      var shown = JSONObject()
      shown["fields"] = .object(JSONObject(formFields.map { ($0.0, JSONValue.string($0.1)) }))
      if body.objectValue?.isEmpty == false { shown["json"] = Redaction.redact(body) }
      shown["files"] = .array(
        files.map { .object(JSONObject([("name", .string($0.name)), ("path", .string($0.path))])) })
      displayBody = .object(shown)
    }

    var warnings = values.linkProblems
    for field in form.allFields where field.isRequired && field.isSent && field.kind != .object {
      if sendable(field) == nil { warnings.append("\(field.path): required but empty") }
    }
    return PreparedRequest(
      stepIndex: form.stepIndex, spec: spec, displayURL: Redaction.redactURL(url), displayBody: displayBody,
      operationID: form.operationID, upload: uploadIntent(form: form, values: values),
      warnings: warnings)
  }

  /// Objects two levels below the body start collapsed in the portal and are sent only when
  /// something inside them was given a value by the user or a link (§2.5).
  private static func givenCollapsedObjects(form: StepForm, values: [String: FieldValue]) -> Set<String> {
    var given: Set<String> = []
    for field in form.allFields where field.location == .body {
      let segments = field.path.split(separator: ".")
      guard segments.count > 3, let value = values[field.path] else { continue }
      if value.source == .user || value.source == .link {
        given.insert(segments.prefix(3).joined(separator: "."))
      }
    }
    return given
  }

  /// The step's whole-file upload into a token, whatever its `resume`/`finalChunk` say (the
  /// upload plan decides what they mean): `uploadToken.upload` with one file and a token.
  static func uploadIntent(form: StepForm, values: StepValues) -> UploadIntent? {
    let isUpload =
      form.operationID == "uploadToken.upload" || form.path?.lowercased() == "/service/uploadtoken/action/upload"
    guard isUpload else { return nil }
    func given(_ field: FormField) -> String? {
      guard field.isSent, let value = values[field.path]?.value else { return nil }
      let text = scalarText(value)
      return text.isEmpty ? nil : text
    }
    let files = form.allFields.filter { $0.kind == .file }.compactMap(given)
    guard files.count == 1, let token = form.allFields.first(where: { $0.name == "uploadTokenId" }).flatMap(given)
    else { return nil }
    let resume = form.allFields.first { $0.name == "resume" }.flatMap(given) ?? "false"
    let finalChunk = form.allFields.first { $0.name == "finalChunk" }.flatMap(given) ?? "true"
    return UploadIntent(
      uploadTokenID: token, filePath: files[0], fileName: fileName(of: files[0]),
      asksWholeFile: (resume == "false" || resume == "0") && (finalChunk == "true" || finalChunk == "1"))
  }

  static func scalarText(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): return s
    case .bool(let b): return b ? "true" : "false"
    default: return value.compactText
    }
  }

  static func fileName(of path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }
}
