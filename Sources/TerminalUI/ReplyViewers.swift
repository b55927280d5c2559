import JSONValue
import JSONViewer
import Walkthrough

/// Which document a viewer shows: one exchange's reply or request body. Each slot keeps its
/// own viewer (scroll, folds, search), so moving between tabs and steps loses none of them.
public struct ViewerSlot: Sendable, Hashable {
  public var step: Int
  public var tab: ReplyTab
  /// Index of the exchange in the step's list.
  public var exchange: Int
  public init(step: Int, tab: ReplyTab, exchange: Int) {
    self.step = step
    self.tab = tab
    self.exchange = exchange
  }
}

extension Model {
  /// The exchange the Reply and Request tabs show, as recorded (unredacted: only its bodies
  /// are redacted, once, when their viewer is built).
  /// nil when the step has no exchange, or when its latest outcome is a send that failed or was
  /// cancelled (that outcome alone is shown; `<` reaches the exchanges before it).
  func shownExchangeIndex(_ step: Int) -> Int? {
    let count = engine.session[step].exchanges.count
    guard count > 0 else { return nil }
    let back = min(max(0, exchangesBack[step] ?? 0), maxExchangesBack(step))
    let latest = lastSendLeftNoExchange(step) ? count : count - 1
    return back == 0 && latest == count ? nil : latest - back
  }

  /// How far `<` goes back: to the step's first exchange.
  func maxExchangesBack(_ step: Int) -> Int {
    let count = engine.session[step].exchanges.count
    return max(0, lastSendLeftNoExchange(step) ? count : count - 1)
  }

  /// The step's last send could not be made or was cancelled, so it added no exchange.
  func lastSendLeftNoExchange(_ step: Int) -> Bool {
    sendFailures[step] != nil || cancelledRequests[step] != nil
  }

  /// The slot the reply area shows a viewer for now; nil when it shows something else.
  var currentViewerSlot: ViewerSlot? {
    guard replyTab == .reply || replyTab == .request, running?.step != currentStep || replyTab == .request,
      let index = shownExchangeIndex(currentStep)
    else { return nil }
    let exchange = engine.session[currentStep].exchanges[index]
    guard (replyTab == .reply ? exchange.reply : exchange.requestBody) != nil else { return nil }
    return ViewerSlot(step: currentStep, tab: replyTab, exchange: index)
  }

  /// The kept viewer of the slot, or a new one (before the first `update` has built it); nil
  /// while a big one is laid out off the loop.
  func viewer(for slot: ViewerSlot) -> JSONViewer? {
    if let kept = viewers[slot] { return kept }
    guard !pendingViewers.contains(slot), let job = viewerBuildJob(slot) else { return nil }
    return ViewerBuildJob.viewer(job.body, isJSON: job.isJSON)
  }

  /// What laying out the slot's document takes: its body as recorded.
  func viewerBuildJob(_ slot: ViewerSlot) -> ViewerBuildJob? {
    let exchanges = engine.session[slot.step].exchanges
    guard exchanges.indices.contains(slot.exchange) else { return nil }
    let exchange = exchanges[slot.exchange]
    if slot.tab == .request {
      return exchange.requestBody.map { ViewerBuildJob(slot: slot, body: $0, isJSON: true) }
    }
    return exchange.reply.map { ViewerBuildJob(slot: slot, body: $0, isJSON: exchange.replyIsJSON) }
  }

  /// Rows the viewer of the current tab gets: the reply area less its heading lines.
  func viewerHeight(_ layout: Layout) -> Int {
    max(1, layout.replyHeight - replyHeading(self, width: layout.mainWidth - 1).count)
  }

  /// Builds what the screen needs for the model as it now is, once per change: the step's
  /// resolved field values (first: the layout's detail lines read them), laid-out prose, the
  /// viewer of the shown document, the Code or Compare tab's lines, the current step's upload plan.
  /// `view` only reads these. A big document's viewer is laid out off the loop: the returned
  /// command asks the runtime for it.
  mutating func refreshScreenCaches() -> [Command] {
    var commands: [Command] = []
    let inputs = engine.valueInputs(currentStep)
    if caches.values?.inputs != inputs { caches.values = (inputs, engine.values(currentStep)) }
    caches.upload = (currentStep, decideUploadPlan(step: currentStep)?.isChunked ?? false)
    let width = Layout.mainWidth(self) - 1
    let proseKey = ProseKey(step: currentStep, width: width)
    if caches.prose?.key != proseKey { caches.prose = (proseKey, computeProseLines(self, width: width)) }
    let layout = Layout(model: self)
    if let slot = currentViewerSlot {
      if var shown = viewers[slot] {
        shown.height = viewerHeight(layout)
        viewers[slot] = shown
      } else if !pendingViewers.contains(slot), let job = viewerBuildJob(slot) {
        if ViewerBuildJob.isLarge(job.body) {
          pendingViewers.insert(slot)
          commands.append(.buildViewer(job))
        } else {
          var shown = ViewerBuildJob.viewer(job.body, isJSON: job.isJSON)
          shown.height = viewerHeight(layout)
          viewers[slot] = shown
        }
      }
    }
    if replyTab == .code {
      let key = CodeKey(step: currentStep, sample: codeSampleIndex, values: shownValues(currentStep))
      if caches.code?.key != key { caches.code = (key, computeCodeTabLines(self)) }
    }
    if replyTab == .compare {
      let key = CompareKey(
        step: currentStep, width: width, resent: resentSteps.contains(currentStep),
        exchanges: engine.session[currentStep].exchanges.count)
      if caches.compare?.key != key { caches.compare = (key, CompareView.lines(self, width: width)) }
    }
    return commands
  }
}

/// Laid-out text the model keeps between frames, each with the inputs it was made from.
struct ScreenCaches: Sendable {
  /// The current step's field values (what its form rows, hints and detail line show), with
  /// what they were resolved from.
  var values: (inputs: ValueInputs, values: StepValues)?
  var prose: (key: ProseKey, lines: [StyledLine])?
  var code: (key: CodeKey, lines: [StyledLine])?
  var compare: (key: CompareKey, lines: [StyledLine])?
  /// Whether the current step's upload goes through the chunked uploader (its form rows say
  /// "managed by the uploader"), as `UploadPlan.decide` said after the last change.
  var upload: (step: Int, isChunked: Bool)?
}

struct ProseKey: Sendable, Hashable {
  var step: Int
  var width: Int
}

struct CodeKey: Sendable, Hashable {
  var step: Int
  var sample: Int
  var values: StepValues
}

struct CompareKey: Sendable, Hashable {
  var step: Int
  var width: Int
  var resent: Bool
  var exchanges: Int
}
