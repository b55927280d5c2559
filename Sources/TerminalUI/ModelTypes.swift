import Walkthrough

/// The focusable areas of the screen, in Tab order.
public enum FocusArea: Int, Sendable, Hashable, CaseIterable {
  case steps, form, reply
}

/// The tabs of the reply area. `compare` shows a recorded reply beside the new one.
public enum ReplyTab: Int, Sendable, Hashable, CaseIterable {
  case reply, request, code, compare

  public var title: String {
    switch self {
    case .reply: return "Reply"
    case .request: return "Request"
    case .code: return "Code"
    case .compare: return "Recorded ↔ New"
    }
  }
}

/// Whether the session file holds what is on screen.
public enum SaveState: Sendable, Hashable {
  /// No session file yet (`s` saves one).
  case none
  case unsaved, saving, saved
  case failed(String)
}

/// Where a step stands; "current" is the model's cursor, drawn on top of these.
public enum StepStatus: Sendable, Hashable {
  case pending, running, done, failed
  /// Its reply comes from the loaded session file and was not sent again.
  case recorded
}

/// A field of one step, the key of per-field state.
public struct FieldKey: Sendable, Hashable {
  public var step: Int
  public var path: String
  public init(step: Int, path: String) {
    self.step = step
    self.path = path
  }
}

/// The choices of a dynamic enum field as they load.
public enum DynamicChoices: Sendable, Hashable {
  case loading
  case loaded([EnumChoice])
  case failed(String)
}

/// An open enum picker: the filter typed so far and the highlighted row of the filtered list.
public struct PickerState: Sendable, Hashable {
  public var path: String
  public var filter: String
  public var selection: Int
  public init(path: String, filter: String = "", selection: Int = 0) {
    self.path = path
    self.filter = filter
    self.selection = selection
  }
}

/// What the keyboard types into.
public enum InputMode: Sendable, Hashable {
  case navigate
  /// Editing a field inline.
  case editing(path: String, LineEditor)
  case picking(PickerState)
  /// Choosing the Code tab's language.
  case pickingLanguage(LanguagePicker)
  /// Typing the path for "save session as".
  case savingAs(LineEditor)
  /// Typing a viewer's search (`/`) or path filter (`:`).
  case viewerPrompt(ViewerPrompt, LineEditor)
}

/// A request on its way: the step, and for uploads the last progress report.
public struct RunningRequest: Sendable, Hashable {
  public var step: Int
  public var progress: UploadProgressInfo?
  /// The file bytes the server holds or that are on their way to it (`Message.uploadSent`).
  public var bytesSent: Int64?
  public init(step: Int, progress: UploadProgressInfo? = nil) {
    self.step = step
    self.progress = progress
  }

  /// What the progress bar shows: the acknowledged bytes, or more while chunks are on their
  /// way (the uploader acknowledges a chunk only when its reply comes).
  var shownProgress: UploadProgressInfo? {
    guard var shown = progress, let bytesSent else { return progress }
    shown.bytesDone = max(shown.bytesDone, min(shown.bytesTotal, bytesSent))
    return shown
  }
}
