import JSONValue

// The errors the sandbox and the console need, with Kaltura's exact codes, argument names and
// message templates (server `KalturaErrors.php`, as mirrored in `x-errors` of ovp.openapi.json).
// Spellings such as `SERVICE_DOES_NOT_EXISTS` and `INTERNAL_SERVERL_ERROR` are Kaltura's own.

extension KalturaAPIError {
  /// A catalog entry: the argument names in declared order and the message template.
  public struct Template: Sendable, Hashable {
    public var argNames: [String]
    public var message: String
  }

  public static let catalog: [String: Template] = [
    "INTERNAL_SERVERL_ERROR": .init(argNames: [], message: "Internal server error occurred"),
    "MISSING_KS": .init(argNames: [], message: "Missing KS, session not established"),
    "INVALID_KS": .init(
      argNames: ["KSID", "ERR_CODE", "ERR_DESC"], message: "Invalid KS \"@KSID@\", Error \"@ERR_CODE@,@ERR_DESC@\""),
    "SERVICE_NOT_SPECIFIED": .init(argNames: [], message: "Service name was not specified, please specify one"),
    "SERVICE_DOES_NOT_EXISTS": .init(argNames: ["SRV_NAME"], message: "Service \"@SRV_NAME@\" does not exists"),
    "ACTION_NOT_SPECIFIED": .init(argNames: [], message: "Action name was not specified, please specify one"),
    "ACTION_DOES_NOT_EXISTS": .init(
      argNames: ["ACTION_NAME", "SERVICE_NAME"],
      message: "Action \"@ACTION_NAME@\" does not exists for service \"@SERVICE_NAME@\""),
    "SERVICE_FORBIDDEN": .init(argNames: ["SERVICE"], message: "The access to service [@SERVICE@] is forbidden"),
    "SERVICE_FORBIDDEN_CONTENT_BLOCKED": .init(
      argNames: [], message: "The access to this service is forbidden since the specified partner is blocked"),
    "PARTNER_ACCESS_FORBIDDEN": .init(
      argNames: ["ACCESSING_PID", "ACCESSED_PID"],
      message: "Partner [@ACCESSING_PID@] cannot access partner [@ACCESSED_PID@]"),
    "MISSING_MANDATORY_PARAMETER": .init(argNames: ["PARAM_NAME"], message: "Missing parameter \"@PARAM_NAME@\""),
    "INVALID_PARAMETER_CHAR": .init(argNames: ["XML_FIELD"], message: "Invalid char in \"@XML_FIELD@\" field"),
    "INVALID_OBJECT_TYPE": .init(argNames: ["INVALID_OBJ_TYPE"], message: "Invalid object type \"@INVALID_OBJ_TYPE@\""),
    "OBJECT_TYPE_ABSTRACT": .init(
      argNames: ["OBJ_TYPE"],
      message: "The object type \"@OBJ_TYPE@\" is abstract, use one of the object implementations"),
    "INVALID_ENUM_VALUE": .init(
      argNames: ["ENUM_VAL", "PARAM_NAME", "ENUM_TYPE"],
      message:
        "Invalid enumeration value \"@ENUM_VAL@\" for parameter \"@PARAM_NAME@\", "
        + "expecting enumeration type \"@ENUM_TYPE@\""
    ),
    "INVALID_PARTNER_ID": .init(argNames: ["PID"], message: "Invalid partner id \"@PID@\""),
    "PROPERTY_VALIDATION_CANNOT_BE_NULL": .init(
      argNames: ["PROP_NAME"], message: "The property \"@PROP_NAME@\" cannot be null"),
    "PROPERTY_VALIDATION_NOT_UPDATABLE": .init(
      argNames: ["PROP_NAME"], message: "The property \"@PROP_NAME@\" cannot be updated"),
    "PROPERTY_VALIDATION_MIN_LENGTH": .init(
      argNames: ["PROP_NAME", "MIN_LEN"],
      message: "The property \"@PROP_NAME@\" must have a min length of @MIN_LEN@ characters"),
    "PROPERTY_VALIDATION_MAX_LENGTH": .init(
      argNames: ["PROP_NAME", "MAX_LEN"],
      message: "The property \"@PROP_NAME@\" cannot have more than @MAX_LEN@ characters"),
    "PROPERTY_VALIDATION_MIN_VALUE": .init(
      argNames: ["PROP_NAME", "MIN_VAL"], message: "The property \"@PROP_NAME@\" must have a min value of @MIN_VAL@"),
    "PROPERTY_VALIDATION_MAX_VALUE": .init(
      argNames: ["PROP_NAME", "MAX_VAL"], message: "The property \"@PROP_NAME@\" must have a max value of @MAX_VAL@"),
    "INVALID_FIELD_VALUE": .init(argNames: ["FIELD_NAME"], message: "value in field [@FIELD_NAME@] is not valid"),
    "UNKNOWN_RESPONSE_FORMAT": .init(
      argNames: ["FORMAT"], message: "Response format provided [@FORMAT@] is not recognized by server"),
    "START_SESSION_ERROR": .init(argNames: ["PID"], message: "Error while starting session for partner [@PID@]"),
    "INVALID_OBJECT_ID": .init(argNames: ["ID"], message: "Invalid object id [@ID@]"),
    "ENTRY_ID_NOT_FOUND": .init(argNames: ["ENTRY_ID"], message: "Entry id \"@ENTRY_ID@\" not found"),
    "ENTRY_ALREADY_WITH_CONTENT": .init(argNames: [], message: "Entry already associated with content"),
    "INVALID_ENTRY_TYPE": .init(
      argNames: ["ENTRY_NAME", "WRONG_ENTRY_TYPE", "RIGHT_ENTRY_TYPE"],
      message: "Entry \"@ENTRY_NAME@\" type is \"@WRONG_ENTRY_TYPE@\", type must be \"@RIGHT_ENTRY_TYPE@\""),
    "QUERY_EXCEEDED_MAX_MATCHES_ALLOWED": .init(
      argNames: [], message: "Unable to generate list. max matches value was reached"),
    "UICONF_ID_NOT_FOUND": .init(argNames: ["ID"], message: "UI conf id \"@ID@\" not found"),
    "INVALID_UI_CONF_ID": .init(argNames: ["UI_CONF_ID"], message: "Unknown uiConf [@UI_CONF_ID@]"),
    "UPLOAD_ERROR": .init(argNames: [], message: "Upload failed"),
    "UPLOAD_PARTIAL_ERROR": .init(argNames: [], message: "File was uploaded partially"),
    "UPLOAD_TOKEN_NOT_FOUND": .init(argNames: [], message: "Upload token not found"),
    "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD": .init(
      argNames: [],
      message: "Upload token is in an invalid status for uploading a file, maybe the file was already uploaded"),
    "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY": .init(
      argNames: [],
      message:
        "Upload token is in an invalid status for adding entry, maybe the a file was not uploaded or the token was used"
    ),
    "UPLOAD_TOKEN_CANNOT_RESUME": .init(argNames: [], message: "Cannot resume the upload, original file was not found"),
    "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE": .init(argNames: [], message: "Failed to match expected file size"),
    "UPLOAD_TOKEN_FILE_TYPE_RESTRICTED_FOR_UPLOAD": .init(
      argNames: [], message: "Upload token is restricted due to the file type"),
    "UPLOAD_TOKEN_MISSING_FILE_SIZE": .init(argNames: [], message: "FileSize is mandatory when enabling autoFinalize"),
    "MAX_ALLOWED_CHUNK_COUNT_EXCEEDED": .init(
      argNames: [], message: "Max allowed waiting chunks to be concatenated has exceeded allowed limit"),
    "UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED": .init(
      argNames: ["MAX_RESUME_TIME"],
      message: "Max resume time of @MAX_RESUME_TIME@ seconds reached, cannot resume upload"),
  ]

