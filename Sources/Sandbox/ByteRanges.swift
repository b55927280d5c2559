/// What a `Range` header asks of a file of `size` bytes (RFC 9110 §14): one byte range, one
/// that lies outside the file (answered 416), or nothing the server must honour (a malformed
/// header, another unit, several ranges), which is answered with the whole file.
enum ByteRangeRequest: Equatable {
  case whole
  case range(ClosedRange<Int>)
  case unsatisfiable

  /// `bytes=a-b`, `bytes=a-` or `bytes=-n`.
  static func parse(_ header: String?, size: Int64) -> ByteRangeRequest {
    guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return .whole }
    let bounds = header.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
    guard bounds.count == 2 else { return .whole }
    let last = Int(size) - 1
    switch (Int(bounds[0]), Int(bounds[1])) {
    case (let start?, let end?) where start >= 0 && start <= end:
      return start <= last ? .range(start...min(end, last)) : .unsatisfiable
    case (let start?, nil) where start >= 0 && bounds[1].isEmpty:
      return start <= last ? .range(start...last) : .unsatisfiable
    case (nil, let suffix?) where bounds[0].isEmpty && suffix >= 0:
      return suffix > 0 && size > 0 ? .range(max(0, Int(size) - suffix)...last) : .unsatisfiable
    default: return .whole
    }
  }
}
