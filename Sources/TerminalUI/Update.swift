import Walkthrough

/// The pure state transition: applies one message, returns the work for the runtime.
public func update(_ model: inout Model, _ message: Message) -> [Command] {
  let commands = apply(&model, message)
  return commands + model.refreshScreenCaches()
}

private func apply(_ model: inout Model, _ message: Message) -> [Command] {
  switch message {
  case .key(let key): return handleKey(&model, key)
  case .mouse(let event): return handleMouse(&model, event)
  case .resize(let width, let height):
    model.width = max(0, width)
    model.height = max(0, height)
    return []
  case .tick:
    model.spinnerFrame &+= 1
    return []
  case .stepReplied(let step, let exchange): return applyReply(&model, step: step, exchange)
  case .stepFailed(let step, let error):
    model.running = nil
    model.sendFailures[step] = error
    model.replayQueue = []
    model.footerMessage = "Step \(step + 1) could not be sent: \(error)"
    return []
  case .stepCancelled(let step):
    let stopped = model.running?.step == step ? model.running : nil
    model.cancelledRequests[step] = stopped ?? RunningRequest(step: step)
    model.running = nil
    model.replayQueue = []
    model.footerMessage =
      "Step \(step + 1) cancelled · r " + (stopped?.progress == nil ? "sends it again" : "resumes the upload")
    // Saved so the upload can also be resumed after quitting.
    return model.engine.session[step].uploadCheckpoint == nil ? [] : autosave(&model)
  case .uploadProgress(let step, let progress):
    if model.running?.step == step { model.running?.progress = progress }
    return []
  case .uploadSent(let step, let bytes):
    if model.running?.step == step { model.running?.bytesSent = bytes }
    return []
  case .uploadCheckpoint(let step, let checkpoint):
    // Chunks acknowledged after a cancel are on the server too: every checkpoint is kept, and
    // reaches the disk while the upload runs so a killed console resumes it.
    model.engine.session[step].uploadCheckpoint = checkpoint
    guard let path = model.sessionPath else { return [] }
    return [.saveCheckpoint(path: path, acknowledgedBytes: Int64(checkpoint["acknowledgedBytes"]?.intValue ?? 0))]
  case .dynamicOptionsLoaded(let step, let field, let choices):
    model.dynamicChoices[FieldKey(step: step, path: field)] = .loaded(choices)
    return []
  case .dynamicOptionsFailed(let step, let field, let error):
    model.dynamicChoices[FieldKey(step: step, path: field)] = .failed(error)
    if case .picking(let picker) = model.mode, picker.path == field { model.mode = .navigate }
    return []
  case .pathCompletions(let step, let field, let candidates):
    applyCompletions(&model, step: step, field: field, candidates)
    return []
  case .fileSize(let step, let field, let bytes, let problem):
    let key = FieldKey(step: step, path: field)
    model.fileSizes[key] = bytes
    // Flagged as soon as the path is entered, not only when the step is sent.
    if let problem { model.fieldErrors[key] = problem } else if bytes != nil { model.fieldErrors[key] = nil }
    return []
  case .editorFinished(let step, let field, let text):
    guard var text else {
      model.footerMessage = "Editor closed without changes"
      return []
    }
    if text.hasSuffix("\n") { text.removeLast() }
    return store(&model, text, step: step, path: field)
  case .sessionSaved(let path):
    model.sessionPath = path
    // An edit made while the save was being written is not in it.
    if model.saveState == .saving { model.saveState = .saved }
    // An explicit "save as" said it was saving; it says when that is done.
    if model.footerMessage == "Saving \(path)…" { model.footerMessage = "Saved \(path)" }
    return []
  case .sessionSaveFailed(let path, let error):
    model.saveState = .failed(error)
    model.footerMessage = "Could not save \(path): \(error)"
    return []
  case .viewerBuilt(let built):
    if model.pendingViewers.remove(built.slot) != nil { model.viewers[built.slot] = built.viewer }
    return []
  case .searchFinished(let job, let matches, let error):
    applySearchResult(&model, job, matches: matches, error: error)
    return []
  case .notice(let text):
    model.footerMessage = text
    return []
  case .terminationRequested: return quit(&model, asking: false)
  case .specLoaded(let spec): return applySpec(&model, spec)
  }
}

/// What the runtime does once before the first key: a walk opened from a session shows the size
/// of every file it names, as one typed in does.
public func startupCommands(_ model: Model) -> [Command] {
  // A big recorded reply on screen at the start is laid out off the loop too.
  let commands: [Command] =
    model.currentViewerSlot.flatMap { slot in
      model.pendingViewers.contains(slot) ? model.viewerBuildJob(slot).map { [.buildViewer($0)] } : nil
    } ?? []
  return commands + fieldStartupCommands(model)
}

