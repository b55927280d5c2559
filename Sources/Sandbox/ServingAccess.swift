import JSONValue
import KalturaWire

extension SandboxCore {
  /// Why a content URL (`…/playManifest/entryId/X/ks/KS/…`, `…/raw/…`) may not serve `entry`,
  /// nil when it may: without a `ks` segment the entry is public, as under Kaltura's default
  /// access control; with one, the KS must verify (and spends one of its actions), and a USER KS
  /// must own the entry or hold `sview:<entryId>` / `sview:*`.
  func servingRefusal(segments: [String], entry: EntryRecord) -> String? {
    guard let index = segments.firstIndex(of: "ks"), index + 1 < segments.count else { return nil }
    let call = KalturaCall(
      service: "playmanifest", action: "serve", params: JSONObject([("ks", .string(segments[index + 1]))]))
    do {
      guard let caller = try authenticate(call) else { return nil }
      try spendAction(call, caller: caller)
      guard caller.partnerId == entry.partnerId else { return "the KS is of another partner" }
      return caller.canServe(entry) ? nil : "the KS may not view entry \(entry.id) (it needs sview:\(entry.id))"
    } catch let error as KalturaAPIError {
      // Not the message: INVALID_KS quotes the KS itself.
      return "the KS is refused (\(error.code))"
    } catch {
      return "invalid KS"
    }
  }
}
