import Testing

@testable import TerminalUI

/// The path completion list under a file field behaves like a shell's menu.
@Suite struct CompletionListTests {
  static let twelve = (1...12).map { "/data/clip\(String($0).leftPadded(2)).mp4" }

  /// Editing fileData with "/data/c" typed and twelve matches offered.
  static func offering(_ candidates: [String] = twelve) -> Model {
    var model = Fixtures.widgetModel(width: 100, height: 40)
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/data/c")
    model.send(.key(.tab), .pathCompletions(step: 0, field: "fileData", candidates))
    return model
  }

  static func editorText(_ model: Model) -> String? {
    guard case .editing("fileData", let editor) = model.mode else { return nil }
    return editor.text
  }

  @Test func arrowsMoveTheHighlightAndTheTitleSaysWhere() {
    var model = Self.offering()
    #expect(model.screen.contains("1 of 12"))
    for _ in 0..<7 { model.send(.key(.down)) }
    #expect(model.completionSelection == 7)
    #expect(model.screen.contains("8 of 12"))
    model.send(.key(.up))
    #expect(model.screen.contains("7 of 12"))
    // Still editing the field: the arrows did not store it and move to another row.
    #expect(Self.editorText(model) == "/data/clip")
  }

  @Test func theListScrollsToKeepTheHighlightInView() {
    var model = Self.offering()
    #expect(model.screen.contains("/data/clip01.mp4"))
    #expect(!model.screen.contains("/data/clip12.mp4"))
    for _ in 0..<11 { model.send(.key(.down)) }
    #expect(model.screen.contains("12 of 12"))
    #expect(model.screen.contains("/data/clip12.mp4"))
    #expect(!model.screen.contains("/data/clip01.mp4"))
  }

  @Test func enterPicksTheHighlightedPathAndKeepsEditing() {
    var model = Self.offering()
    model.send(.key(.down), .key(.down))
    #expect(model.send(.key(.enter)) == [])
    #expect(Self.editorText(model) == "/data/clip03.mp4")
    #expect(model.completions.isEmpty)
    #expect(model.engine.values(0)["fileData"]?.value == nil)
  }

  @Test func tabPicksADirectoryAndCompletesInsideIt() {
    var model = Self.offering(["/data/clips/", "/data/cover.png"])
    let commands = model.send(.key(.tab))
    #expect(Self.editorText(model) == "/data/clips/")
    #expect(commands == [.completePath(step: 0, field: "fileData", prefix: "/data/clips/")])
  }

  @Test func escClosesTheListOnlyAndTypingGoesToTheText() {
    var model = Self.offering()
    model.send(.key(.escape))
    #expect(model.completions.isEmpty)
    #expect(Self.editorText(model) == "/data/clip")
    model.send(.key(.enter))
    #expect(model.mode == .navigate)
    #expect(model.engine.values(0)["fileData"]?.value == "/data/clip")
  }

  @Test func keysTypedWhileEditingNeverRunAsCommands() {
    var model = Self.offering()
    // q, n, r, s, P, z, ? are commands outside the editor; here they are text.
    let commands = model.type("qnrsPz?")
    #expect(commands == [])
    #expect(Self.editorText(model) == "/data/clipqnrsPz?")
    #expect(model.currentStep == 0 && !model.isQuitting && !model.showHelp && !model.replyMaximized)
    #expect(model.profileSelection == nil && model.running == nil)
    #expect(model.completions.isEmpty, "an edit closes a list that no longer follows from the text")
  }
}
