/// Terminal column width of a character. Hand-written because the standard library has no
/// wcwidth; the ranges cover East Asian Wide/Fullwidth and emoji presentation, which is what
/// recipes and replies contain in practice.
public func displayWidth(of character: Character) -> Int {
  guard let first = character.unicodeScalars.first else { return 0 }
  let value = first.value
  if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
  if value < 0x300 { return 1 }
  if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
  if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
    return 0
  }
  return isWide(value) ? 2 : 1
}

private func isWide(_ value: UInt32) -> Bool {
  switch value {
  case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1F680...0x1F6FF, 0x20000...0x3FFFD:
    return true
  default:
    return false
  }
}

/// Terminal column width of a string.
public func displayWidth(of text: some StringProtocol) -> Int {
  text.reduce(0) { $0 + displayWidth(of: $1) }
}

extension String {
  /// The longest prefix that fits in `columns`, with "…" when cut.
  /// The end of the string in `columns`, "…" standing for what its start gave up (a path keeps
  /// its file name).
  public func truncatedFromStart(toWidth columns: Int) -> String {
    guard columns > 0 else { return "" }
    if displayWidth(of: self) <= columns { return self }
    var kept: [Character] = []
    var used = 0
    for character in reversed() {
      let width = displayWidth(of: character)
      if used + width > columns - 1 { break }
      kept.append(character)
      used += width
    }
    return "…" + String(kept.reversed())
  }

  public func truncated(toWidth columns: Int) -> String {
    guard columns > 0 else { return "" }
    if displayWidth(of: self) <= columns { return self }
    var result = ""
    var used = 0
    for character in self {
      let width = displayWidth(of: character)
      if used + width > columns - 1 { break }
      result.append(character)
      used += width
    }
    return result + "…"
  }

  /// Cut from the start with a leading `…` to at most `columns` (a path keeps its file name).
  public func keepingEnd(toWidth columns: Int) -> String {
    guard columns > 0 else { return "" }
    if displayWidth(of: self) <= columns { return self }
    var kept: [Character] = []
    var used = 0
    for character in reversed() {
      let width = displayWidth(of: character)
      if used + width > columns - 1 { break }
      kept.append(character)
      used += width
    }
    return "…" + String(kept.reversed())
  }

  /// Pads with spaces on the right to exactly `columns` (truncating when longer).
  public func padded(toWidth columns: Int) -> String {
    let cut = truncated(toWidth: columns)
    let width = displayWidth(of: cut)
    return width < columns ? cut + String(repeating: " ", count: columns - width) : cut
  }
}
