import JSONValue
import KalturaWire
import Walkthrough

/// Progress of a chunked upload as the runtime reports it (bytes, rate, ETA, chunks in flight,
/// retries): the uploader's own value, so the runtime forwards it unchanged.
public typealias UploadProgressInfo = UploadProgress

/// Everything that can happen to the console: input, time, and the results of `Command`s.
public enum Message: Sendable, Hashable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(width: Int, height: Int)
  /// A spinner tick; the runtime sends these (about 10 a second) while `Model.needsTicks`.
  case tick
  /// The reply to `Command.send` (a failed API call is an exchange too, with `ok == false`).
  case stepReplied(step: Int, Exchange)
  /// The step could not be sent at all (no reply).
  case stepFailed(step: Int, error: String)
  /// The runtime stopped the request after `Command.cancel`.
  case stepCancelled(step: Int)
  case uploadProgress(step: Int, UploadProgressInfo)
  /// A running upload's file bytes that the server held when it started plus those handed to
  /// the connections since (`UploadSending`): the bar moves as chunks go out.
  case uploadSent(step: Int, bytes: Int64)
  /// The chunked uploader acknowledged a chunk: its checkpoint (upload token, file fingerprint,
  /// acknowledged ranges), kept in the step so sending it again resumes the upload.
  case uploadCheckpoint(step: Int, JSONValue)
  /// The choices of a dynamic enum, e.g. `DynamicEnumOptions.choices(in: reply, for: field.dynamicEnum!)`.
  case dynamicOptionsLoaded(step: Int, field: String, [EnumChoice])
  case dynamicOptionsFailed(step: Int, field: String, error: String)
  /// Paths that start with the prefix of `Command.completePath` (directories end with "/").
  case pathCompletions(step: Int, field: String, [String])
  /// The size of the file at the field's path; nil when it does not exist or cannot be read.
  /// A file field's file checked: its size, or why it cannot be sent (missing, a directory).
  case fileSize(step: Int, field: String, bytes: Int64?, problem: String? = nil)
  /// The text after `$EDITOR` exited; nil when the editor failed or the user aborted.
  case editorFinished(step: Int, field: String, text: String?)
  case sessionSaved(path: String)
  case sessionSaveFailed(path: String, error: String)
  /// The viewer `Command.buildViewer` laid out.
  case viewerBuilt(BuiltViewer)
  /// The rows `Command.search` found (nil: it failed, with `error`).
  case searchFinished(SearchJob, matches: [Int32]?, error: String?)
  /// A status text for the footer (from the runtime: "terminal restored", errors...).
  case notice(String)
  /// SIGTERM or SIGHUP: save what is unsaved (an upload's checkpoint too), then quit.
  case terminationRequested
  /// The OpenAPI document loaded after the first frame (`Model.isLoadingSpec` until then).
  case specLoaded(LoadedSpec)
}
