import JSONValue
import TerminalUI
import Walkthrough

/// The walks the screen tests compare, each ending on the screen it checks.
enum ScreenScenarios {
  static func widgetsAt100x30() -> Model { Fixtures.widgetModel(width: 100, height: 30) }

  /// 100×30, then too small, then 80×24: the screen reflows to the new size.
  static func widgetsResizedTo80x24() -> Model {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(.resize(width: 59, height: 20), .resize(width: 80, height: 24))
    return model
  }

  static func widgetsTooSmall() -> Model {
    var model = Fixtures.widgetModel(width: 100, height: 30)
    model.send(.resize(width: 59, height: 20))
    return model
  }

  static func helpAt100x30() -> Model {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("?")))
    return model
  }

  /// Step 1 sent and answered, then step 2: its token field follows the new id.
  static func uploadStep2At100x30() -> Model {
    var model = Fixtures.uploadModel()
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.tokenAdded()), .key(.character("n")))
    return model
  }

  static func uploadStep1RepliedAt80x24() -> Model {
    var model = Fixtures.uploadModel(width: 80, height: 24)
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.tokenAdded()))
    return model
  }

  /// A session with a recorded step 1, re-sent: the new reply differs in `mediaType`.
  static func replayComparisonAt100x30() -> Model {
    var session = WalkthroughSession(stepCount: 2)
    session[0].exchanges = [Replies.mediaList(1)]
    var model = Fixtures.widgetModel(session: session)
    model.send(
      .key(.character("1")), .key(.character("r")), .stepReplied(step: 0, Replies.mediaList(2, id: "0_entry2")))
    return model
  }

  static func all() -> [(String, String)] {
    var out = [
      ("widgetsAt100x30", widgetsAt100x30().screen), ("widgetsResizedTo80x24", widgetsResizedTo80x24().screen),
      ("widgetsTooSmall", widgetsTooSmall().screen), ("helpAt100x30", helpAt100x30().screen),
      ("replayComparisonAt100x30", replayComparisonAt100x30().screen),
    ]
    out.append(("uploadStep2At100x30", uploadStep2At100x30().screen))
    out.append(("uploadStep1RepliedAt80x24", uploadStep1RepliedAt80x24().screen))
    return out
  }
}
