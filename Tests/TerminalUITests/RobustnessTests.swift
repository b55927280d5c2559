import JSONValue
import KalturaWire
import TerminalUI
import Testing
import Walkthrough

/// Long pseudo-random sessions of keys, clicks, replies and resizes: the model never traps and
/// every frame has the terminal's size.
@Suite struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so a failure replays exactly.
  struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static let keys: [Key] =
    [
      .up, .down, .left, .right, .enter, .escape, .tab, .backTab, .backspace, .delete, .home, .end, .pageUp,
      .pageDown, .wordLeft, .wordRight, .control("u"), .control("w"), .function(1),
    ] + "jkhlnp[]12345rRdHsxe? aé日-9".map { Key.character($0) }

  static func randomMessage(_ random: inout SplitMix, step: Int) -> Message {
    switch random.next(20) {
    case 0: return .resize(width: 40 + random.next(100), height: 10 + random.next(40))
    case 1: return .mouse(.click(x: random.next(120), y: random.next(40)))
    case 2: return .mouse(random.next(2) == 0 ? .scrollUp(x: 50, y: random.next(40)) : .scrollDown(x: 50, y: 20))
    case 3: return .stepReplied(step: step, random.next(2) == 0 ? Replies.tokenAdded() : Replies.entryNotFound)
    case 4: return .tick
    case 5:
      return .uploadProgress(
        step: step, UploadProgress(bytesDone: Int64(random.next(100)), bytesTotal: 50, chunksInFlight: random.next(5)))
    case 6: return .dynamicOptionsLoaded(step: step, field: "uiConf", [EnumChoice(value: 1, label: "P")])
    case 7: return .pathCompletions(step: step, field: "fileData", ["/a/b", "/a/c"])
    case 8: return .editorFinished(step: step, field: "notes", text: "{")
    default: return .key(keys[random.next(keys.count)])
    }
  }

  @Test(arguments: [1, 2, 3])
  func randomSessionsNeverTrap(seed: Int) {
    var random = SplitMix(state: UInt64(seed))
    var models = [Fixtures.widgetModel(), ReplayTests.recordedModel()]
    models.append(Fixtures.uploadModel())
    for var model in models {
      for _ in 0..<800 {
        let message = Self.randomMessage(&random, step: model.currentStep)
        _ = update(&model, message)
        let canvas = view(model)
        #expect(canvas.width == model.width && canvas.height == model.height)
      }
    }
  }
}
