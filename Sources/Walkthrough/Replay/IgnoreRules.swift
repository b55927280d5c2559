import JSONValue

/// Which reply paths a replay comparison skips. Patterns are dot paths where `*` matches one
/// segment (`objects.*.name`) and a leading `**.` matches at any depth (`**.createdAt`).
public struct IgnoreRules: Sendable, Hashable {
  public var patterns: [String]

  public init(patterns: [String]) { self.patterns = patterns }

  /// Fields that differ on every run or on every server: ids, times, sessions, URLs that embed
  /// them, and the server's own timing.
  public static let volatileDefaults: [String] = [
    "**.id", "**.*Id", "**.*Ids", "**.ks", "**.token", "**.*At", "**.*On", "**.*Url", "**.*URL",
    "**.executionTime", "**.serverTime", "**.expiry", "**.downloadUrl", "**.dataUrl",
  ]

  /// The defaults plus the user's own patterns.
  public static func standard(adding extra: [String] = []) -> IgnoreRules {
    IgnoreRules(patterns: volatileDefaults + extra)
  }

  public func ignores(_ path: [String]) -> Bool {
    patterns.contains { IgnoreRules.matches(pattern: $0, path: path) }
  }

  static func matches(pattern: String, path: [String]) -> Bool {
    let segments = pattern.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if segments.first == "**" {
      let tail = Array(segments.dropFirst())
      guard path.count >= tail.count else { return false }
      return zip(tail, path.suffix(tail.count)).allSatisfy { segmentMatches($0, $1) }
    }
    // A pattern naming a parent ignores everything below it too.
    guard path.count >= segments.count else { return false }
    return zip(segments, path).allSatisfy { segmentMatches($0, $1) }
  }

  /// `*` alone matches any segment; `*Id` / `created*` match by suffix / prefix.
  static func segmentMatches(_ pattern: String, _ segment: String) -> Bool {
    if pattern == "*" { return true }
    if pattern.hasPrefix("*") { return segment.hasSuffix(pattern.dropFirst()) && segment.count > pattern.count - 1 }
    if pattern.hasSuffix("*") { return segment.hasPrefix(pattern.dropLast()) }
    return pattern == segment
  }
}
