import Walkthrough

/// Work for the runtime. `update` never performs effects: it returns these, the runtime
/// performs them with Swift concurrency and feeds the results back as `Message`s.
public enum Command: Sendable, Hashable {
  /// Send the request (`StepRunner.send(_:credentials:progress:)` with `model.engine.credentials`),
  /// report `.uploadProgress` while it runs, then `.stepReplied` (or `.stepFailed`). Do not
  /// record it in an engine of your own: `update` records the exchange in the model's engine.
  case send(step: Int, PreparedRequest)
  /// Stop the running request of the step, then report `.stepCancelled`.
  case cancel(step: Int)
  /// Send the listing request of a dynamic enum; reply with `.dynamicOptionsLoaded`
  /// (`DynamicEnumOptions.choices(in:for:)`) or `.dynamicOptionsFailed`.
  case loadDynamicEnum(step: Int, field: String, PreparedRequest)
  /// List paths starting with `prefix` (`~` expanded); reply with `.pathCompletions`.
  case completePath(step: Int, field: String, prefix: String)
  /// Read the size of the file; reply with `.fileSize`.
  case statFile(step: Int, field: String, path: String)
  /// Suspend the terminal, edit `initialText` in `$EDITOR`, restore; reply with `.editorFinished`.
  case openEditor(step: Int, field: String, initialText: String)
  /// Save `model.engine` at `path` (off the key-handling loop, the latest save winning); reply
  /// with `.sessionSaved` or `.sessionSaveFailed`. Before `.quit`, written before the exit.
  case saveSession(path: String)
  /// Put the text on the clipboard (the OSC 52 sequence, `Clipboard.osc52`) and in the
  /// clipboard file; reply with `.notice` naming what was copied and the file.
  case copyToClipboard(CopyRequest)
  /// Write the demo page at its path, open it in `$BROWSER` or with `xdg-open` when there is
  /// one; reply with `.notice` giving the path either way (or why it could not be written).
  case writeDemoPage(DemoPageRequest)
  /// Show the text in `$PAGER` (default `less -R`) while the console steps aside.
  case showInPager(text: String)
  /// Search a big document off the loop; reply with `.searchFinished`. A newer search or
  /// `cancelSearch` makes it stop.
  case search(SearchJob)
  case cancelSearch
  /// Lay out a big document for its viewer off the loop (`job.run()`); reply with its message.
  case buildViewer(ViewerBuildJob)
  /// Reconnect with the config file's profile of this name, keeping the walk (answers and
  /// exchanges) and the step on screen.
  case switchProfile(String)
  /// Save the session for an upload's new checkpoint, at most once a second or every 64 MiB
  /// (`CheckpointThrottle`); only a failure is reported.
  case saveCheckpoint(path: String, acknowledgedBytes: Int64)
  /// Restore the terminal and exit.
  case quit
}
