import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real console in tmux against the embedded sandbox (issue 6).
@Suite(.serialized, .enabled(if: TuiTools.available, "needs tmux and a built recipe-console"))
struct TuiConsoleTests {
  /// Opens the upload recipe and waits for its first screen.
  private func openUpload(_ console: TmuxConsole, environment: String = "") async throws -> String {
    try console.run(console.consoleCommand("recipes/upload.md", environment: environment) + "; echo console-exit=$?")
    return try await console.waitFor("the upload recipe on the sandbox") {
      $0.contains("Upload a Video") && $0.contains("(embedded sandbox)") && $0.contains("step 1/5")
    }
  }

  /// After the console is gone: the shell runs commands and the tty is back in cooked mode
  /// with echo (ncurses turned both off).
  private func expectTerminalRestored(_ console: TmuxConsole) async throws {
    try console.run("clear; echo restored-$((40 + 2)); stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo")
    let screen = try await console.waitFor("the shell to answer") {
      $0.contains("restored-42") && $0.contains("echo\n")
    }
    #expect(screen.contains("icanon"))
    #expect(!screen.contains("-icanon"))
    #expect(!screen.contains("Upload a Video"))
  }

  @Test func sendingStepOneFillsTheTokenIntoStepTwoAndQuitRestoresTheTerminal() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let first = try await openUpload(console)
    let header = try #require(first.line(containing: "(embedded sandbox)"))
    #expect(header.contains("http://127.0.0.1:"))
    #expect(header.contains("partner 100"))

    try console.press("r")
    let replied = try await console.waitFor("a token id in the reply") { !$0.uploadTokenIDs.isEmpty }
    let token = try #require(replied.uploadTokenIDs.first)
    #expect(replied.contains("HTTP 200"))

