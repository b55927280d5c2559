import Foundation
import JSONValue
import Testing

@testable import KalturaWire

/// Vectors made by the official Python client 23.10.0 (`generateSessionV2` / `generateSession`)
/// with its random source fixed to bytes 1...16, `time.time()` = 1732500000.7 and
/// `random.randint` = 4242.
enum PythonVectors {
  static let now = Date(timeIntervalSince1970: 1_732_500_000.7)
  static let random = Array(UInt8(1)...UInt8(16))
  static let secret = "ADMINSECRET0123456789abcdef"
  /// `generateSessionV2(secret, 'alice', 2, 123, 3600, 'disableentitlement,edit:0_abc,*')`
  static let adminV2 =
    "djJ8MTIzfKK94RX6xTw7X2j98akzgZF0wkJVQ84frwkwUrI18usYbMeZO_4DKtvHpBeU8z1eaxB5ewAzMwRN8sksDFBpfJT-aBdK6OqST5ZXE4iZ"
    + "XjljwpQzCHjn1DJW85HRw2SshbHk-5NHWpd4XeyLpALXYnQ="
  /// `generateSessionV2('s3cr3t', '', 0, 4567, 86400, '')`
  static let userV2 =
    "djJ8NDU2N3zqUjgOmK1s-4mPTzo62aPWz6d4wD4heD34T8PaUTWq8sciNTnUbIGnG3v02MDKrvqh0r7VoQ742UOQ72UkhN6k"
  /// `generateSessionV2('s3cr3t', 'user with space&x=1', 0, 4567, 86400, 'privacycontext:a b')`
  static let escapedV2 =
    "djJ8NDU2N3zJa6Ki9nj7-DorZa-rD9KvtCHmCqAMRvSeHoKIEVl481dcFo0pucPAih6-2DGBP30MIiLVwFKWxXzACcyFlQIcwsfkpnsFzL6k5lPL"
    + "pdhe-Gnsip3u8IbcvHn6nYOXb1SevNjkgXN5b9p0B0FVQO4G"
  /// `generateSession(secret, 'bob', 0, 123, 600, 'sview:*')`
  static let userV1 =
    "YmY3YzBkNTk3ZTZkMjM0YjkwNzc3MTMyMjU2OWNlMDJjMjgwZjc4ZHwxMjM7MTIzOzE3MzI1MDA2MDA7MDs0MjQyO2JvYjtzdmlldzoq"
}

@Suite struct KalturaKSTests {
  @Test func aesMatchesFIPS197Vector() throws {
    let key: [UInt8] = Array(0x00...0x0f)
    let plain: [UInt8] = [
      0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    ]
    let expected: [UInt8] = [
      0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
    ]
    let cipher = try AES128CBC.encrypt(plain, key: key)
    #expect(cipher == expected)
    #expect(try AES128CBC.decrypt(cipher, key: key) == plain)
  }

  @Test func generateV2MatchesThePythonClientByteForByte() {
    let ks = KalturaKS.generateV2(
      adminSecret: PythonVectors.secret, partnerID: 123, userID: "alice", type: .admin, expiry: 3600,
      privileges: "disableentitlement,edit:0_abc,*", now: PythonVectors.now, random: PythonVectors.random)
    #expect(ks == PythonVectors.adminV2)
    let user = KalturaKS.generateV2(
      adminSecret: "s3cr3t", partnerID: 4567, now: PythonVectors.now, random: PythonVectors.random)
    #expect(user == PythonVectors.userV2)
    let escaped = KalturaKS.generateV2(
      adminSecret: "s3cr3t", partnerID: 4567, userID: "user with space&x=1", privileges: "privacycontext:a b",
      now: PythonVectors.now, random: PythonVectors.random)
    #expect(escaped == PythonVectors.escapedV2)
  }

  @Test func parsesPythonV2() throws {
    let info = try KalturaKS.parse(PythonVectors.adminV2, secret: PythonVectors.secret)
    #expect(info.version == 2)
    #expect(info.partnerID == 123)
    #expect(info.userID == "alice")
    #expect(info.type == .admin)
    #expect(info.expiry == 1_732_503_600)
    #expect(info.privilegeString == "disableentitlement,edit:0_abc,*")
    #expect(info.hasPrivilege("edit", value: "0_zzz"))  // via `*`
    let escaped = try KalturaKS.parse(PythonVectors.escapedV2, secret: "s3cr3t")
    #expect(escaped.userID == "user with space&x=1")
    #expect(escaped.privileges == [KSPrivilege(name: "privacycontext", value: "a b")])
    #expect(escaped.type == .user)
  }

