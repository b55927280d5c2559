import JSONValue

/// What one line of the pretty form holds.
public enum RowKind: UInt8, Sendable {
  /// A scalar, an empty container, or a line of a text document.
  case scalar
  /// The `{` or `[` line of a non-empty container.
  case open
  /// Its `}` or `]` line.
  case close
}

/// The flat index of a document: one row per line of its pretty form, as parallel arrays of
/// small integers (no object per row) so a 50 MB reply costs a few bytes a line. Row text is
/// rendered on demand from the `JSONValue` node, which a row reaches through its parents.
public struct RowIndex: Sendable {
  public let root: JSONValue
  /// The lines of a document that is not JSON (XML, text); empty for JSON.
  public let textLines: [String]
  /// Row of the enclosing container's `open` row; -1 at the top.
  @usableFromInline var parents: [Int32] = []
  /// Position in the parent (member index or array index); 0 at the top.
  @usableFromInline var positions: [Int32] = []
  /// `open` → its `close` row, `close` → its `open` row, scalar → itself.
  @usableFromInline var partners: [Int32] = []
  @usableFromInline var depths: [UInt16] = []
  @usableFromInline var kinds: [UInt8] = []

  public var count: Int { kinds.count }
  public var isText: Bool { !textLines.isEmpty }

  public init(_ root: JSONValue) {
    self.root = root
    textLines = []
    // Counted first so each array is allocated once, at its size, and filled in place.
    let count = Self.rowCount(root)
    var parents = [Int32](repeating: 0, count: count)
    var positions = [Int32](repeating: 0, count: count)
    var partners = [Int32](repeating: 0, count: count)
    var depths = [UInt16](repeating: 0, count: count)
    var kinds = [UInt8](repeating: 0, count: count)
    parents.withUnsafeMutableBufferPointer { parents in
      positions.withUnsafeMutableBufferPointer { positions in
        partners.withUnsafeMutableBufferPointer { partners in
          depths.withUnsafeMutableBufferPointer { depths in
            kinds.withUnsafeMutableBufferPointer { kinds in
              var builder = Builder(
                parents: parents, positions: positions, partners: partners, depths: depths, kinds: kinds)
              builder.add(root, parent: -1, position: 0, depth: 0)
            }
          }
        }
      }
    }
    self.parents = parents
    self.positions = positions
    self.partners = partners
    self.depths = depths
    self.kinds = kinds
  }

  /// A document that is not JSON: one scalar row per line.
  public init(text: String) {
    root = .string(text)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.isEmpty { lines = [""] }
    textLines = lines
    let count = lines.count
    parents = Array(repeating: -1, count: count)
    positions = (0..<count).map { Int32($0) }
    partners = positions
    depths = Array(repeating: 0, count: count)
    kinds = Array(repeating: RowKind.scalar.rawValue, count: count)
  }

  public func kind(_ row: Int) -> RowKind { RowKind(rawValue: kinds[row])! }
  public func depth(_ row: Int) -> Int { Int(depths[row]) }
  public func partner(_ row: Int) -> Int { Int(partners[row]) }
  /// The `open` row of the row's container; nil at the top.
  public func parent(_ row: Int) -> Int? { parents[row] < 0 ? nil : Int(parents[row]) }
  public func position(_ row: Int) -> Int { Int(positions[row]) }
  /// The row's node's first row (a `close` row belongs to its `open` row's node).
  public func nodeRow(_ row: Int) -> Int { kind(row) == .close ? partner(row) : row }

  /// The last row of the node starting at `row`.
  public func lastRow(ofNode row: Int) -> Int { kind(row) == .open ? partner(row) : row }

  /// The positions from the top down to the row's node.
  public func positionChain(_ row: Int) -> [Int] {
    var chain: [Int] = []
    var current = nodeRow(row)
    while let up = parent(current) {
      chain.append(position(current))
      current = up
    }
    return chain.reversed()
  }