/// What the fields ask for once their form is known: the size of each file named, the labels of
/// each dynamic enum choice picked in an earlier run.
func fieldStartupCommands(_ model: Model) -> [Command] {
  var commands: [Command] = []
  for step in 0..<model.stepCount {
    guard let form = model.engine.form(step) else { continue }
    let values = model.engine.values(step)
    for field in form.allFields where field.kind == .file {
      if case .string(let path)? = values[field.path]?.value, !path.isEmpty {
        commands.append(.statFile(step: step, field: field.path, path: path))
      }
    }
    // A choice picked in an earlier run reads by its label again (`Sandbox Player v7
    // [40001003]`): its listing, a read, is asked for once at the start.
    for field in form.allFields where field.kind == .dynamicEnum && values[field.path]?.value != nil {
      if let request = model.engine.dynamicEnumRequest(step: step, path: field.path) {
        commands.append(.loadDynamicEnum(step: step, field: field.path, request))
      }
    }
  }
  return commands
}

/// Value form of `update`, for callers that prefer it.
public func update(_ model: Model, _ message: Message) -> (Model, [Command]) {
  var copy = model
  let commands = update(&copy, message)
  return (copy, commands)
}

/// Records the exchange in the engine (which fills later steps' links), then autosaves and
/// continues a replay.
func applyReply(_ model: inout Model, step: Int, _ exchange: Exchange) -> [Command] {
  guard step >= 0, step < model.stepCount else { return [] }
  model.engine.record(exchange, step: step)
  model.exchangesBack[step] = nil
  model.running = nil
  model.resentSteps.insert(step)
  if step == model.currentStep {
    model.replyTab = model.recordedExchanges[step] != nil && exchange.ok ? .compare : .reply
    model.replyScroll = 0
  }
  var commands = autosave(&model)
  if exchange.ok {
    let next = step + 1 < model.stepCount ? " · n: next step" : " · all steps done"
    model.footerMessage = "Step \(step + 1) done" + next
    if let following = model.replayQueue.first {
      model.replayQueue.removeFirst()
      model.currentStep = following
      model.fieldCursor = 0
      commands += send(&model, step: following)
    }
  } else {
    model.footerMessage = "Step \(step + 1) failed: \(exchange.error ?? "no reply")"
    if !model.replayQueue.isEmpty { model.footerMessage! += " · replay stopped" }
    model.replayQueue = []
  }
  return commands
}

/// Saves to the session file when there is one; otherwise marks the walk unsaved.
func autosave(_ model: inout Model) -> [Command] {
  guard let path = model.sessionPath else {
    model.saveState = .unsaved
    return []
  }
  model.saveState = .saving
  return [.saveSession(path: path)]
}

/// Builds the step's request and asks the runtime to send it. A step that needs what an
/// earlier step has not given yet asks first (`confirmed`: the user said yes).
func send(_ model: inout Model, step: Int, confirmed: Bool = false) -> [Command] {
  if let running = model.running {
    model.footerMessage = "Step \(running.step + 1) is still running · Esc cancels it"
    return []
  }
  if !confirmed, let reason = unresolvedLink(model, step: step) {
    model.confirmingSend = step
    model.footerMessage = reason + ": send anyway? y/n"
    return []
  }
  do {
    let prepared = try model.engine.prepareRequest(step: step)
    model.running = RunningRequest(step: step)
    model.sendFailures[step] = nil
    model.cancelledRequests[step] = nil
    model.replyTab = .reply
    model.replyScroll = 0
    model.footerMessage =
      prepared.warnings.isEmpty
      ? "Sending step \(step + 1)… · Esc cancels"
      : "Sending with warnings: " + prepared.warnings.joined(separator: "; ")
    return [.send(step: step, prepared)]
  } catch {
    model.replayQueue = []
    model.footerMessage = error.description
    return []
  }
}

/// Stores typed text for a field through the engine; a refusal stays on screen by the field.
func store(_ model: inout Model, _ text: String, step: Int, path: String) -> [Command] {
  let key = FieldKey(step: step, path: path)
  do {
    try model.engine.setInput(text, step: step, path: path)
    model.fieldErrors[key] = nil
  } catch {
    model.fieldErrors[key] = error.message
    return []
  }
  model.saveState = model.sessionPath == nil ? .none : .unsaved
  if model.engine.form(step)?.field(path)?.kind == .file, !text.isEmpty {
    return [.statFile(step: step, field: path, path: model.engine.storedFilePath(text))]
  }
  return []
}

func applyCompletions(_ model: inout Model, step: Int, field: String, _ candidates: [String]) {
  guard case .editing(let editing, var editor) = model.mode, editing == field, step == model.currentStep else {
    return
  }
  if candidates.count == 1 {
    editor.replaceAll(with: candidates[0])
    model.completions = []
  } else {
    let common = commonPrefix(candidates)
    if common.count > editor.text.count { editor.replaceAll(with: common) }
    model.completions = candidates
    model.completionSelection = 0
  }
  model.mode = .editing(path: field, editor)
}

func commonPrefix(_ strings: [String]) -> String {
  guard var prefix = strings.first.map(Array.init) else { return "" }
  for string in strings.dropFirst() {
    let characters = Array(string)
    var length = 0
    while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
    prefix = Array(prefix[..<length])
  }
  return String(prefix)
}
