import Crypto
import Foundation

/// Session types as the server reads them: any type of 1 or more is an admin session.
public enum KSType: Int, Sendable, Hashable, Codable {
  case user = 0
  case admin = 2
}

/// One KS privilege: `edit:0_abc` is name `edit`, value `0_abc`; `disableentitlement` has an
/// empty value. `*` alone is stored by Kaltura as `all:*`.
public struct KSPrivilege: Sendable, Hashable {
  public var name: String
  public var value: String
  public init(name: String, value: String = "") {
    self.name = name
    self.value = value
  }
}

/// What a KS says about its session.
public struct KSInfo: Sendable, Hashable {
  /// 1 (signed plain text) or 2 (encrypted).
  public var version: Int
  public var partnerID: Int
  public var userID: String
  /// The raw session type field.
  public var rawType: Int
  /// Absolute expiry, Unix seconds.
  public var expiry: Int
  public var privileges: [KSPrivilege]
  public var masterPartnerID: Int?
  public var additionalData: String?

  public var type: KSType { rawType >= 1 ? .admin : .user }
  public var isAdmin: Bool { type == .admin }

  /// The privileges as a KS privilege string: `edit:0_abc,disableentitlement`, `*` for all.
  public var privilegeString: String {
    privileges.map { privilege in
      if privilege.name == "all" && privilege.value == "*" { return "*" }
      return privilege.value.isEmpty ? privilege.name : "\(privilege.name):\(privilege.value)"
    }.joined(separator: ",")
  }

  public func isExpired(now: Date = Date()) -> Bool { expiry <= Int(now.timeIntervalSince1970) }

  /// True when the KS grants `name` (with `value`, when given), directly, as `name:*`, or via `*`.
  public func hasPrivilege(_ name: String, value: String? = nil) -> Bool {
    privileges.contains { privilege in
      if privilege.name == "all" && privilege.value == "*" { return true }
      guard privilege.name == name else { return false }
      guard let value else { return true }
      return privilege.value == "*" || privilege.value.split(separator: "/").contains { $0 == value }
    }
  }

  /// Whether this session may edit an entry owned by `ownerUserID`: admins always, users when
  /// they own it or hold `edit:<entryId>`, `edit:*` or `*`.
  public func canEdit(entryID: String, ownerUserID: String) -> Bool {
    isAdmin || (!userID.isEmpty && userID == ownerUserID) || hasPrivilege("edit", value: entryID)
  }
}

/// KS generation, parsing and verification, byte-compatible with Kaltura's server and the
/// official Python client (`generateSession`, `generateSessionV2`).
public enum KalturaKS {
  static let randomSize = 16

