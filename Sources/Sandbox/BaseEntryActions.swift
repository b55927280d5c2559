import Foundation
import JSONValue
import KalturaWire

extension SandboxCore {
  var baseEntryActions: [String: ActionHandler] {
    [
      "addfromuploadedfile": ActionHandler(access: .anyKS) { [self] input in
        try await addFromUploadedFileOfAnyType(input)
      },
      "get": ActionHandler(access: .anyKS) { [self] input in
        builder.entry(try visibleEntry(input.call.requireString("entryId"), caller: input.requireCaller()))
      },
      "list": ActionHandler(access: .anyKS) { [self] input in
        try listEntries(input, listType: "KalturaBaseEntryListResponse", filterClass: "KalturaBaseEntryFilter")
      },
    ]
  }

  /// `baseEntry.addFromUploadedFile(entry, uploadTokenId, type = AUTOMATIC)`: an entry of any type
  /// that takes a complete upload token's file, closing the token.
  ///
  /// The type is the `type` parameter when it names one; with AUTOMATIC, the class of `entry`
  /// (`KalturaMediaEntry`, `KalturaDataEntry`, `KalturaDocumentEntry`) decides, and for the generic
  /// `KalturaBaseEntry` the file's extension does, as `myEntryUtils::setEntryTypeAndMediaTypeFromFile`
  /// decides it: a media clip for video, image and audio files, a document otherwise.
  private func addFromUploadedFileOfAnyType(_ input: ActionInput) async throws -> JSONValue {
    let caller = try input.requireCaller()
    let object = try input.call.requireObject("entry")
    let tokenId = try input.call.requireString("uploadTokenId")
    let requested = try EntryType.requested(input.call)
    // BaseEntryService turns every failure to find a complete token (unknown, another partner's,
    // not yet FULL_UPLOAD) into this one error.
    guard let token = try? engine.visibleToken(tokenId, caller: caller), token.status == .fullUpload else {
      throw KalturaAPIError.uploadTokenInvalidStatusForAddEntry
    }
    let className = try KalturaObjectType.resolve(declared: "KalturaBaseEntry", object: object)
    let type =
      requested != EntryType.automatic
      ? requested : EntryType.implied(byClass: className) ?? EntryType.guessed(fromFileName: token.fileName)
    let entry = try await addAttached(tokenId: tokenId, caller: caller) { token in
      try addEntry(object, className: className, caller: caller, type: type, fileName: token.fileName)
    }
    return builder.entry(entry)
  }
}
