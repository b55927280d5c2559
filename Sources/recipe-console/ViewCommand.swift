import APISchema
import ArgumentParser
import Curses
import Foundation
import JSONViewer
import Sandbox
import TerminalUI

/// `recipe-console view FILE|-`: any JSON file (or stdin) in the console's viewer, full screen:
/// fold, search, filter by path, copy, hand off to the pager.
struct ViewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "view", abstract: "Browse a JSON file (or - for stdin) in the full-screen viewer.",
    discussion: """
      Keys: arrows/j k, PgUp PgDn, g G; Space folds, 1-9 folds to a level; / searches (n N), \
      : filters by path (objects.*.id, **.status); y copies the value, Y its path, c the JSON \
      (OSC 52, and $XDG_STATE_HOME/recipe-console/clipboard); o opens $PAGER; q quits. \
      A file that is not JSON is shown as text. Enum values are labelled from Kaltura's spec \
      (the bundled one unless --spec names another).
      """)

  @Argument(help: "The file to show; - reads stdin.")
  var file: String

  @Option(help: "OpenAPI 2.0 spec file whose enum labels name the values (default: the bundled Kaltura spec).")
  var spec: String?

  func run() async throws {
    let content: LoadedDocument.Content
    do {
      content = try Self.parse(file)
    } catch {
      printError("error: \(file): \(error.localizedDescription)")
      throw ExitCode(2)
    }
    let labels: @Sendable () -> APIDocument
    if let spec {
      let loaded: APIDocument
      do {
        guard let data = FileManager.default.contents(atPath: spec) else { throw ViewError("cannot read the file") }
        loaded = try APIDocument(bytes: [UInt8](data))
      } catch {
        printError("error: --spec \(spec): \(error)")
        throw ExitCode(2)
      }
      labels = { loaded }
    } else {
      labels = { BundledSpec.document }
    }
    // The file is unmapped by now: its bytes and the row index are never in memory together.
    let document = LoadedDocument(content)
    var screen = ViewerScreen(
      index: document.index, title: "\(Self.displayName(file)) · \(document.summary)", width: 80, height: 24)
    if case .json(let value, _) = content { screen.showErrorCard(of: value) }
    if file == "-" {
      // The document came through stdin; keys come from the terminal.
      let tty = open("/dev/tty", O_RDONLY)
      guard tty >= 0 else {
        printError("error: no terminal to read keys from (/dev/tty)")
        throw ExitCode(2)
      }
      dup2(tty, STDIN_FILENO)
      close(tty)
    }
    let terminal = Terminal()
    do {
      try terminal.start()
    } catch {
      printError("error: \(error)")
      throw ExitCode(2)
    }
    let size = terminal.size
    screen.colorMode = ConsoleLauncher.colorMode(terminal.colorDepth)
    _ = update(&screen, .resize(width: size.width, height: size.height))
    var runtime = ViewerRuntime(terminal: terminal, screen: screen, labels: labels)
    await runtime.run()
    terminal.stop()
  }

  static func displayName(_ file: String) -> String {
    file == "-" ? "stdin" : (file as NSString).lastPathComponent
  }

  /// Reads (a file mapped, stdin whole) and parses in place; the bytes go when it returns.
  static func parse(_ file: String) throws -> LoadedDocument.Content {
    let data =
      file == "-"
      ? FileHandle.standardInput.readDataToEndOfFile()
      : try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
    return data.withUnsafeBytes { LoadedDocument.Content(utf8: $0.bindMemory(to: UInt8.self)) }
  }
}

/// The loop of `recipe-console view`, as `ConsoleRuntime` is the console's.
struct ViewerRuntime {
  let terminal: Terminal
  var screen: ViewerScreen
  /// The spec for enum labels, loaded once the first screen is up (it takes longer than the file).
  let labels: @Sendable () -> APIDocument
  private let inbox = ConsoleInbox()

  init(terminal: Terminal, screen: ViewerScreen, labels: @escaping @Sendable () -> APIDocument) {
    self.terminal = terminal
    self.screen = screen
    self.labels = labels
  }

  mutating func run() async {
    let input = inbox.forward(terminal)
    defer { input.cancel() }
    var messages = inbox.stream.makeAsyncIterator()
    var search: Task<Void, Never>?
    terminal.draw(view(screen))
    // Keys pressed meanwhile wait in the inbox.
    screen.labelEnums(from: labels())
    terminal.draw(view(screen))
    var lastDraw = ContinuousClock.now
    loop: while let message = await messages.next() {
      for command in update(&screen, message) {
        switch command {
        case .quit: break loop
        case .copyToClipboard(let request): inbox.post(.notice(ViewerEffects.copy(request, terminal: terminal)))
        case .showInPager(let text):
          if let failure = await ViewerEffects.page(text, terminal: terminal) { inbox.post(.notice(failure)) }
        case .search(let job):
          search?.cancel()
          search = ViewerEffects.search(job, sink: inbox.sink)
        case .cancelSearch:
          search?.cancel()
          search = nil
        }
      }
      if messages.hasQueued, ContinuousClock.now - lastDraw < .milliseconds(50) { continue }
      terminal.draw(view(screen))
      lastDraw = ContinuousClock.now
    }
    search?.cancel()
  }
}

struct ViewError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
