import JSONViewer
import KalturaWire
import Walkthrough

/// The whole console as a value: the walkthrough engine (forms, values, session) plus what
/// the screen shows. `update` changes it, `view` draws it.
public struct Model: Sendable {
  public var engine: WalkthroughEngine
  /// The service URL as shown in the header.
  public var serviceLabel: String
  /// The session file; autosaved after every exchange when set.
  public var sessionPath: String?
  public var isEmbeddedSandbox: Bool
  public var colorMode: ColorMode
  public var width: Int
  public var height: Int
  /// Files larger than this are uploaded in chunks, and the step's resume fields are the uploader's.
  public var uploadChunkSize: Int64

  public var currentStep = 0
  public var focus: FocusArea = .form
  /// Index into `formRows`; `formRows.count` is the Send button.
  public var fieldCursor = 0
  public var replyTab: ReplyTab = .reply
  public var replyScroll = 0
  /// Per step, how many exchanges back from the latest the Reply and Request tabs show (0 or
  /// absent: the latest); `<` and `>` move through a step's earlier sends.
  public var exchangesBack: [Int: Int] = [:]
  public var proseScroll = 0
  public var mode: InputMode = .navigate
  public var showHidden = false
  public var showHelp = false
  /// First line of each help column on screen, when the help does not fit.
  public var helpScroll = 0
  public var spinnerFrame = 0
  public var footerMessage: String?
  /// Completions offered for the file field being edited.
  public var completions: [String] = []
  /// The highlighted completion (↑↓ move it, Enter/Tab take it).
  public var completionSelection = 0
  public var saveState: SaveState
  public var running: RunningRequest?
  public var dynamicChoices: [FieldKey: DynamicChoices] = [:]
  public var fileSizes: [FieldKey: Int64] = [:]
  /// Why a step could not be sent at all (no reply), until it is sent again.
  public var sendFailures: [Int: String] = [:]
  /// Requests cancelled with Esc, as they stood (an upload's last progress), until sent again.
  public var cancelledRequests: [Int: RunningRequest] = [:]
  /// Why the last input for a field was refused.
  public var fieldErrors: [FieldKey: String] = [:]
  /// The last exchange of each step as loaded from the session file (interactive replay).
  public let recordedExchanges: [Int: Exchange]
  /// Steps sent again since the session was loaded.
  public var resentSteps: Set<Int> = []
  /// Steps still to send after the running one ("replay all remaining").
  public var replayQueue: [Int] = []
  /// Index into the Code tab's samples.
  public var codeSampleIndex = 0
  /// Paths the replay comparison skips.
  public var ignoreRules = IgnoreRules.standard()
  public var isQuitting = false
  /// One viewer per document shown (step, tab, exchange): each keeps its scroll, folds and search.
  public var viewers: [ViewerSlot: JSONViewer] = [:]
  /// The search running off the loop, if any (`Command.search`).
  public var pendingSearch: SearchJob?
  /// Viewers being laid out off the loop (`Command.buildViewer`).
  public var pendingViewers: Set<ViewerSlot> = []
  var searchGeneration = 0
  var caches = ScreenCaches()
  /// The config file's profiles (`P` lists them), the one in use, and the highlighted row while
  /// the list is open.
  public var profiles: [ProfileEntry] = []
  public var profileName: String?
  public var profileSelection: Int?
  /// The reply area takes the whole main column (`z`).
  public var replyMaximized = false
  /// Keys rebound in the config file.
  public var keyOverrides = KeyOverrides()
  /// `q` while a request runs asks first; y quits (saving the checkpoint), n stays.
  public var isConfirmingQuit = false
  /// The secret field ^R shows in clear, until the next key.
  public var revealedSecret: FieldKey?
  /// A step whose links an earlier step has not filled yet waits for a yes before it is sent.
  public var confirmingSend: Int?
  /// The spec is still on its way (`Message.specLoaded`): the forms are the recipe's own until then.
  public var isLoadingSpec = false

  public init(
    engine: WalkthroughEngine, serviceLabel: String, sessionPath: String?, isEmbeddedSandbox: Bool,
    colorMode: ColorMode = .full, width: Int = 80, height: Int = 24, uploadChunkSize: Int64 = 8 << 20
  ) {
    self.engine = engine
    self.serviceLabel = serviceLabel
    self.sessionPath = sessionPath
    self.isEmbeddedSandbox = isEmbeddedSandbox
    self.colorMode = colorMode
    self.width = width
    self.height = height
    self.uploadChunkSize = uploadChunkSize
    var recorded: [Int: Exchange] = [:]
    for (index, step) in engine.session.steps.enumerated() {
      if let last = step.lastExchange { recorded[index] = last }
    }
    recordedExchanges = recorded
    saveState = sessionPath == nil ? .none : .saved
    if let first = recorded.keys.max(), first + 1 < engine.stepCount { currentStep = first + 1 }
    _ = refreshScreenCaches()
  }