  /// A v2 KS exactly as the Python client's `generateSessionV2` makes it: privileges first (in
  /// order, `*` as `all:*`), then `_e` (now + expiry), `_t`, `_u`, form-encoded; prefixed by
  /// SHA1(random16 + fields) and random16; zero-padded; AES-128-CBC with key SHA1(secret)[0..<16]
  /// and a zero IV; `"v2|pid|"` + cipher in URL-safe base64 with padding.
  /// `random` fixes the 16 random bytes (tests); nil draws them from the system generator.
  public static func generateV2(
    adminSecret: String, partnerID: Int, userID: String = "", type: KSType = .user,
    expiry: Int = 86400, privileges: String = "", now: Date = Date(), random: [UInt8]? = nil
  ) -> String {
    var fields: [(String, String)] = []
    func set(_ key: String, _ value: String) {
      if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = value } else { fields.append((key, value)) }
    }
    for raw in privileges.split(separator: ",", omittingEmptySubsequences: false) {
      var privilege = raw.trimmingCharacters(in: .whitespaces)
      if privilege.isEmpty { continue }
      if privilege == "*" { privilege = "all:*" }
      let parts = privilege.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      set(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
    set("_e", String(unixSeconds(now) + expiry))
    set("_t", String(type.rawValue))
    set("_u", userID)
    let encoded = Array(FormEncoding.encode(fields).utf8)

    let randomBytes = random ?? (0..<randomSize).map { _ in UInt8.random(in: 0...255) }
    var plain = randomBytes + encoded
    plain = sha1(plain) + plain
    if plain.count % 16 != 0 { plain += [UInt8](repeating: 0, count: 16 - plain.count % 16) }
    // The plaintext is aligned and the key is 16 bytes, so encryption cannot fail.
    let cipher = (try? AES128CBC.encrypt(plain, key: Array(sha1(Array(adminSecret.utf8)).prefix(16)))) ?? []
    return base64URL(Array("v2|\(partnerID)|".utf8) + cipher)
  }

  /// A v1 KS as the Python client's `generateSession` makes it (seven `;` fields, signed with
  /// SHA1 hex of secret + fields, standard base64). `rand` fixes the random field.
  public static func generateV1(
    adminSecret: String, partnerID: Int, userID: String = "", type: KSType = .user,
    expiry: Int = 86400, privileges: String = "", now: Date = Date(), rand: Int? = nil
  ) -> String {
    let fields = [
      String(partnerID), String(partnerID), String(unixSeconds(now) + expiry), String(type.rawValue),
      String(rand ?? Int.random(in: 0...0x10000)), userID, privileges,
    ]
    let info = Array(fields.joined(separator: ";").utf8)
    let signature = hex(sha1(Array(adminSecret.utf8) + info))
    return Data(Array(signature.utf8) + Array("|".utf8) + info).base64EncodedString()
  }

  /// Version and partner of a KS, readable without any secret.
  public static func envelope(_ ks: String) throws(KalturaAPIError) -> (version: Int, partnerID: Int) {
    let bytes = try decodeBase64(ks)
    if bytes.starts(with: Array("v2|".utf8)) {
      let parts = bytes.split(separator: UInt8(ascii: "|"), maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3, let pid = Int(String(decoding: parts[1], as: UTF8.self)) else {
        throw .invalidKSString(ks)
      }
      return (2, pid)
    }
    let (_, fields) = try v1Parts(ks, bytes)
    guard let pid = Int(fields[0]) else { throw .invalidKSString(ks) }
    return (1, pid)
  }

  /// Reads a KS. v1 is plain text, so `secret` is optional (given, the signature is checked);
  /// v2 is encrypted and needs the partner's admin secret. Failures are `INVALID_KS` with the
  /// KS as `KSID`, as the server reports them.
  public static func parse(_ ks: String, secret: String? = nil) throws(KalturaAPIError) -> KSInfo {
    let bytes = try decodeBase64(ks)
    if bytes.starts(with: Array("v2|".utf8)) {
      guard let secret else { throw .invalidKSString(ks) }
      return try parseV2(ks, bytes, secret: secret)
    }
    return try parseV1(ks, bytes, secret: secret)
  }

  /// Checks a KS the way the server does before any action runs: envelope, signature against
  /// the partner's admin secret(s), expiry, then logout. Unknown partner, bad signature and
  /// garbage → `INVALID_KS` (KSID = the KS, `-1,INVALID_STR`); expired → KSID `EXPIRED`;
  /// ended by `session.end` (`isRevoked`) → KSID `LOGOUT`.
  /// Partner/type/privilege rules that depend on the action are the caller's: see
  /// `KSInfo.isAdmin`, `KSInfo.canEdit`, `KalturaAPIError.serviceForbidden`, `.invalidKSType`.
  public static func verify(
    _ ks: String, secretsFor: (Int) -> [String], now: Date = Date(), isRevoked: (String) -> Bool = { _ in false }
  ) throws(KalturaAPIError) -> KSInfo {
    let (_, partnerID) = try envelope(ks)
    var verified: KSInfo?
    for secret in secretsFor(partnerID) {
      if let info = try? parse(ks, secret: secret) {
        verified = info
        break
      }
    }
    guard let info = verified, info.partnerID == partnerID else { throw .invalidKSString(ks) }
    if info.isExpired(now: now) { throw .expiredKS }
    if isRevoked(ks) { throw .loggedOutKS }
    return info
  }

  /// `verify` for a partner with a single admin secret.
  public static func verify(
    _ ks: String, secretFor: (Int) -> String?, now: Date = Date(), isRevoked: (String) -> Bool = { _ in false }
  ) throws(KalturaAPIError) -> KSInfo {
    try verify(ks, secretsFor: { secretFor($0).map { [$0] } ?? [] }, now: now, isRevoked: isRevoked)
  }

  // MARK: - v1

  private static func v1Parts(_ ks: String, _ bytes: [UInt8]) throws(KalturaAPIError) -> (String, [String]) {
    guard let bar = bytes.firstIndex(of: UInt8(ascii: "|")) else { throw .invalidKSString(ks) }
    let signature = String(decoding: bytes[..<bar], as: UTF8.self)
    let fields = String(decoding: bytes[(bar + 1)...], as: UTF8.self)
      .split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 4 else { throw .invalidKSString(ks) }
    return (signature, fields)
  }

  private static func parseV1(_ ks: String, _ bytes: [UInt8], secret: String?) throws(KalturaAPIError) -> KSInfo {
    let (signature, fields) = try v1Parts(ks, bytes)
    if let secret {
      let info = Array(bytes[(bytes.firstIndex(of: UInt8(ascii: "|"))! + 1)...])
      guard hex(sha1(Array(secret.utf8) + info)) == signature.lowercased() else { throw .invalidKSString(ks) }
    }
    func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
    guard let partnerID = Int(field(0)), let expiry = Int(field(2)) else { throw .invalidKSString(ks) }
    return KSInfo(
      version: 1, partnerID: partnerID, userID: field(5), rawType: Int(field(3)) ?? 0, expiry: expiry,
      privileges: parsePrivileges(field(6)), masterPartnerID: Int(field(7)),
      additionalData: field(8).isEmpty ? nil : field(8))
  }

  // MARK: - v2

  private static func parseV2(_ ks: String, _ bytes: [UInt8], secret: String) throws(KalturaAPIError) -> KSInfo {
    let parts = bytes.split(separator: UInt8(ascii: "|"), maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, let partnerID = Int(String(decoding: parts[1], as: UTF8.self)) else {
      throw .invalidKSString(ks)
    }
    let key = Array(sha1(Array(secret.utf8)).prefix(16))
    guard var plain = try? AES128CBC.decrypt(Array(parts[2]), key: key) else { throw .invalidKSString(ks) }
    while plain.last == 0 { plain.removeLast() }
    guard plain.count >= 20 + randomSize, sha1(Array(plain[20...])) == Array(plain[..<20]) else {
      throw .invalidKSString(ks)
    }
    let fields = FormEncoding.decode(String(decoding: plain[(20 + randomSize)...], as: UTF8.self))
    var info = KSInfo(
      version: 2, partnerID: partnerID, userID: "", rawType: 0, expiry: 0, privileges: [], masterPartnerID: nil,
      additionalData: nil)
    for (key, value) in fields {
      switch key {
      case "_e": info.expiry = Int(value) ?? 0
      case "_t": info.rawType = Int(value) ?? 0
      case "_u": info.userID = value
      case "_m": info.masterPartnerID = Int(value)
      case "_d": info.additionalData = value
      default: info.privileges.append(KSPrivilege(name: key, value: value))
      }
    }
    return info
  }

  // MARK: - helpers

  static func parsePrivileges(_ text: String) -> [KSPrivilege] {
    text.split(separator: ",").compactMap { raw in
      let privilege = raw.trimmingCharacters(in: .whitespaces)
      if privilege.isEmpty { return nil }
      if privilege == "*" { return KSPrivilege(name: "all", value: "*") }
      let parts = privilege.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      return KSPrivilege(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
    }
  }

  static func unixSeconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

  static func sha1(_ bytes: [UInt8]) -> [UInt8] { Array(Insecure.SHA1.hash(data: bytes)) }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
  }

  /// Accepts standard and URL-safe base64, with or without padding.
  static func decodeBase64(_ ks: String) throws(KalturaAPIError) -> [UInt8] {
    var text = ks.trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    if text.count % 4 != 0 { text += String(repeating: "=", count: 4 - text.count % 4) }
    guard !ks.isEmpty, let data = Data(base64Encoded: text) else { throw .invalidKSString(ks) }
    return Array(data)
  }
}