  @Test func parsesPythonV1WithAndWithoutSecret() throws {
    let plain = try KalturaKS.parse(PythonVectors.userV1)
    #expect(plain.version == 1)
    #expect(plain.partnerID == 123)
    #expect(plain.userID == "bob")
    #expect(plain.expiry == 1_732_500_600)
    #expect(plain.privileges == [KSPrivilege(name: "sview", value: "*")])
    #expect(try KalturaKS.parse(PythonVectors.userV1, secret: PythonVectors.secret) == plain)
    #expect(throws: KalturaAPIError.invalidKSString(PythonVectors.userV1)) {
      try KalturaKS.parse(PythonVectors.userV1, secret: "wrong")
    }
    let mine = KalturaKS.generateV1(
      adminSecret: PythonVectors.secret, partnerID: 123, userID: "bob", expiry: 600, privileges: "sview:*",
      now: PythonVectors.now, rand: 4242)
    #expect(mine == PythonVectors.userV1)
  }

  @Test func v2RoundTripWithRandomBytes() throws {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let a = KalturaKS.generateV2(adminSecret: "x", partnerID: 9, userID: "u", type: .admin, now: now)
    let b = KalturaKS.generateV2(adminSecret: "x", partnerID: 9, userID: "u", type: .admin, now: now)
    #expect(a != b)  // fresh random bytes each time
    let info = try KalturaKS.verify(a, secretFor: { $0 == 9 ? "x" : nil }, now: now)
    #expect(info.partnerID == 9 && info.userID == "u" && info.isAdmin && info.expiry == 1_800_086_400)
    #expect(try KalturaKS.envelope(a) == (2, 9))
  }

  @Test func verifyRejectsForgedTamperedUnknownAndGarbage() throws {
    let now = PythonVectors.now
    let secrets: (Int) -> String? = { $0 == 123 ? PythonVectors.secret : nil }
    // Signed with another secret.
    let forged = KalturaKS.generateV2(adminSecret: "guess", partnerID: 123, type: .admin, now: now)
    #expect(throws: KalturaAPIError.invalidKSString(forged)) {
      try KalturaKS.verify(forged, secretFor: secrets, now: now)
    }
    // One cipher byte flipped.
    var bytes = try KalturaKS.decodeBase64(PythonVectors.adminV2)
    bytes[bytes.count - 20] ^= 1
    let tampered = KalturaKS.base64URL(bytes)
    #expect(throws: KalturaAPIError.invalidKSString(tampered)) {
      try KalturaKS.verify(tampered, secretFor: secrets, now: now)
    }
    // A partner this server does not know.
    let otherPartner = KalturaKS.generateV2(adminSecret: "s3", partnerID: 5, now: now)
    #expect(throws: KalturaAPIError.invalidKSString(otherPartner)) {
      try KalturaKS.verify(otherPartner, secretFor: secrets, now: now)
    }
    #expect(throws: KalturaAPIError.invalidKSString("not a ks")) {
      try KalturaKS.verify("not a ks", secretFor: secrets, now: now)
    }
  }

  @Test func verifyReportsExpiryAndLogoutAsKalturaDoes() throws {
    let now = PythonVectors.now
    let secrets: (Int) -> String? = { _ in PythonVectors.secret }
    let later = now.addingTimeInterval(3601)
    do {
      _ = try KalturaKS.verify(PythonVectors.adminV2, secretFor: secrets, now: later)
      Issue.record("an expired KS was accepted")
    } catch {
      #expect(error.code == "INVALID_KS")
      #expect(error.message == "Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"")
      #expect(error.arg("KSID") == "EXPIRED")
    }
    #expect(throws: KalturaAPIError.loggedOutKS) {
      try KalturaKS.verify(PythonVectors.adminV2, secretFor: secrets, now: now, isRevoked: { _ in true })
    }
    let negative = KalturaKS.generateV2(adminSecret: "k", partnerID: 1, expiry: -10, now: now)
    #expect(throws: KalturaAPIError.expiredKS) { try KalturaKS.verify(negative, secretFor: { _ in "k" }, now: now) }
  }

  @Test func verifyTriesEveryAdminSecret() throws {
    let ks = KalturaKS.generateV2(adminSecret: "second", partnerID: 7, now: PythonVectors.now)
    let info = try KalturaKS.verify(ks, secretsFor: { _ in ["first", "second"] }, now: PythonVectors.now)
    #expect(info.partnerID == 7)
  }

  @Test func editRights() throws {
    let user = try KalturaKS.parse(PythonVectors.escapedV2, secret: "s3cr3t")
    #expect(user.canEdit(entryID: "0_a", ownerUserID: "user with space&x=1"))
    #expect(!user.canEdit(entryID: "0_a", ownerUserID: "someone"))
    var withEdit = user
    withEdit.privileges = [KSPrivilege(name: "edit", value: "0_a")]
    #expect(withEdit.canEdit(entryID: "0_a", ownerUserID: "someone"))
    #expect(!withEdit.canEdit(entryID: "0_b", ownerUserID: "someone"))
  }
}
