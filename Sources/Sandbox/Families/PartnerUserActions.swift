import Foundation
import JSONValue
import KalturaWire

/// `partner.listPartnersForUser`: the partners the KS's user may log in to; in the sandbox a
/// user belongs to its own partner only.
extension SandboxCore {
  var partnerUserActions: [String: ActionHandler] {
    [
      "listpartnersforuser": ActionHandler(access: .anyKS) { [self] input in
        let caller = try input.requireCaller()
        guard let partner = try store.partner(id: caller.partnerId) else { throw KalturaAPIError.internalServerError }
        return ObjectBuilder.list([builder.partner(partner)], totalCount: 1, objectType: "KalturaPartnerListResponse")
      }
    ]
  }
}
