import Crypto
import Foundation
import _CryptoExtras

/// AES-128-CBC without padding, for KS v2: Kaltura zero-pads the plaintext itself and uses a zero
/// IV, so the cipher must neither add nor strip PKCS#7 padding. Backed by swift-crypto's
/// `AES._CBC` (BoringSSL).
enum AES128CBC {
  enum Failure: Error { case badKey, unaligned }

  static func encrypt(_ plain: [UInt8], key: [UInt8], iv: [UInt8] = Array(repeating: 0, count: 16)) throws(Failure)
    -> [UInt8]
  {
    let (symmetricKey, vector) = try prepare(plain, key: key, iv: iv)
    guard let cipher = try? AES._CBC.encrypt(plain, using: symmetricKey, iv: vector, noPadding: true) else {
      throw .unaligned
    }
    return Array(cipher)
  }

  static func decrypt(_ cipher: [UInt8], key: [UInt8], iv: [UInt8] = Array(repeating: 0, count: 16)) throws(Failure)
    -> [UInt8]
  {
    let (symmetricKey, vector) = try prepare(cipher, key: key, iv: iv)
    guard let plain = try? AES._CBC.decrypt(cipher, using: symmetricKey, iv: vector, noPadding: true) else {
      throw .unaligned
    }
    return Array(plain)
  }

  private static func prepare(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws(Failure)
    -> (SymmetricKey, AES._CBC.IV)
  {
    guard key.count == 16 else { throw .badKey }
    guard data.count % 16 == 0, let vector = try? AES._CBC.IV(ivBytes: iv) else { throw .unaligned }
    return (SymmetricKey(data: key), vector)
  }
}
