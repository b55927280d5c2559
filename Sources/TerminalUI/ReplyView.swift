import JSONValue
import JSONViewer
import Samples
import Walkthrough

/// The lines of the reply area for the current tab when it shows no viewer (the Code and
/// Compare tabs, a step not sent yet, a request being sent); laid out once per change.
func replyLines(_ model: Model, width: Int) -> [StyledLine] {
  switch model.replyTab {
  case .reply: return replyTabLines(model, width: width)
  case .request: return requestTabLines(model)
  case .code:
    let cached = model.caches.code.flatMap { cache in
      cache.key.step == model.currentStep && cache.key.sample == model.codeSampleIndex ? cache.lines : nil
    }
    return cached ?? computeCodeTabLines(model)
  case .compare:
    let cached = model.caches.compare.flatMap { cache in
      cache.key.step == model.currentStep && cache.key.width == width ? cache.lines : nil
    }
    return cached ?? CompareView.lines(model, width: width)
  }
}

/// The lines above the viewer of the current tab (status, exchange position, URL), wrapped;
/// empty when the tab shows no viewer.
func replyHeading(_ model: Model, width: Int) -> [StyledLine] {
  guard let slot = model.currentViewerSlot else { return [] }
  let exchange = model.engine.session[slot.step].exchanges[slot.exchange]
  let count = model.engine.session[slot.step].exchanges.count
  var out: [StyledLine] = []
  if slot.tab == .reply {
    if model.status(of: slot.step) == .recorded {
      out.append([
        Span("recorded", .recorded), Span(" in the session file · r sends it again, R replays from here", .dim),
      ])
    }
    if let line = exchangePositionLine(position: slot.exchange + 1, count: count) { out.append(line) }
    out.append(statusLine(exchange))
    if let card = KalturaSense.errorCard(exchange) {
      out += card
    } else if let error = exchange.error {
      out.append([Span(error, .error)])
    }
  } else {
    if let line = exchangePositionLine(position: slot.exchange + 1, count: count) { out.append(line) }
    out.append([Span(exchange.method, .strong), Span(" " + Redaction.redactURL(exchange.url))])
  }
  return wrapped(out, width: width)
}

private func replyTabLines(_ model: Model, width: Int) -> [StyledLine] {
  let step = model.currentStep
  var out: [StyledLine] = []
  if let running = model.running, running.step == step {
    let spinner = FieldText.spinner[model.spinnerFrame % FieldText.spinner.count]
    out.append([Span(spinner + " Sending step \(step + 1)…", .running), Span("  Esc cancels", .dim)])
    if let progress = running.shownProgress { out += ProgressView.lines(progress, width: width) }
    return out
  }
  if let failure = model.sendFailures[step] { out.append([Span("! Not sent: " + failure, .error)]) }
  if let cancelled = model.cancelledRequests[step] {
    out += cancelledLines(cancelled)
  } else if let stopped = stoppedUploadLine(model.engine.session[step]) {
    out.append(stopped)
  }
  guard let index = model.shownExchangeIndex(step) else {
    if model.lastSendLeftNoExchange(step), !model.engine.session[step].exchanges.isEmpty {
      return out + [[Span("< shows the earlier sends", .dim)]]
    }
    guard model.engine.form(step)?.sendsRequest == true else {
      return out + [[Span("This step sends no request · n goes to the next step", .dim)]]
    }
    out.append([Span("Not sent yet · Enter on Send (or r) sends this step", .dim)])
    for problem in model.shownValues(step).linkProblems { out.append([Span("! " + problem, .warning)]) }
    return out
  }
  // An exchange without a reply body (no viewer): its status alone.
  let exchange = model.engine.session[step].exchanges[index]
  out.append(statusLine(exchange))
  if let error = exchange.error { out.append([Span(error, .error)]) }
  return out
}

/// "exchange 2 of 3 (sent at …)": shown when the step was sent more than once.
private func exchangePositionLine(position: Int, count: Int) -> StyledLine? {
  guard count > 1 else { return nil }
  let moves = [position > 1 ? "< older" : nil, position < count ? "> newer" : nil].compactMap { $0 }
  return [
    Span("exchange \(position) of \(count)", .strong),
    Span(position == count ? " (latest)" : "", .dim), Span(" · " + moves.joined(separator: " · "), .dim),
  ]
}

