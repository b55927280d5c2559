import Foundation
import JSONValue

/// Kaltura's rule for the class of an object parameter (`KalturaRequestDeserializer`): a given
/// `objectType` is used when it is the declared class or a subclass of it, and silently ignored
/// otherwise; a declared abstract class with no usable `objectType` is `OBJECT_TYPE_ABSTRACT`.
public enum KalturaObjectType {
  /// Direct subclasses of the classes the recipes and the sandbox use.
  public static let subclasses: [String: [String]] = [
    "KalturaResource": ["KalturaContentResource"],
    "KalturaContentResource": [
      "KalturaUploadedFileTokenResource", "KalturaUrlResource", "KalturaServerFileResource",
      "KalturaAssetResource", "KalturaEntryResource",
    ],
    "KalturaBaseEntry": ["KalturaPlayableEntry", "KalturaDataEntry", "KalturaPlaylist", "KalturaDocumentEntry"],
    "KalturaPlayableEntry": ["KalturaMediaEntry"],
    "KalturaMediaEntry": ["KalturaLiveEntry"],
    "KalturaBaseEntryFilter": ["KalturaPlayableEntryFilter", "KalturaDataEntryFilter", "KalturaPlaylistFilter"],
    "KalturaPlayableEntryFilter": ["KalturaMediaEntryFilter"],
    "KalturaUploadTokenBaseFilter": ["KalturaUploadTokenFilter"],
    "KalturaUiConfBaseFilter": ["KalturaUiConfFilter"],
  ]

  public static let abstract: Set<String> = ["KalturaResource", "KalturaContentResource"]

  public static func isSubclass(_ type: String, of ancestor: String, in table: [String: [String]] = subclasses) -> Bool
  {
    if type == ancestor { return true }
    return table[ancestor, default: []].contains { isSubclass(type, of: $0, in: table) }
  }

  /// The class to build for a parameter declared as `declared` when the caller sent `object`.
  public static func resolve(
    declared: String, object: JSONObject, table: [String: [String]] = subclasses,
    abstractTypes: Set<String> = abstract
  ) throws(KalturaAPIError) -> String {
    if let given = object["objectType"].flatMap(KalturaValue.string), !given.isEmpty,
      isSubclass(given, of: declared, in: table), !abstractTypes.contains(given)
    {
      return given
    }
    if abstractTypes.contains(declared) { throw .objectTypeAbstract(declared) }
    return declared
  }
}

extension KalturaValue {
  /// A `time` field inside an object: Unix seconds, where a value within ten years of zero
  /// (|v| ≤ 315 360 000) is relative to `now`; `-1` is kept and empty is 0 (`kTime`).
  public static func time(_ value: JSONValue, now: Date = Date()) -> Int? {
    if case .string(let s) = value, s.isEmpty { return 0 }
    guard let seconds = int(value) else { return nil }
    if seconds == -1 || abs(seconds) > 315_360_000 { return seconds }
    return KalturaKS.unixSeconds(now) + seconds
  }
}
