import Foundation
import JSONValue
import KalturaWire

/// Cue points: generic CRUD, plus what Kaltura derives on add (the read-only `cuePointType`
/// from the class, so lists by `cuePointTypeEqual`/`cuePointTypeIn` find them) and
/// `updateStatus`. An ADMIN KS's entry is not checked (cue points are kept for entries of other
/// tools too); a USER KS reaches them as far as it reaches their entry (`EntryBoundAccess`).
extension SandboxCore {
  /// `KalturaCuePointType` of each concrete cue point class.
  static let cuePointTypes: [String: String] = [
    "KalturaAdCuePoint": "adCuePoint.Ad", "KalturaAnnotation": "annotation.Annotation",
    "KalturaCodeCuePoint": "codeCuePoint.Code", "KalturaEventCuePoint": "eventCuePoint.Event",
    "KalturaAnswerCuePoint": "quiz.QUIZ_ANSWER", "KalturaQuestionCuePoint": "quiz.QUIZ_QUESTION",
    "KalturaThumbCuePoint": "thumbCuePoint.Thumb",
  ]

  private var cuePoints: StoredFamily { family("cuepoint_cuepoint") }

  var cuePointActions: [String: ActionHandler] {
    var actions = cuePoints.crud
    if let generic = actions["add"] {
      actions["add"] = ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        let reply = try await generic.run(input)
        guard let id = reply["id"]?.stringValue, var stored = try cuePoints.object(id, caller: caller),
          let type = Self.cuePointTypes[stored.className]
        else { return reply }
        stored.body["cuePointType"] = .string(type)
        try store.saveObject(stored)
        return .object(stored.body)
      }
    }
    actions["updatestatus"] = ActionHandler(access: .anyKS) { [self] input in
      let caller = try input.requireCaller()
      let id = try input.call.requireString("id")
      guard var stored = try cuePoints.object(id, caller: caller) else {
        throw SandboxErrors.named("INVALID_CUE_POINT_ID", id)
      }
      try cuePoints.requireEditable(stored, caller: caller)
      let status = try input.call.requireString("status")
      guard let value = Int(status), (1...4).contains(value) else {
        throw KalturaAPIError.invalidEnumValue(status, parameter: "status", enumType: "KalturaCuePointStatus")
      }
      stored.body["status"] = .int(value)
      _ = try cuePoints.save(stored)
      return .null
    }
    return actions
  }
}