    try console.press("n")
    let second = try await console.waitFor("step 2 with the linked token") {
      $0.contains("step 2/5") && ($0.line(containing: "uploadTokenId")?.contains(token) ?? false)
    }
    let row = try #require(second.line(containing: "uploadTokenId"))
    #expect(row.contains("← step 1"))

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
    try await expectTerminalRestored(console)
  }

  @Test func resizingReflowsAndATinyWindowSaysTooSmall() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let wide = try await openUpload(console)
    let wideRule = try #require(wide.split(separator: "\n").first { $0.hasPrefix("───") })
    #expect(wideRule.count == 120)

    try console.resize(width: 80, height: 24)
    let narrow = try await console.waitFor("the 80-column layout") { screen in
      screen.split(separator: "\n").contains { $0.hasPrefix("───") && $0.count == 80 }
    }
    #expect(narrow.contains("step 1/5"))
    #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 80 })

    try console.resize(width: 50, height: 14)
    let tiny = try await console.waitFor(text: "Terminal too small")
    #expect(tiny.contains("50×14"))

    try console.resize(width: 100, height: 30)
    let back = try await console.waitFor("the 100-column layout") { screen in
      !screen.contains("Terminal too small")
        && screen.split(separator: "\n").contains { $0.hasPrefix("───") && $0.count == 100 }
    }
    #expect(back.contains("Upload a Video"))

    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  @Test func sigtermRestoresTheTerminal() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    _ = try await openUpload(console)
    let pid = try #require(try console.consoleProcessID())
    #expect(kill(pid, SIGTERM) == 0)
    try await console.waitFor(text: "console-exit=143")
    try await expectTerminalRestored(console)
  }

  @Test func aFatalErrorRestoresTheTerminalThenPrintsTheError() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    try console.run(console.consoleCommand("recipes/no-such-recipe.md") + "; echo console-exit=$?")
    let screen = try await console.waitFor(text: "console-exit=1")
    #expect(screen.contains("error: recipes/no-such-recipe.md: cannot read the recipe file"))
    try await expectTerminalRestored(console)
  }

  @Test func clickingAStepInTheListOpensIt() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let screen = try await openUpload(console)
    let row = try #require(
      screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(" 3 ") })
    try console.click(x: 5, y: row)
    try await console.waitFor("step 3 after the click") {
      $0.contains("step 3/5") && $0.contains("3. Creating a Media Entry")
    }
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  @Test(arguments: [false, true])
  func noColorLeavesOnlyAttributes(noColor: Bool) async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    _ = try await openUpload(console, environment: noColor ? "NO_COLOR=1" : "-u NO_COLOR")
    let styled = try console.styledScreen()
    let colour = try NSRegularExpression(pattern: "\u{1B}\\[[0-9;]*(3[0-7]|38;5;[0-9]+|4[0-7])[;m]")
    let colours = colour.numberOfMatches(in: styled, range: NSRange(styled.startIndex..., in: styled))
    #expect((colours == 0) == noColor)
    #expect(styled.contains("\u{1B}[1m") || styled.contains(";1m") || styled.contains("[1;"))
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  /// `e` hands the terminal to the editor: one that reads the keyboard is not stopped (a child
  /// outside the terminal's foreground group would be, by SIGTTIN), and what it writes fills the field.
  @Test func aTerminalEditorOwnsTheKeyboardAndFillsTheField() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    let editor = console.scratch + "/tty-editor.sh"
    try "#!/bin/sh\nprintf 'tty-editor> ' >/dev/tty\nIFS= read -r line </dev/tty\nprintf '%s' \"$line\" >\"$1\"\n"
      .write(toFile: editor, atomically: true, encoding: .utf8)
    chmod(editor, 0o755)
    _ = try await openUpload(console, environment: "EDITOR=\(editor)")
    try console.press("3")
    try await console.waitFor("step 3") { $0.contains("step 3/5") && $0.contains("description") }
    try console.press("Tab", "j", "j", "j")
    try await console.waitFor("description focused") { $0.line(containing: "description")?.contains("▸") == true }
    try console.press("e")
    try await console.waitFor(text: "tty-editor>")
    try console.type("typed in a terminal editor")
    try console.press("Enter")
    let back = try await console.waitFor("the console with the edited field") {
      $0.contains("step 3/5") && $0.line(containing: "description")?.contains("typed in a terminal editor") == true
    }
    #expect(!back.contains("tty-editor>"))
    try console.press("q")
    try await console.waitFor(text: "console-exit=0")
  }

  @Test func controlCQuitsLikeQ() async throws {
    let console = try TmuxConsole()
    defer { console.stop() }
    _ = try await openUpload(console)
    try console.press("C-c")
    try await console.waitFor(text: "console-exit=0")
    try await expectTerminalRestored(console)
  }
}

@Suite(.enabled(if: TuiTools.binary != nil, "needs a built recipe-console"))
struct TuiWithoutTerminalTests {
  @Test func withoutATerminalTheConsoleSaysSoAndExitsTwo() throws {
    let result = try TmuxConsole.execute(TuiTools.binary!, [TuiTools.repositoryRoot + "/recipes/upload.md"])
    #expect(result.status == 2)
    #expect(result.output.contains("the console needs a terminal"))
    #expect(result.output.contains("recipe-console run"))
  }

  @Test(arguments: [
    (["--chunk-size", "12X"], "--chunk-size expects VALUE or MIN-MAX (e.g. 8MiB or 1MiB-16MiB), got \"12X\""),
    (["--parallel", "0"], "--parallel must be at least 1, got \"0\""),
  ])
  func badUploadOptionsAreUsageErrors(options: [String], message: String) throws {
    let recipe = TuiTools.repositoryRoot + "/recipes/upload.md"
    let result = try TmuxConsole.execute(TuiTools.binary!, ["open", recipe] + options)
    #expect(result.status == 2)
    #expect(result.output.contains(message))
    #expect(!result.output.contains("needs a terminal"), "checked before the terminal")
  }
}
