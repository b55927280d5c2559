import CNCurses
import Foundation
import Synchronization
import TerminalUI

/// The full-screen terminal: the one place that calls ncurses. Start it, draw canvases, read
/// `events()`, suspend it for an editor, stop it. `stop()` is safe to call more than once and
/// runs on every way out: normal quit, SIGTERM/SIGINT/SIGHUP (see `start`), and crashes (a C
/// handler restores the terminal before the crash report).
///
/// ncurses is not thread-safe, and the input thread and the drawing run at the same time, so
/// every ncurses call happens with `lock` held; that is what makes the `@unchecked` true.
public final class Terminal: @unchecked Sendable {
  private let lock = NSLock()
  /// Set while `suspend` hands the terminal to another program: a Ctrl-C typed there reaches
  /// the console too (one process group), and must not end it under the editor.
  private let programOwnsTerminal = Mutex(false)
  private let environment: [String: String]
  private var screen: OpaquePointer?
  private var window: UnsafeMutablePointer<WINDOW>?
  private var running = false
  private var previous: Canvas?
  private var palette = ColorPalette(depth: .none, hasDefaultColors: true, maximumPairs: 0)
  private var decoder = KeyDecoder()
  private var cursorVisible = false
  private var signalSources: [any DispatchSourceSignal] = []
  private var inputThreadRunning = false

  /// Called on SIGTERM/SIGINT/SIGHUP after the terminal was restored; by default exits with
  /// 128 + the signal number, as a shell reports a killed process.
  public var onTerminationSignal: @Sendable (Int32) -> Void = { number in exit(128 + number) }

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  deinit { stop() }

  /// The colour depth chosen at start (`.none` before).
  public var colorDepth: ColorDepth { lock.withLock { palette.depth } }

  /// Columns and rows of the terminal now.
  public var size: (width: Int, height: Int) {
    lock.withLock { running ? (Int(rc_cols()), Int(rc_lines())) : (0, 0) }
  }

