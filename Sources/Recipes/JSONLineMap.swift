/// Lines of the keys and array elements of a JSON text, by path, so a diagnostic can point at
/// the offending line inside a code block. Hand-written because JSONValue's parser (rightly)
/// keeps no positions; this scan runs only on text that already parsed, so it needs no error
/// handling.
struct JSONLineMap {
  private var lines: [String: Int] = [:]

  private struct Frame {
    var isObject: Bool
    var key: String?
    var index: Int
    var valueStarted: Bool
  }

  init(_ text: String) {
    let bytes = Array(text.utf8)
    var line = 1
    var frames: [Frame] = []
    var path: [String] = []
    var i = 0

    func noteValueStart() {
      guard var top = frames.last else {
        if lines[Self.key([])] == nil { lines[Self.key([])] = line }
        return
      }
      if !top.isObject, !top.valueStarted {
        lines[Self.key(path + [String(top.index)])] = line
        top.valueStarted = true
        frames[frames.count - 1] = top
      }
    }
    func childComponent() -> String? {
      guard let top = frames.last else { return nil }
      return top.isObject ? (top.key ?? "") : String(top.index)
    }

    while i < bytes.count {
      let byte = bytes[i]
      switch byte {
      case 0x0A:
        line += 1
      case UInt8(ascii: "\""):
        let start = i + 1
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] == UInt8(ascii: "\\") { i += 1 }
          i += 1
        }
        if var top = frames.last, top.isObject, top.key == nil {
          let key = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
          top.key = key
          frames[frames.count - 1] = top
          lines[Self.key(path + [key])] = line
        } else {
          noteValueStart()
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        noteValueStart()
        if let component = childComponent() { path.append(component) }
        frames.append(Frame(isObject: byte == UInt8(ascii: "{"), key: nil, index: 0, valueStarted: false))
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        frames.removeLast()
        if !frames.isEmpty { path.removeLast() }
      case UInt8(ascii: ","):
        if var top = frames.last {
          if top.isObject { top.key = nil } else { top.index += 1 }
          top.valueStarted = false
          frames[frames.count - 1] = top
        }
      case 0x20, 0x09, 0x0D, UInt8(ascii: ":"):
        break
      default:
        noteValueStart()
      }
      i += 1
    }
  }

  /// The 1-based line of the member at `path` (object keys, array indices as strings), or of
  /// its nearest enclosing member when the path is unknown.
  func line(of path: [String]) -> Int {
    var path = path
    while true {
      if let line = lines[Self.key(path)] { return line }
      if path.isEmpty { return 1 }
      path.removeLast()
    }
  }

  func contains(_ path: [String]) -> Bool { lines[Self.key(path)] != nil }

  private static func key(_ path: [String]) -> String { path.joined(separator: "\u{1F}") }
}
