import JSONValue
import TerminalUI
import Testing
import Walkthrough

@Suite struct EditorAndFileTests {
  @Test func textareasOpenTheEditorAndTakeItsText() {
    var model = Fixtures.widgetModel()
    model.focusField("notes")
    #expect(model.send(.key(.enter)) == [.openEditor(step: 0, field: "notes", initialText: "")])
    model.send(.editorFinished(step: 0, field: "notes", text: "line one\nline two\n"))
    #expect(model.engine.values(0)["notes"]?.value == "line one\nline two")
    #expect(model.line(containing: "notes").contains("line one⏎line two ✎"))
    #expect(
      model.send(.key(.character("e"))) == [.openEditor(step: 0, field: "notes", initialText: "line one\nline two")])
  }

  @Test func anAbortedEditorChangesNothing() {
    var model = Fixtures.widgetModel()
    model.send(.editorFinished(step: 0, field: "notes", text: nil))
    #expect(model.engine.values(0)["notes"]?.value == nil)
    #expect(model.footerMessage == "Editor closed without changes")
  }

  @Test func filePathsCompleteAndShowTheFileSize() {
    var model = Fixtures.widgetModel()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/tmp/vi")
    #expect(model.send(.key(.tab)) == [.completePath(step: 0, field: "fileData", prefix: "/tmp/vi")])
    model.send(.pathCompletions(step: 0, field: "fileData", ["/tmp/video.mp4", "/tmp/video.mov"]))
    #expect(model.mode == .editing(path: "fileData", LineEditor("/tmp/video.m")))
    #expect(model.screen.contains("1 of 2"))
    #expect(model.line(containing: "/tmp/video.mov").contains("│ /tmp/video.mov"))
    model.send(.pathCompletions(step: 0, field: "fileData", ["/tmp/video.mp4"]))
    #expect(model.send(.key(.enter)) == [.statFile(step: 0, field: "fileData", path: "/tmp/video.mp4")])
    model.send(.fileSize(step: 0, field: "fileData", bytes: 1_572_864))
    #expect(model.line(containing: "fileData").contains("/tmp/video.mp4  1.5 MiB"))
  }
}

@Suite struct StartupTests {
  @Test func aReopenedWalkAsksForTheSizeOfEveryFileItNames() {
    var model = Fixtures.widgetModel()
    #expect(startupCommands(model).isEmpty)
    model.engine.setValue("/tmp/video.mp4", step: 0, path: "fileData")
    #expect(startupCommands(model) == [.statFile(step: 0, field: "fileData", path: "/tmp/video.mp4")])
    model.send(.fileSize(step: 0, field: "fileData", bytes: 1_572_864))
    #expect(model.line(containing: "fileData").contains("/tmp/video.mp4  1.5 MiB"))
  }
}

/// A long path gives up its directories, never the file's name or size.
@Suite struct LongFilePathTests {
  @Test func theSizeAndNameStayWhenThePathIsCut() {
    var model = Fixtures.widgetModel(width: 80, height: 24)
    let path = "/home/someone/projects/a-rather-long-directory-name/another-level/movie.mp4"
    model.engine.setValue(.string(path), step: 0, path: "fileData")
    model.send(.fileSize(step: 0, field: "fileData", bytes: 1_572_864))
    let line = model.line(containing: "fileData")
    #expect(line.contains("…"))
    #expect(line.contains("movie.mp4  1.5 MiB"))
    #expect(!line.contains("/home/someone"))
  }
}

/// A path is what the walk stores: `~` is the home directory before the size is asked for, and
/// a missing file or a directory is flagged on the field at once.
@Suite struct TypedFilePathTests {
  @Test func aTildePathIsCheckedAndShownAsStored() {
    var model = Fixtures.widgetModel()
    model.engine.homeDirectory = "/home/ana"
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("~/clip.mp4")
    #expect(model.send(.key(.enter)) == [.statFile(step: 0, field: "fileData", path: "/home/ana/clip.mp4")])
    model.send(.fileSize(step: 0, field: "fileData", bytes: 2048))
    #expect(model.line(containing: "fileData").contains("/home/ana/clip.mp4  2.0 KiB"))
  }

  @Test func aMissingFileIsFlaggedAsSoonAsItIsEntered() {
    var model = Fixtures.widgetModel()
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/nowhere/clip.mp4")
    model.send(.key(.enter))
    model.send(.fileSize(step: 0, field: "fileData", bytes: nil, problem: "no such file: /nowhere/clip.mp4"))
    #expect(model.screen.contains("! no such file: /nowhere/clip.mp4"), "on the detail line under the field")
    model.send(.fileSize(step: 0, field: "fileData", bytes: 10))
    #expect(!model.screen.contains("no such file"))
  }
}
