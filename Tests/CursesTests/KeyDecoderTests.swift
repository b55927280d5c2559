import CNCurses
import Curses
import TerminalUI
import Testing

@Suite struct KeyDecoderTests {
  private func decode(_ inputs: [RawInput], decoder: KeyDecoder = KeyDecoder()) -> [Key] {
    var decoder = decoder
    return inputs.flatMap { decoder.decode($0) } + decoder.flush()
  }

  @Test func printableCharactersIncludingUTF8() {
    #expect(
      decode([.character(0x61), .character(0xE9), .character(0x65E5)]) == [
        .character("a"), .character("é"), .character("日"),
      ])
  }

  @Test func enterTabBackspaceAndControlLetters() {
    #expect(
      decode([.character(0x0D), .character(0x0A), .character(0x09), .character(0x7F), .character(0x08)]) == [
        .enter, .enter, .tab, .backspace, .backspace,
      ])
    #expect(
      decode([.character(0x03), .character(0x01), .character(0x1A)]) == [
        .control("c"), .control("a"), .control("z"),
      ])
  }

  @Test func loneEscapeIsHeldUntilTheBatchEnds() {
    var decoder = KeyDecoder()
    #expect(decoder.decode(.character(0x1B)) == [])
    #expect(decoder.flush() == [.escape])
    #expect(decoder.flush() == [])
  }

  @Test func escapeFollowedByBOrFIsAWordJump() {
    #expect(decode([.character(0x1B), .character(0x62)]) == [.wordLeft])
    #expect(decode([.character(0x1B), .character(0x66)]) == [.wordRight])
    #expect(decode([.character(0x1B), .character(0x61)]) == [.escape, .character("a")])
    #expect(decode([.character(0x1B), .character(0x1B)]) == [.escape, .escape])
  }

  @Test func keyCodesForArrowsPagesAndFunctionKeys() {
    let codes: [Int32] = [
      KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_BTAB, KEY_DC,
    ]
    #expect(
      decode(codes.map(RawInput.keyCode)) == [
        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backTab, .delete,
      ])
    #expect(decode([.keyCode(KEY_BACKSPACE), .keyCode(KEY_ENTER)]) == [.backspace, .enter])
    #expect(decode([.keyCode(rc_key_f0() + 1), .keyCode(rc_key_f0() + 12)]) == [.function(1), .function(12)])
  }

  @Test func terminalSpecificWordJumpCodes() {
    let decoder = KeyDecoder(wordLeftCodes: [600], wordRightCodes: [601])
    #expect(decode([.keyCode(600), .keyCode(601), .keyCode(602)], decoder: decoder) == [.wordLeft, .wordRight])
  }

  @Test func escapeBeforeAKeyCodeStaysAnEscape() {
    #expect(decode([.character(0x1B), .keyCode(KEY_UP)]) == [.escape, .up])
  }
}