  public var stepCount: Int { engine.stepCount }
  public var recipeTitle: String { engine.recipe.title }
  public var isTooSmall: Bool { width < 60 || height < 16 }
  /// True while the spinner should turn (the runtime sends `.tick` then).
  public var needsTicks: Bool {
    running != nil || dynamicChoices.values.contains { $0 == .loading }
  }

  public func status(of step: Int) -> StepStatus {
    if running?.step == step { return .running }
    let state = engine.session[step]
    if recordedExchanges[step] != nil && !resentSteps.contains(step) { return .recorded }
    if state.isCompleted { return .done }
    return state.hasRun ? .failed : .pending
  }

  /// The exchange the Reply and Request tabs show for `step`, with its 1-based position and
  /// the step's count of exchanges.
  func shownExchange(_ step: Int) -> (exchange: Exchange, position: Int, count: Int)? {
    let exchanges = engine.session[step].exchanges
    guard let index = shownExchangeIndex(step) else { return nil }
    return (exchanges[index], index + 1, exchanges.count)
  }

  /// True when a field or one of its parents is hidden.
  func isHidden(_ field: FormField, in form: StepForm) -> Bool {
    if field.isHidden { return true }
    var path = field.path
    while let dot = path.lastIndex(of: ".") {
      path = String(path[..<dot])
      if form.field(path)?.isHidden == true { return true }
    }
    return false
  }

  /// The fields of a step as rows: depth first, hidden ones only on demand.
  public func formRows(of step: Int) -> [FormField] {
    guard let form = engine.form(step) else { return [] }
    return form.allFields.filter { showHidden || !isHidden($0, in: form) }
  }

  public var currentRows: [FormField] { formRows(of: currentStep) }

  /// Hidden value fields of a step (shown with `H`).
  public func hiddenCount(of step: Int) -> Int {
    guard let form = engine.form(step) else { return 0 }
    return form.valueFields.count { isHidden($0, in: form) }
  }

  /// The focused field; nil on the Send button.
  public var focusedField: FormField? {
    let rows = currentRows
    return rows.indices.contains(fieldCursor) ? rows[fieldCursor] : nil
  }

  public var isSendFocused: Bool { focus == .form && fieldCursor >= currentRows.count }

  /// A step's field values as the screen shows them: the current step's from `caches` (resolved
  /// by `refreshScreenCaches` only when its `ValueInputs` changed), another step's resolved now.
  /// For drawing, and for mapping a click onto what was drawn. `update` reads `engine.values`
  /// after a change of its own: the cache catches up only when `update` ends.
  func shownValues(_ step: Int) -> StepValues {
    if let cached = caches.values, cached.values.stepIndex == step { return cached.values }
    return engine.values(step)
  }

  /// Fields the chunked uploader fills itself: those of a step that `UploadPlan` hands to it.
  /// The form asks this for every row of every frame: the current step's plan is read from
  /// `caches` (decided once per change by `refreshScreenCaches`), never decided again here.
  public func isManagedByUploader(_ field: FormField, step: Int) -> Bool {
    guard ManagedUpload.managedFieldNames.contains(field.name) else { return false }
    if let cached = caches.upload, cached.step == step { return cached.isChunked }
    return decideUploadPlan(step: step)?.isChunked ?? false
  }

  /// How `Command.send` of an upload starts: it resumes when the step holds a checkpoint for the
  /// same upload token (an upload cancelled with Esc, or one saved in the session).
  public func uploadStart(step: Int, for prepared: PreparedRequest) -> UploadStart {
    guard let upload = prepared.upload else { return .fresh }
    let size = measuredFileSize(step: step) ?? 0
    return uploadPlan(step: step, upload: upload, fileSize: size).start
  }

  /// The step's upload plan as its values, file and checkpoint now stand; nil when the step
  /// has no measured file to upload (checked first: it costs no value resolution).
  func decideUploadPlan(step: Int) -> UploadPlan? {
    guard let size = measuredFileSize(step: step), let upload = engine.uploadIntent(step: step) else { return nil }
    return uploadPlan(step: step, upload: upload, fileSize: size)
  }

  /// The console's runner always has the resumable uploader, with chunks of `uploadChunkSize`.
  private func uploadPlan(step: Int, upload: UploadIntent, fileSize: Int64) -> UploadPlan {
    UploadPlan.decide(
      upload: upload, fileSize: fileSize, checkpoint: engine.session[step].uploadCheckpoint, resumeRequested: false,
      policy: UploadPolicy(chunkSize: uploadChunkSize, uploader: .resumable))
  }

  /// The size the console measured for the step's file field (by its stored path).
  private func measuredFileSize(step: Int) -> Int64? {
    guard let file = engine.form(step)?.firstFileField else { return nil }
    return fileSizes[FieldKey(step: step, path: file.path)]
  }

  /// Choices a picker offers for a field: fixed ones, or those loaded for a dynamic enum.
  public func choices(for field: FormField, step: Int) -> [EnumChoice] {
    if field.kind == .dynamicEnum {
      if case .loaded(let choices) = dynamicChoices[FieldKey(step: step, path: field.path)] { return choices }
      return []
    }
    return field.choices
  }
}
