import Foundation
import JSONValue
import KalturaWire

/// `KalturaEntryType` values the sandbox stores, and how `baseEntry.addFromUploadedFile` picks one.
enum EntryType {
  static let automatic = -1
  static let mediaClip = 1
  static let data = 6
  static let document = 10
  static let liveStream = 7
  /// `externalMedia.externalMedia`, a plugin's dynamic enum value: Kaltura stores such values as
  /// integers of its own too; this is the sandbox's, answered as the enum's text.
  static let externalMedia = 1001
  /// Entries with no file to convert: READY from the start.
  static let withoutContent: Set<Int> = [liveStream, externalMedia]
  /// The entry types the sandbox can create; the rest of `KalturaEntryType` is `ENTRY_TYPE_NOT_SUPPORTED`.
  static let supported: Set<Int> = [mediaClip, data, document]
  /// Every value of `KalturaEntryType` (a string enum in Kaltura: plugins add dotted values).
  static let enumValues: Set<String> = [
    "-1", "1", "2", "5", "6", "7", "8", "10", "conference.CONFERENCE_ENTRY_SERVER", "externalMedia.externalMedia",
    "sip.SIP_ENTRY_SERVER",
  ]

  /// The API class an entry of `type` is answered as (`KalturaEntryFactory::getInstanceByType`).
  static func className(_ type: Int) -> String {
    switch type {
    case data: return "KalturaDataEntry"
    case document: return "KalturaDocumentEntry"
    case liveStream: return "KalturaLiveStreamEntry"
    case externalMedia: return "KalturaExternalMediaEntry"
    default: return "KalturaMediaEntry"
    }
  }

  /// The `type` an entry is answered with.
  static func value(_ type: Int) -> JSONValue {
    type == externalMedia ? "externalMedia.externalMedia" : .int(type)
  }

  /// The entry type an explicit `objectType` stands for; nil for the generic classes, which leave
  /// the choice to the uploaded file.
  static func implied(byClass className: String) -> Int? {
    if KalturaObjectType.isSubclass(className, of: "KalturaMediaEntry") { return mediaClip }
    switch className {
    case "KalturaDataEntry": return data
    case "KalturaDocumentEntry": return document
    default: return nil
    }
  }

  /// `myEntryUtils::setEntryTypeAndMediaTypeFromFile` for type AUTOMATIC: a file whose extension
  /// names a video, image or audio format makes a media clip, anything else a document.
  static func guessed(fromFileName fileName: String?) -> Int {
    MediaType.guessed(fromFileName: fileName) == nil ? document : mediaClip
  }

  /// Reads the `type` parameter: absent means AUTOMATIC; a value outside the enum is Kaltura's
  /// `INVALID_ENUM_VALUE`; a known type the sandbox cannot create is `ENTRY_TYPE_NOT_SUPPORTED`.
  static func requested(_ call: KalturaCall) throws -> Int {
    guard let raw = call.string("type"), !raw.isEmpty else { return automatic }
    guard enumValues.contains(raw) else {
      throw KalturaAPIError.invalidEnumValue(raw, parameter: "type", enumType: "KalturaEntryType")
    }
    guard let value = Int(raw), value == automatic || supported.contains(value) else {
      throw SandboxErrors.entryTypeNotSupported(raw)
    }
    return value
  }
}

extension MediaType {
  /// `myFileUploadService::getMediaTypeFromFileExt`: the media type a file extension stands for,
  /// nil when it is none of video, image or audio.
  static func guessed(fromFileName fileName: String?) -> Int? {
    let ext = ((fileName ?? "") as NSString).pathExtension.lowercased()
    if videoExtensions.contains(ext) { return video }
    if imageExtensions.contains(ext) { return image }
    if audioExtensions.contains(ext) { return audio }
    return nil
  }

  static let videoExtensions: Set<String> = [
    "flv", "asf", "qt", "mov", "mpg", "mpeg", "avi", "wmv", "mp4", "m4v", "3gp", "vob", "f4v", "mkv", "mxf", "webm",
    "ts", "mts", "m2ts", "rm", "rmvb", "ogv", "dv", "wtv",
  ]
  static let imageExtensions: Set<String> = ["jpg", "jpeg", "bmp", "png", "gif", "tif", "tiff", "webp", "heic"]
  static let audioExtensions: Set<String> = [
    "flac", "mp3", "wav", "wma", "aac", "m4a", "ogg", "oga", "opus", "aif", "aiff", "amr",
  ]
}

/// `KalturaDocumentType`: the kind of a document entry, stored in the entry's media type column
/// as Kaltura stores it (`entry::ENTRY_MEDIA_TYPE_DOCUMENT` 11, SWF 12, PDF 13).
enum DocumentType {
  static let document = 11
  static let swf = 12
  static let pdf = 13
  static let all: Set<Int> = [document, swf, pdf]

  static func guessed(fromFileName fileName: String?) -> Int {
    switch ((fileName ?? "") as NSString).pathExtension.lowercased() {
    case "pdf": return pdf
    case "swf": return swf
    default: return document
    }
  }

  static func requested(_ object: JSONObject) throws -> Int? {
    guard let raw = object.text("documentType") else { return nil }
    guard let value = KalturaValue.int(.string(raw)), all.contains(value) else {
      throw KalturaAPIError.invalidEnumValue(raw, parameter: "documentType", enumType: "KalturaDocumentType")
    }
    return value
  }
}