/// A request stopped with Esc; an upload says how far it got, since sending again resumes it.
private func cancelledLines(_ cancelled: RunningRequest) -> [StyledLine] {
  guard let progress = cancelled.progress else {
    return [[Span("✗ Cancelled", .warning), Span(" · r sends it again", .dim)]]
  }
  let percent = Int((progress.fraction * 100).rounded(.down))
  let figures = "\(FieldText.byteText(progress.bytesDone)) / \(FieldText.byteText(progress.bytesTotal))"
  return [
    [Span("✗ Upload cancelled at \(percent)%", .warning), Span(" (\(figures)) · r resumes it", .dim)]
  ]
}

/// A partial upload kept in the session (the console quit or was killed during it): sending
/// the step again resumes it from the saved checkpoint.
func stoppedUploadLine(_ state: StepState) -> StyledLine? {
  guard !state.isCompleted, let checkpoint = state.uploadCheckpoint,
    let done = checkpoint["acknowledgedBytes"]?.intValue, let size = checkpoint["file"]?["size"]?.intValue,
    size > 0, done < size
  else { return nil }
  let percent = done * 100 / size
  let figures = "\(FieldText.byteText(Int64(done))) of \(FieldText.byteText(Int64(size)))"
  return [Span("upload stopped at \(percent)%", .warning), Span(" (\(figures)) · r resumes", .dim)]
}

/// "HTTP 200 · 123 ms" in green, or the failure in red.
func statusLine(_ exchange: Exchange) -> StyledLine {
  let status = exchange.status.map { "HTTP \($0)" } ?? "no reply"
  let time = "\(Int(exchange.milliseconds.rounded())) ms"
  var line: StyledLine = [Span(status, exchange.ok ? .ok : .error), Span(" · " + time, .dim)]
  if exchange.synthesized { line.append(Span(" · synthesized by the sandbox", .warning)) }
  line += exchange.errorCode.map { [Span(" · " + $0, .error)] } ?? []
  if !exchange.retries.isEmpty { line.append(Span(" · " + retriedText(exchange.retries), .warning)) }
  return line
}

/// "retried 2× (connection reset by peer, HTTP 503)".
func retriedText(_ retries: [String]) -> String {
  "retried \(retries.count)× (\(retries.joined(separator: ", ")))"
}

func bodyLines(_ body: JSONValue?, isJSON: Bool) -> [StyledLine] {
  guard let body else { return [] }
  if isJSON { return JSONLines.lines(body).map(\.spans) }
  return body.displayText.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] }
}

private func requestTabLines(_ model: Model) -> [StyledLine] {
  let step = model.currentStep
  if let index = model.shownExchangeIndex(step) {
    // A sent request without a body: its method and URL.
    let exchange = model.engine.session[step].exchanges[index]
    return [[Span(exchange.method, .strong), Span(" " + Redaction.redactURL(exchange.url))]]
  }
  do {
    let prepared = try model.engine.prepareRequest(step: step)
    var out: [StyledLine] = [[Span("Preview, not sent yet", .dim)]]
    out.append([Span(prepared.spec.method, .strong), Span(" " + Redaction.redactURL(prepared.displayURL))])
    out += bodyLines(prepared.displayBody.map(Redaction.redact), isJSON: true)
    for warning in prepared.warnings { out.append([Span("! " + warning, .warning)]) }
    return out
  } catch {
    return [[Span(error.description, .dim)]]
  }
}

/// The Code tab: the step's samples run through their templates (the costly part, so the
/// model caches the result per step, language and values).
func computeCodeTabLines(_ model: Model) -> [StyledLine] {
  let languages = codeLanguages(model)
  guard let (_, sample) = shownSample(model) else { return [[Span("No sample code for this step", .dim)]] }
  let index = currentLanguageIndex(model, languages)
  var header: StyledLine = []
  for (offset, id) in languages.enumerated() {
    header.append(Span(id, offset == index ? .strong : .dim))
    header.append(Span(" "))
  }
  let choose = languages.count > 1 ? ["c: next language", "Enter: all languages"] : []
  let notes = (sample.isGenerated ? ["generated"] : []) + choose + ["y: copy"]
  if !notes.isEmpty { header.append(Span("· " + notes.joined(separator: " · "), .dim)) }
  var out: [StyledLine] = [header]
  if let code = sample.code {
    out += code.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] }
  } else {
    out.append([Span(sample.error ?? "no code", .error)])
  }
  return out
}
