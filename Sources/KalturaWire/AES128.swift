// AES-128 in CBC mode without padding, for KS v2 only.
// Why hand-written: the `Crypto` product of swift-crypto offers AES only as GCM and key wrap;
// raw CBC lives in the separate `CryptoExtras` product, which this target does not depend on
// (Package.swift is shared). A KS is a few blocks long, so this table-based FIPS-197 version is
// plenty; it is checked against the FIPS-197 test vector and KSs made by Kaltura's Python client.

enum AES128CBC {
  enum Failure: Error { case badKey, unaligned }

  static func encrypt(_ plain: [UInt8], key: [UInt8], iv: [UInt8] = Array(repeating: 0, count: 16)) throws(Failure)
    -> [UInt8]
  {
    guard plain.count % 16 == 0 else { throw .unaligned }
    let roundKeys = try expandKey(key)
    var previous = iv
    var out: [UInt8] = []
    out.reserveCapacity(plain.count)
    for start in stride(from: 0, to: plain.count, by: 16) {
      var block = (0..<16).map { plain[start + $0] ^ previous[$0] }
      encryptBlock(&block, roundKeys)
      out += block
      previous = block
    }
    return out
  }

  static func decrypt(_ cipher: [UInt8], key: [UInt8], iv: [UInt8] = Array(repeating: 0, count: 16)) throws(Failure)
    -> [UInt8]
  {
    guard cipher.count % 16 == 0 else { throw .unaligned }
    let roundKeys = try expandKey(key)
    var previous = iv
    var out: [UInt8] = []
    out.reserveCapacity(cipher.count)
    for start in stride(from: 0, to: cipher.count, by: 16) {
      let encrypted = Array(cipher[start..<start + 16])
      var block = encrypted
      decryptBlock(&block, roundKeys)
      out += (0..<16).map { block[$0] ^ previous[$0] }
      previous = encrypted
    }
    return out
  }

  // MARK: - block cipher

  private static func expandKey(_ key: [UInt8]) throws(Failure) -> [UInt8] {
    guard key.count == 16 else { throw .badKey }
    var w = key
    w.reserveCapacity(176)
    var rcon: UInt8 = 1
    while w.count < 176 {
      var t = Array(w[(w.count - 4)...])
      if w.count % 16 == 0 {
        t = [sbox[Int(t[1])] ^ rcon, sbox[Int(t[2])], sbox[Int(t[3])], sbox[Int(t[0])]]
        rcon = xtime(rcon)
      }
      for i in 0..<4 { w.append(w[w.count - 16] ^ t[i]) }
    }
    return w
  }

  static func encryptBlock(_ s: inout [UInt8], _ w: [UInt8]) {
    addRoundKey(&s, w, 0)
    for round in 1...10 {
      for i in 0..<16 { s[i] = sbox[Int(s[i])] }
      shiftRows(&s)
      if round != 10 { mixColumns(&s) }
      addRoundKey(&s, w, round)
    }
  }

  static func decryptBlock(_ s: inout [UInt8], _ w: [UInt8]) {
    addRoundKey(&s, w, 10)
    for round in stride(from: 9, through: 0, by: -1) {
      invShiftRows(&s)
      for i in 0..<16 { s[i] = inverseSbox[Int(s[i])] }
      addRoundKey(&s, w, round)
      if round != 0 { invMixColumns(&s) }
    }
  }

  private static func addRoundKey(_ s: inout [UInt8], _ w: [UInt8], _ round: Int) {
    for i in 0..<16 { s[i] ^= w[round * 16 + i] }
  }

  // State is column-major: byte (row r, column c) is s[4c + r].
  private static func shiftRows(_ s: inout [UInt8]) {
    let t = s
    for c in 0..<4 { for r in 1..<4 { s[4 * c + r] = t[4 * ((c + r) % 4) + r] } }
  }

  private static func invShiftRows(_ s: inout [UInt8]) {
    let t = s
    for c in 0..<4 { for r in 1..<4 { s[4 * ((c + r) % 4) + r] = t[4 * c + r] } }
  }

  private static func xtime(_ b: UInt8) -> UInt8 { (b << 1) ^ ((b & 0x80) != 0 ? 0x1b : 0) }

  private static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
    var a = a
    var b = b
    var p: UInt8 = 0
    while b != 0 {
      if b & 1 != 0 { p ^= a }
      a = xtime(a)
      b >>= 1
    }
    return p
  }

  private static func mixColumns(_ s: inout [UInt8]) {
    for c in 0..<4 {
      let a = Array(s[(4 * c)..<(4 * c + 4)])
      s[4 * c] = xtime(a[0]) ^ xtime(a[1]) ^ a[1] ^ a[2] ^ a[3]
      s[4 * c + 1] = a[0] ^ xtime(a[1]) ^ xtime(a[2]) ^ a[2] ^ a[3]
      s[4 * c + 2] = a[0] ^ a[1] ^ xtime(a[2]) ^ xtime(a[3]) ^ a[3]
      s[4 * c + 3] = xtime(a[0]) ^ a[0] ^ a[1] ^ a[2] ^ xtime(a[3])
    }
  }

  private static func invMixColumns(_ s: inout [UInt8]) {
    for c in 0..<4 {
      let a = Array(s[(4 * c)..<(4 * c + 4)])
      for r in 0..<4 {
        s[4 * c + r] =
          multiply(a[r], 14) ^ multiply(a[(r + 1) % 4], 11) ^ multiply(a[(r + 2) % 4], 13)
          ^ multiply(a[(r + 3) % 4], 9)
      }
    }
  }

  private static let sbox: [UInt8] = [
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
  ]

  private static let inverseSbox: [UInt8] = {
    var inverse = [UInt8](repeating: 0, count: 256)
    for (i, v) in sbox.enumerated() { inverse[Int(v)] = UInt8(i) }
    return inverse
  }()
}
