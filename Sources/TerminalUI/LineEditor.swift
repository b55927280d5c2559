/// Single-line text editing with a cursor measured in Characters, so UTF-8 input and emoji
/// move and delete as one unit.
public struct LineEditor: Sendable, Hashable {
  public private(set) var characters: [Character]
  public private(set) var cursor: Int

  public init(_ text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  public var text: String { String(characters) }

  public mutating func insert(_ character: Character) {
    characters.insert(character, at: cursor)
    cursor += 1
  }

  public mutating func insert(_ text: String) { for character in text { insert(character) } }

  public mutating func backspace() {
    guard cursor > 0 else { return }
    cursor -= 1
    characters.remove(at: cursor)
  }

  public mutating func deleteForward() {
    guard cursor < characters.count else { return }
    characters.remove(at: cursor)
  }

  public mutating func moveLeft() { cursor = max(0, cursor - 1) }
  public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
  public mutating func moveHome() { cursor = 0 }
  public mutating func moveEnd() { cursor = characters.count }

  public mutating func moveWordLeft() {
    while cursor > 0, !isWordCharacter(characters[cursor - 1]) { cursor -= 1 }
    while cursor > 0, isWordCharacter(characters[cursor - 1]) { cursor -= 1 }
  }

  public mutating func moveWordRight() {
    while cursor < characters.count, !isWordCharacter(characters[cursor]) { cursor += 1 }
    while cursor < characters.count, isWordCharacter(characters[cursor]) { cursor += 1 }
  }

  /// Deletes the word before the cursor (Ctrl-W).
  public mutating func deleteWordBackward() {
    let end = cursor
    moveWordLeft()
    characters.removeSubrange(cursor..<end)
  }

  public mutating func replaceAll(with text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  /// Display column of the cursor.
  public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + displayWidth(of: $1) } }

  private func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_"
  }
}