  /// The value the row shows (for a `close` row, its container).
  public func node(_ row: Int) -> JSONValue {
    if isText { return .string(textLines[row]) }
    var value = root
    for step in positionChain(row) {
      switch value {
      case .object(let object): value = object.members[step].value
      case .array(let items): value = items[step]
      default: return value
      }
    }
    return value
  }

  /// The member key of the row's node when its parent is an object.
  public func key(_ row: Int) -> String? {
    let nodeRow = nodeRow(row)
    guard let up = parent(nodeRow), case .object(let object) = node(up) else { return nil }
    return object.members[position(nodeRow)].key
  }

  /// Path segments of the row's node: member keys and array indexes.
  public func pathSegments(_ row: Int) -> [String] {
    guard !isText else { return [String(row + 1)] }
    var segments: [String] = []
    var value = root
    for step in positionChain(row) {
      switch value {
      case .object(let object):
        segments.append(object.members[step].key)
        value = object.members[step].value
      case .array(let items):
        segments.append(String(step))
        value = items[step]
      default: break
      }
    }
    return segments
  }

  /// The dot path as recipes write it (`objects.137.id`); the empty string is the whole document.
  public func path(_ row: Int) -> String { pathSegments(row).joined(separator: ".") }

  /// True when the row's node is the last of its container (no comma after it).
  public func isLastInParent(_ row: Int) -> Bool {
    let nodeRow = nodeRow(row)
    guard let up = parent(nodeRow) else { return true }
    return partner(up) == lastRow(ofNode: nodeRow) + 1
  }

  /// Rows of the children of an `open` row.
  public func children(_ row: Int) -> [Int] {
    guard kind(row) == .open else { return [] }
    var out: [Int] = []
    var child = row + 1
    while child < partner(row) {
      out.append(child)
      child = lastRow(ofNode: child) + 1
    }
    return out
  }

  private static func rowCount(_ value: JSONValue) -> Int {
    switch value {
    case .object(let object) where !object.isEmpty:
      var count = 2
      for member in object.members { count += rowCount(member.value) }
      return count
    case .array(let items) where !items.isEmpty:
      var count = 2
      for item in items { count += rowCount(item) }
      return count
    default: return 1
    }
  }

  /// Writes rows into arrays allocated at the document's row count (no growth, no
  /// uniqueness check per row: half the cost of appending on a 50 MB reply).
  private struct Builder {
    let parents: UnsafeMutableBufferPointer<Int32>
    let positions: UnsafeMutableBufferPointer<Int32>
    let partners: UnsafeMutableBufferPointer<Int32>
    let depths: UnsafeMutableBufferPointer<UInt16>
    let kinds: UnsafeMutableBufferPointer<UInt8>
    var next = 0

    mutating func append(_ kind: RowKind, parent: Int32, position: Int32, depth: UInt16) -> Int32 {
      let row = next
      parents[row] = parent
      positions[row] = position
      partners[row] = Int32(row)
      depths[row] = depth
      kinds[row] = kind.rawValue
      next += 1
      return Int32(row)
    }

    mutating func add(_ value: JSONValue, parent: Int32, position: Int32, depth: UInt16) {
      switch value {
      case .object(let object) where !object.isEmpty:
        let open = append(.open, parent: parent, position: position, depth: depth)
        var index: Int32 = 0
        for member in object.members {
          add(member.value, parent: open, position: index, depth: depth + 1)
          index += 1
        }
        close(open, parent: parent, position: position, depth: depth)
      case .array(let items) where !items.isEmpty:
        let open = append(.open, parent: parent, position: position, depth: depth)
        var index: Int32 = 0
        for item in items {
          add(item, parent: open, position: index, depth: depth + 1)
          index += 1
        }
        close(open, parent: parent, position: position, depth: depth)
      default:
        _ = append(.scalar, parent: parent, position: position, depth: depth)
      }
    }

    mutating func close(_ open: Int32, parent: Int32, position: Int32, depth: UInt16) {
      let close = append(.close, parent: parent, position: position, depth: depth)
      partners[Int(open)] = close
      partners[Int(close)] = open
    }
  }
}
