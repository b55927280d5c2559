import JSONValue
import Testing
import Walkthrough

@Suite struct IdentitySubstitutionTests {
  let rules = IgnoreRules.standard()

  @Test func aValueQuotingThePartnerAndTimeIsNoDifference() {
    let recorded: JSONValue = [
      "id": "0_abc123", "partnerId": 100, "createdAt": 1_796_240_192, "name": "100_1796240192",
    ]
    let new: JSONValue = ["id": "0_xyz789", "partnerId": 200, "createdAt": 1_796_240_999, "name": "200_1796240999"]
    #expect(
      ReplyComparison.differences(
        recorded: recorded, new: new, ignoring: rules,
        substituting: IdentitySubstitution(recordedPartner: 100, newPartner: 200)
      ) == [])
  }

  @Test func withoutTheSubstitutionTheSameValuesDiffer() {
    let recorded: JSONValue = ["name": "100_1796240192"]
    let new: JSONValue = ["name": "200_1796240192"]
    #expect(ReplyComparison.differences(recorded: recorded, new: new, ignoring: rules).count == 1)
  }

  @Test func aRealChangeIsStillADifference() {
    let recorded: JSONValue = ["partnerId": 100, "name": "100_1796240192", "mediaType": 1]
    let new: JSONValue = ["partnerId": 200, "name": "Renamed", "mediaType": 2]
    let differences = ReplyComparison.differences(
      recorded: recorded, new: new, ignoring: rules,
      substituting: IdentitySubstitution(recordedPartner: 100, newPartner: 200))
    #expect(differences.map(\.path) == ["name", "mediaType"])
  }

  @Test func idsLearnedFromAnEarlierReplyAreReplacedInALaterOne() {
    var identities = IdentitySubstitution()
    identities.learn(recorded: ["id": "0_old11111"], new: ["id": "0_new22222"], rules: rules)
    let recorded: JSONValue = ["description": "copy of 0_old11111"]
    let new: JSONValue = ["description": "copy of 0_new22222"]
    #expect(ReplyComparison.differences(recorded: recorded, new: new, ignoring: rules, substituting: identities) == [])
  }

  @Test func replacementIsOnePassSoANewValueIsNotReplacedAgain() {
    var identities = IdentitySubstitution(recordedPartner: 100, newPartner: 200)
    identities.learn("1796240192", "1796240100")
    #expect(identities.applied(to: "100_1796240192") == "200_1796240100")
  }

  @Test func shortValuesAreNotLearned() {
    var identities = IdentitySubstitution()
    identities.learn("1", "2")
    #expect(identities.pairs.isEmpty)
  }
}

@Suite struct IdentityPrecedenceTests {
  /// Step 1 and step 3 were recorded in the same second and replayed in different ones: the
  /// entry's name follows the entry's own creation time, not the token's.
  @Test func aReplysOwnTimesWinOverEarlierSteps() {
    let rules = IgnoreRules.standard()
    var earlier = IdentitySubstitution(recordedPartner: 100, newPartner: 200)
    earlier.learn(recorded: ["createdAt": 1_796_256_451], new: ["createdAt": 1_796_256_452], rules: rules)
    let recorded: JSONValue = ["createdAt": 1_796_256_451, "name": "100_1796256451"]
    let new: JSONValue = ["createdAt": 1_796_256_453, "name": "200_1796256453"]
    #expect(ReplyComparison.differences(recorded: recorded, new: new, ignoring: rules, substituting: earlier) == [])
  }
}
