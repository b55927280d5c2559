/// A search pattern: a regular expression, or — when it has no regex syntax — plain text,
/// compared byte by byte (far faster than `Regex` over millions of values). Lower-case
/// patterns ignore case ("smart case", as in less and vim).
struct TextMatcher {
  let pattern: String
  private let literal: [UInt8]?
  private let regex: Regex<AnyRegexOutput>?
  private let ignoresCase: Bool

  init(_ pattern: String) throws(SearchError) {
    self.pattern = pattern
    ignoresCase = !pattern.contains { $0.isUppercase }
    if pattern.contains(where: { "\\^$.|?*+()[]{}".contains($0) }) {
      do {
        let compiled = try Regex(pattern)
        regex = ignoresCase ? compiled.ignoresCase() : compiled
      } catch {
        throw SearchError(message: "not a regular expression: \(pattern)")
      }
      literal = nil
    } else {
      regex = nil
      literal = Array((ignoresCase ? pattern.lowercased() : pattern).utf8)
    }
  }

  func matches(_ text: String) -> Bool {
    if let regex { return text.contains(regex) }
    guard let literal, !literal.isEmpty else { return false }
    var text = text
    return text.withUTF8 { Self.find(literal, in: $0, ignoringCase: ignoresCase) }
  }

  private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
    let count = needle.count
    guard haystack.count >= count else { return false }
    let first = needle[0]
    var start = 0
    while start <= haystack.count - count {
      if fold(haystack[start], ignoringCase) == first {
        var offset = 1
        while offset < count, fold(haystack[start + offset], ignoringCase) == needle[offset] { offset += 1 }
        if offset == count { return true }
      }
      start += 1
    }
    return false
  }

  @inline(__always) private static func fold(_ byte: UInt8, _ ignoringCase: Bool) -> UInt8 {
    ignoringCase && byte >= 65 && byte <= 90 ? byte | 0x20 : byte
  }
}

public struct SearchError: Error, Sendable, Hashable {
  public var message: String
}
