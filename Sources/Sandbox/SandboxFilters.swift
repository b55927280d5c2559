/// The filter fields the list actions honour. The served OpenAPI document declares exactly
/// these (Resources/make-openapi.py keeps the same lists; SandboxTests compares the two), so a
/// console that types its forms from the document never offers a filter the sandbox ignores.
enum SandboxFilters {
  static let entry: Set<String> = [
    "idEqual", "idIn", "nameLike", "nameMultiLikeOr", "freeText", "userIdEqual", "referenceIdEqual", "tagsLike",
    "mediaTypeEqual", "mediaTypeIn", "typeEqual", "createdAtGreaterThanOrEqual", "createdAtLessThanOrEqual",
    "statusEqual", "statusIn", "statusNotEqual", "statusNotIn",
  ]
  /// `KalturaBaseEntryFilter` declares no media type (a `KalturaMediaEntryFilter` does).
  static let baseEntry = entry.subtracting(["mediaTypeEqual", "mediaTypeIn"])
  static let uploadToken: Set<String> = [
    "idEqual", "idIn", "userIdEqual", "statusEqual", "statusIn", "fileNameEqual", "fileSizeEqual",
  ]
  static let uiConf: Set<String> = ["idEqual", "idIn", "nameLike", "objTypeEqual", "objTypeIn", "tagsMultiLikeOr"]

  static let uploadTokenOrders: Set<String> = ["+createdAt", "-createdAt"]
  static let uiConfOrders: Set<String> = [
    "+id", "-id", "+createdAt", "-createdAt", "+updatedAt", "-updatedAt", "+name", "-name",
  ]
}
