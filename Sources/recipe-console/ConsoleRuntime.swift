import Curses
import Foundation
import KalturaClient
import TerminalUI
import Walkthrough

/// The Elm loop: read a message, `update` the model, perform the commands it returns with
/// Swift concurrency (their results come back through the inbox), draw `view(model)`.
/// Only this loop touches the model, so it needs no lock.
struct ConsoleRuntime {
  let terminal: Terminal
  let inbox: ConsoleInbox
  let runner: StepRunner
  /// The running upload's progress and the file bytes the transport sends (`onFileBytesSent`).
  let uploadReports: UploadReports
  let recipe: RecipeIdentity
  /// Writes the session off this loop; its reports come back through the inbox.
  let saver: SessionSaveQueue
  var model: Model
  private var requests: [Int: Task<Void, Never>] = [:]
  private var ticker: Task<Void, Never>?
  private var search: Task<Void, Never>?
  /// Set when the loop ended for `.switchProfile`: the launcher reconnects and runs it again.
  private(set) var requestedProfile: String?

  init(
    terminal: Terminal, inbox: ConsoleInbox, runner: StepRunner, uploadReports: UploadReports, recipe: RecipeIdentity,
    saver: SessionSaveQueue, model: Model
  ) {
    self.terminal = terminal
    self.inbox = inbox
    self.runner = runner
    self.uploadReports = uploadReports
    self.recipe = recipe
    self.saver = saver
    self.model = model
  }

  /// Runs until a `.quit` (or `.switchProfile`) command; returns the final model.
  mutating func run(_ messages: inout ConsoleInbox.Messages.Iterator) async -> Model {
    requestedProfile = nil
    terminal.draw(view(model))
    var lastDraw = ContinuousClock.now
    for command in startupCommands(model) { await perform(command) }
    while let message = await messages.next() {
      let commands = update(&model, message)
      var quitting = false
      for command in commands {
        if command == .quit {
          quitting = true
        } else if case .switchProfile(let name) = command {
          requestedProfile = name
          quitting = true
        } else {
          await perform(command)
        }
      }
      if quitting { break }
      adjustTicker()
      // Messages waiting already (keys typed during the last frame) are applied first: thirty
      // queued keys cost one frame, not thirty. A steady stream (upload progress on a busy
      // machine) still gets a frame every 50 ms.
      if messages.hasQueued, ContinuousClock.now - lastDraw < .milliseconds(50) { continue }
      terminal.draw(view(model))
      lastDraw = ContinuousClock.now
    }
    // The save `update` asked for before quitting reaches the disk before the process ends.
    saver.flush()
    for request in requests.values { request.cancel() }
    ticker?.cancel()
    search?.cancel()
    return model
  }

  private mutating func adjustTicker() {
    if model.needsTicks, ticker == nil {
      let sink = inbox.sink
      ticker = Task {
        while !Task.isCancelled {
          try? await Task.sleep(for: .milliseconds(100))
          sink.yield(.tick)
        }
      }
    } else if !model.needsTicks, let running = ticker {
      running.cancel()
      ticker = nil
    }
  }

  private mutating func perform(_ command: Command) async {
    let sink = inbox.sink
    switch command {
    case .send(let step, let prepared):
      requests[step]?.cancel()
      requests[step] = ConsoleEffects.send(
        prepared, step: step, credentials: model.engine.credentials, runner: runner,
        uploadStart: model.uploadStart(step: step, for: prepared), reports: uploadReports, sink: sink)
    case .cancel(let step):
      requests.removeValue(forKey: step)?.cancel()
      sink.yield(.stepCancelled(step: step))
    case .loadDynamicEnum(let step, let field, let prepared):
      guard let dynamicEnum = model.engine.form(step)?.field(field)?.dynamicEnum else {
        sink.yield(.dynamicOptionsFailed(step: step, field: field, error: "the field has no dynamic enum"))
        return
      }
      ConsoleEffects.loadChoices(
        prepared, step: step, field: field, dynamicEnum: dynamicEnum, credentials: model.engine.credentials,
        runner: runner, sink: sink)
    case .completePath(let step, let field, let prefix):
      sink.yield(.pathCompletions(step: step, field: field, ConsoleEffects.completions(of: prefix)))
    case .statFile(let step, let field, let path):
      let checked = ConsoleEffects.fileCheck(path)
      sink.yield(.fileSize(step: step, field: field, bytes: checked.bytes, problem: checked.problem))
    case .openEditor(let step, let field, let initialText):
      do {
        let text = try await terminal.edit(initialText, fileExtension: "json")
        terminal.invalidate()
        sink.yield(.editorFinished(step: step, field: field, text: text))
      } catch {
        // An editor that could not start or failed leaves the field as it was, and says why.
        terminal.invalidate()
        sink.yield(.notice("\(field) unchanged: \(error)"))
      }
    case .saveSession(let path):
      saver.save(model.engine, to: path)
    case .saveCheckpoint(let path, let acknowledgedBytes):
      saver.saveCheckpoint(model.engine, to: path, acknowledgedBytes: acknowledgedBytes)
    case .copyToClipboard(let request):
      sink.yield(.notice(ViewerEffects.copy(request, terminal: terminal)))
    case .showInPager(let text):
      if let failure = await ViewerEffects.page(text, terminal: terminal) { sink.yield(.notice(failure)) }
    case .writeDemoPage(let request):
      sink.yield(.notice(ConsoleEffects.writeDemoPage(request)))
    case .search(let job):
      search?.cancel()
      search = ViewerEffects.search(job, sink: sink)
    case .cancelSearch:
      search?.cancel()
      search = nil
    case .buildViewer(let job):
      Task.detached { sink.yield(job.run()) }
    case .quit, .switchProfile:
      break
    }
  }
}