  /// Takes over the terminal: UTF-8 locale, raw keys, no echo, keypad and mouse clicks,
  /// colours (256, 8 or none; `NO_COLOR` respected). Throws when stdin/stdout are no terminal.
  public func start() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(
        "the console needs a terminal (stdin and stdout must be a TTY); use `recipe-console run` to walk a recipe headless"
      )
    }
    try lock.withLock {
      guard !running else { return }
      setlocale(LC_ALL, "")
      // Signals are handled on a dispatch queue, not in signal context, so the terminal can be
      // restored with the lock held; ncurses leaves alone signals that are already ignored.
      installSignalSources()
      guard let screen = rc_newterm() else {
        removeSignalSources()
        throw TerminalError("cannot start the terminal (TERM=\(environment["TERM"] ?? "unset") unknown?)")
      }
      self.screen = screen
      window = rc_stdscr()
      running = true
      StandardErrorCapture.begin()
      CrashGuard.install()
      raw()
      noecho()
      nonl()
      keypad(window, true)
      nodelay(window, true)
      set_escdelay(25)
      curs_set(0)
      cursorVisible = false
      mousemask(rc_button1_pressed() | rc_button1_clicked() | rc_button4_pressed() | rc_button5_pressed(), nil)
      mouseinterval(0)
      setUpColors()
      decoder = KeyDecoder(wordLeftCodes: keyCodes(["kLFT5", "kLFT3"]), wordRightCodes: keyCodes(["kRIT5", "kRIT3"]))
      previous = nil
    }
  }

  /// Gives the terminal back (endwin) and stops handling signals. Safe to call repeatedly.
  public func stop() {
    lock.withLock {
      guard running else { return }
      running = false
      curs_set(1)
      endwin()
      StandardErrorCapture.end()
      if let screen { delscreen(screen) }
      screen = nil
      window = nil
      removeSignalSources()
    }
  }

  /// Draws `canvas`, touching only cells that changed since the last draw, then moves or
  /// hides the cursor and lets ncurses send the difference.
  public func draw(_ canvas: Canvas) {
    lock.withLock {
      guard running, let window else { return }
      let rows = Int(rc_lines())
      let columns = Int(rc_cols())
      if let previous, previous.width != canvas.width || previous.height != canvas.height { werase(window) }
      for (x, y) in CanvasDiff.changedCells(from: previous, to: canvas) where x < columns && y < rows {
        drawCell(canvas, x: x, y: y, columns: columns)
      }
      previous = canvas
      placeCursor(canvas.cursor, columns: columns, rows: rows)
      wrefresh(window)
    }
  }

  /// Sends a sequence the screen does not show (OSC 52, the clipboard) to the terminal, after
  /// what ncurses has drawn.
  public func sendControlSequence(_ sequence: String) {
    lock.withLock {
      guard running else { return }
      fflush(nil)
      let bytes = Array(sequence.utf8)
      _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
  }

  /// Forgets what is on screen so the next `draw` repaints everything (after a resize).
  public func invalidate() {
    lock.withLock {
      previous = nil
      if running, let window { wclear(window) }
    }
  }

  private func drawCell(_ canvas: Canvas, x: Int, y: Int, columns: Int) {
    guard let window else { return }
    let cell = canvas[x, y]
    let isWide = x + 1 < canvas.width && canvas[x + 1, y].isContinuation
    var scalars = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
    let width = scalars.first.map { rc_wcwidth($0) } ?? 1
    // Where libc's width table disagrees with the canvas, draw something of the width the
    // canvas planned so the rest of the row stays aligned.
    if width < 0 || (width == 2 && !isWide) || (width == 2 && x + 1 >= columns) || scalars.isEmpty {
      scalars = [wchar_t(isWide ? 0x20 : 0x3F)]
    }
    let (attributes, pair) = attributesAndPair(for: cell.style)
    var text = scalars + [0]
    var value = cchar_t()
    rc_setcchar(&value, &text, attributes, pair)
    mvwadd_wch(window, Int32(y), Int32(x), &value)
    if isWide && (width != 2 || scalars.count == 1 && scalars[0] == 0x20), x + 1 < columns {
      var blank: [wchar_t] = [0x20, 0]
      rc_setcchar(&value, &blank, attributes, pair)
      mvwadd_wch(window, Int32(y), Int32(x + 1), &value)
    }
  }

  private func attributesAndPair(for style: TextStyle) -> (attr_t, Int16) {
    var attributes = rc_a_normal()
    if style.attributes.contains(.bold) { attributes |= rc_a_bold() }
    if style.attributes.contains(.dim) || palette.needsDim(style) { attributes |= rc_a_dim() }
    if style.attributes.contains(.underline) { attributes |= rc_a_underline() }
    if style.attributes.contains(.reverse) { attributes |= rc_a_reverse() }
    let (pair, created) = palette.pair(for: style)
    if let created { init_pair(pair, created.0, created.1) }
    return (attributes, pair)
  }

  private func placeCursor(_ cursor: CursorPosition?, columns: Int, rows: Int) {
    guard let window else { return }
    if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
      if !cursorVisible { curs_set(1) }
      cursorVisible = true
      wmove(window, Int32(cursor.y), Int32(cursor.x))
    } else {
      if cursorVisible { curs_set(0) }
      cursorVisible = false
      wmove(window, Int32(max(0, rows - 1)), Int32(max(0, columns - 1)))
    }
  }

  private func setUpColors() {
    var depth = ColorDepth.none
    var hasDefaultColors = true
    let wanted = ColorDepth.choose(terminalColors: 256, hasColors: has_colors(), environment: environment)
    // COLORS is only known after start_color.
    if wanted != .none, start_color() != ERR {
      hasDefaultColors = use_default_colors() != ERR
      depth = ColorDepth.choose(terminalColors: Int(rc_colors()), hasColors: true, environment: environment)
    }
    palette = ColorPalette(depth: depth, hasDefaultColors: hasDefaultColors, maximumPairs: Int(rc_color_pairs()))
  }

  private func keyCodes(_ capabilities: [String]) -> Set<Int32> {
    var codes = Set<Int32>()
    for name in capabilities {
      guard let sequence = tigetstr(name), Int(bitPattern: sequence) > 0 else { continue }
      let code = key_defined(sequence)
      if code > 0 { codes.insert(code) }
    }
    return codes
  }

  // MARK: - Input

  /// Keys, mouse events and resizes, read on a thread of their own so the UI never waits on
  /// the keyboard. One stream per terminal; it ends when the terminal stops.
  public func events() -> AsyncStream<TerminalEvent> {
    let (stream, continuation) = AsyncStream<TerminalEvent>.makeStream(bufferingPolicy: .unbounded)
    let thread = Thread { [self] in
      while readBatch(into: continuation) {}
      continuation.finish()
    }
    thread.name = "recipe-console input"
    thread.start()
    return stream
  }

  /// Waits up to 100 ms for input, then reads whatever is there. The timeout also lets a
  /// resize (ncurses learns of it from SIGWINCH) come through without a key press.
  private func readBatch(into continuation: AsyncStream<TerminalEvent>.Continuation) -> Bool {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    _ = poll(&descriptor, 1, 100)
    var events: [TerminalEvent] = []
    let stillRunning = lock.withLock { () -> Bool in
      guard running, let window else { return false }
      var value: wint_t = 0
      while true {
        let status = wget_wch(window, &value)
        if status == ERR { break }
        if status == KEY_CODE_YES {
          events += decodeKeyCode(Int32(value))
        } else {
          events += decoder.decode(.character(value)).map(TerminalEvent.key)
        }
      }
      events += decoder.flush().map(TerminalEvent.key)
      return true
    }
    for event in events { continuation.yield(event) }
    return stillRunning
  }

  private func decodeKeyCode(_ code: Int32) -> [TerminalEvent] {
    switch code {
    case KEY_RESIZE:
      previous = nil
      if let window { wclear(window) }
      return [.resize(width: Int(rc_cols()), height: Int(rc_lines()))]
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return [] }
      let x = Int(event.x)
      let y = Int(event.y)
      if event.bstate & (rc_button1_pressed() | rc_button1_clicked()) != 0 { return [.mouse(.click(x: x, y: y))] }
      if event.bstate & rc_button4_pressed() != 0 { return [.mouse(.scrollUp(x: x, y: y))] }
      if event.bstate & rc_button5_pressed() != 0 { return [.mouse(.scrollDown(x: x, y: y))] }
      return []
    default:
      return decoder.decode(.keyCode(code)).map(TerminalEvent.key)
    }
  }

  // MARK: - Signals

  private func installSignalSources() {
    for number in [SIGTERM, SIGINT, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in
        guard let self else { return }
        if number == SIGINT && self.programOwnsTerminal.withLock({ $0 }) { return }
        self.stop()
        self.onTerminationSignal(number)
      }
      source.resume()
      signalSources.append(source)
    }
  }

  private func removeSignalSources() {
    for source in signalSources { source.cancel() }
    signalSources = []
    for number in [SIGTERM, SIGINT, SIGHUP] { signal(number, SIG_DFL) }
  }

  // MARK: - Suspending

  /// Leaves full-screen mode while `body` runs (an editor, a shell), then comes back and
  /// repaints. Input is not read meanwhile: `body` owns the keyboard.
  public func suspend<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    guard running, let window else { return try body() }
    def_prog_mode()
    endwin()
    StandardErrorCapture.pause()
    programOwnsTerminal.withLock { $0 = true }
    defer {
      programOwnsTerminal.withLock { $0 = false }
      StandardErrorCapture.resume()
      reset_prog_mode()
      clearok(window, true)
      wrefresh(window)
    }
    return try body()
  }
}