  /// An error from the catalog, its arguments given in declared order. An unknown code keeps
  /// the code as its message, so a typo shows up instead of vanishing.
  public static func named(_ code: String, _ values: String...) -> KalturaAPIError {
    named(code, values: values)
  }

  public static func named(_ code: String, values: [String]) -> KalturaAPIError {
    guard let template = catalog[code] else { return KalturaAPIError(code: code, message: code) }
    let pairs = zip(template.argNames, values + Array(repeating: "", count: template.argNames.count)).map { ($0, $1) }
    return KalturaAPIError(code: code, template: template.message, args: pairs)
  }
}

// MARK: - factories

extension KalturaAPIError {
  /// KS error codes of `kSessionBase`, used in `INVALID_KS` arguments.
  public enum KSErrorCode: String, Sendable {
    case invalidString = "-1,INVALID_STR"
    case invalidPartner = "-2,INVALID_PARTNER"
    case invalidUser = "-3,INVALID_USER"
    case invalidType = "-4,INVALID_TYPE"
    case expired = "-5,EXPIRED"
    case logout = "-6,LOGOUT"

    var parts: (code: String, description: String) {
      let split = rawValue.split(separator: ",", maxSplits: 1)
      return (String(split[0]), String(split[1]))
    }
  }

  public static func invalidKS(_ ksID: String, _ error: KSErrorCode = .invalidString) -> KalturaAPIError {
    named("INVALID_KS", ksID, error.parts.code, error.parts.description)
  }
  /// A KS that does not parse or whose signature fails: the KS itself is the `KSID` argument.
  public static func invalidKSString(_ ks: String) -> KalturaAPIError { invalidKS(ks) }
  /// An expired KS: `Invalid KS "EXPIRED", Error "-1,INVALID_STR"`, as the real server words it.
  public static var expiredKS: KalturaAPIError { invalidKS("EXPIRED") }
  /// A KS ended by `session.end`.
  public static var loggedOutKS: KalturaAPIError { invalidKS("LOGOUT") }
  /// A USER KS acting on something it does not own.
  public static var invalidKSType: KalturaAPIError { invalidKS("", .invalidType) }

