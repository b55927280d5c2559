/// An ordered JSON object. Members keep insertion order; setting an existing key replaces its
/// value in place. Lookups are linear, which is faster than hashing for the small objects
/// (tens of keys) that APIs return, and keeps the parser allocation-light.
public struct JSONObject: Sendable, Hashable, Sequence {
  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  public private(set) var members: [Member]

  public init() { members = [] }
  public init(_ pairs: [(String, JSONValue)]) {
    members = []
    members.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }
  /// Takes members as parsed; a later duplicate key wins on lookup, as in JavaScript.
  public init(members: [Member]) { self.members = members }

  public var count: Int { members.count }
  public var isEmpty: Bool { members.isEmpty }
  public var keys: [String] { members.map(\.key) }
  public var values: [JSONValue] { members.map(\.value) }

  public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

  public subscript(key: String) -> JSONValue? {
    get {
      // Search from the end so a duplicated key behaves like JSON.parse (last wins).
      var i = members.count - 1
      while i >= 0 {
        if members[i].key == key { return members[i].value }
        i -= 1
      }
      return nil
    }
    set {
      if let i = members.lastIndex(where: { $0.key == key }) {
        if let newValue { members[i].value = newValue } else { members.remove(at: i) }
      } else if let newValue {
        members.append(Member(key: key, value: newValue))
      }
    }
  }

  public func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? {
    guard let i = members.lastIndex(where: { $0.key == key }) else { return nil }
    return members.remove(at: i).value
  }
}