  public static var internalServerError: KalturaAPIError { named("INTERNAL_SERVERL_ERROR") }
  public static var missingKS: KalturaAPIError { named("MISSING_KS") }
  public static func serviceDoesNotExist(_ service: String) -> KalturaAPIError {
    named("SERVICE_DOES_NOT_EXISTS", service)
  }
  public static func actionDoesNotExist(action: String, service: String) -> KalturaAPIError {
    named("ACTION_DOES_NOT_EXISTS", action, service)
  }
  /// `service` and `action` as the server prints them: `[uploadtoken->list]`.
  public static func serviceForbidden(service: String, action: String) -> KalturaAPIError {
    named("SERVICE_FORBIDDEN", "\(service)->\(action)")
  }
  public static func partnerAccessForbidden(accessing: Int, accessed: Int) -> KalturaAPIError {
    named("PARTNER_ACCESS_FORBIDDEN", String(accessing), String(accessed))
  }
  public static func missingMandatoryParameter(_ name: String) -> KalturaAPIError {
    named("MISSING_MANDATORY_PARAMETER", name)
  }
  public static func invalidEnumValue(_ value: String, parameter: String, enumType: String) -> KalturaAPIError {
    named("INVALID_ENUM_VALUE", value, parameter, enumType)
  }
  public static func invalidObjectType(_ objectType: String) -> KalturaAPIError {
    named("INVALID_OBJECT_TYPE", objectType)
  }
  public static func objectTypeAbstract(_ objectType: String) -> KalturaAPIError {
    named("OBJECT_TYPE_ABSTRACT", objectType)
  }
  /// `property` as Kaltura names it: `KalturaUploadToken::status`.
  public static func propertyNotUpdatable(_ property: String) -> KalturaAPIError {
    named("PROPERTY_VALIDATION_NOT_UPDATABLE", property)
  }
  public static func propertyCannotBeNull(_ property: String) -> KalturaAPIError {
    named("PROPERTY_VALIDATION_CANNOT_BE_NULL", property)
  }
  public static func startSessionError(partnerID: String) -> KalturaAPIError {
    named("START_SESSION_ERROR", partnerID)
  }
  public static func invalidPartnerID(_ partnerID: String) -> KalturaAPIError { named("INVALID_PARTNER_ID", partnerID) }
  public static func invalidObjectID(_ id: String) -> KalturaAPIError { named("INVALID_OBJECT_ID", id) }
  public static func entryIDNotFound(_ id: String) -> KalturaAPIError { named("ENTRY_ID_NOT_FOUND", id) }
  public static var entryAlreadyWithContent: KalturaAPIError { named("ENTRY_ALREADY_WITH_CONTENT") }
  public static func invalidUIConfID(_ id: String) -> KalturaAPIError { named("INVALID_UI_CONF_ID", id) }
  public static func uiConfIDNotFound(_ id: String) -> KalturaAPIError { named("UICONF_ID_NOT_FOUND", id) }
  public static func unknownResponseFormat(_ format: String) -> KalturaAPIError {
    named("UNKNOWN_RESPONSE_FORMAT", format)
  }
  public static var uploadError: KalturaAPIError { named("UPLOAD_ERROR") }
  public static var uploadTokenNotFound: KalturaAPIError { named("UPLOAD_TOKEN_NOT_FOUND") }
  public static var uploadTokenInvalidStatusForUpload: KalturaAPIError {
    named("UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD")
  }
  public static var uploadTokenInvalidStatusForAddEntry: KalturaAPIError {
    named("UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
  }
  public static var uploadTokenCannotResume: KalturaAPIError { named("UPLOAD_TOKEN_CANNOT_RESUME") }
  public static var uploadTokenCannotMatchExpectedSize: KalturaAPIError {
    named("UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE")
  }
  public static var uploadTokenMissingFileSize: KalturaAPIError { named("UPLOAD_TOKEN_MISSING_FILE_SIZE") }
  public static var maxAllowedChunkCountExceeded: KalturaAPIError { named("MAX_ALLOWED_CHUNK_COUNT_EXCEEDED") }
  public static func uploadPassedMaxResumeTime(seconds: Int) -> KalturaAPIError {
    named("UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED", String(seconds))
  }
  public static var queryExceededMaxMatches: KalturaAPIError { named("QUERY_EXCEEDED_MAX_MATCHES_ALLOWED") }
}
