import JSONValue
import Walkthrough

/// Keys first go to whatever is open (help, picker, editor, save prompt), then to the
/// bindings every area shares, then to the focused area.
func handleKey(_ model: inout Model, _ key: Key) -> [Command] {
  if key == .control("c") { return quit(&model, asking: false) }
  let revealed = model.revealedSecret
  model.revealedSecret = nil
  if model.isConfirmingQuit { return handleQuitConfirmation(&model, key) }
  if let step = model.confirmingSend { return handleSendConfirmation(&model, key, step: step) }
  if model.showHelp { return handleHelpKey(&model, key) }
  if let selection = model.profileSelection { return handleProfileKey(&model, key, selection: selection) }
  if model.isTooSmall {
    return key == .character("q") ? quit(&model, asking: false) : []
  }
  if key == SecretReveal.key, SecretReveal.toggle(&model, wasRevealed: revealed) { return [] }
  switch model.mode {
  case .editing(let path, let editor): return handleEditingKey(&model, key, path: path, editor: editor)
  case .picking(let picker): return handlePickerKey(&model, key, picker: picker)
  case .pickingLanguage(let picker): return handleLanguagePickerKey(&model, key, picker: picker)
  case .savingAs(let editor): return handleSaveAsKey(&model, key, editor: editor)
  case .viewerPrompt(let prompt, let editor): return handleViewerPromptKey(&model, key, prompt: prompt, editor: editor)
  case .navigate: break
  }
  guard let key = model.keyOverrides.translate(key) else { return [] }
  if model.focus == .reply, let commands = handleViewerKey(&model, key) { return commands }
  if let commands = handleGlobalKey(&model, key) { return commands }
  switch model.focus {
  case .steps: return handleStepsKey(&model, key)
  case .form: return handleFormKey(&model, key)
  case .reply: return handleReplyKey(&model, key)
  }
}

/// Quitting keeps the work: unsaved edits and a running upload's checkpoint are saved first
/// (the runtime writes that save before it exits). `asking`: a running request is not left
/// without a yes.
func quit(_ model: inout Model, asking: Bool = true) -> [Command] {
  if asking, let running = model.running {
    model.isConfirmingQuit = true
    let upload = running.progress != nil || model.engine.session[running.step].uploadCheckpoint != nil
    model.footerMessage =
      upload
      ? "upload in progress: quit and keep the checkpoint? y/n" : "step \(running.step + 1) is running: quit? y/n"
    return []
  }
  model.isConfirmingQuit = false
  model.isQuitting = true
  guard let path = model.sessionPath, model.running != nil || model.saveState != .saved else { return [.quit] }
  model.saveState = .saving
  return [.saveSession(path: path), .quit]
}

private func handleQuitConfirmation(_ model: inout Model, _ key: Key) -> [Command] {
  model.isConfirmingQuit = false
  if key == .character("y") || key == .character("Y") { return quit(&model, asking: false) }
  model.footerMessage = model.running.map { "Step \($0.step + 1) still running · Esc cancels it" }
  return []
}

/// Bindings that work in every area; nil when the key is not one of them.
private func handleGlobalKey(_ model: inout Model, _ key: Key) -> [Command]? {
  switch key {
  case .character("q"): return quit(&model)
  case .character("?"), .function(1): openHelp(&model)
  case .character("P"): openProfiles(&model)
  case .escape:
    if let running = model.running {
      model.replayQueue = []
      model.footerMessage = "Cancelling step \(running.step + 1)…"
      return [.cancel(step: running.step)]
    }
    model.footerMessage = nil
  case .character("n"), .character("]"): goToStep(&model, model.currentStep + 1)
  case .character("p"), .character("["): goToStep(&model, model.currentStep - 1)
  case .character(let digit) where digit.isASCII && digit.isNumber && digit != "0":
    goToStep(&model, Int(String(digit))! - 1)
  case .character("s"):
    model.mode = .savingAs(LineEditor(model.sessionPath ?? "session.json"))
  case .character("r"): return send(&model, step: model.currentStep)
  case .character("R"): return replayRemaining(&model)
  case .character("d"):
    model.replyTab = model.replyTab == .compare ? .reply : .compare
    model.replyScroll = 0
  case .character("<"), .character(">"):
    let back = model.exchangesBack[model.currentStep] ?? 0
    model.exchangesBack[model.currentStep] = min(
      max(0, back + (key == .character("<") ? 1 : -1)), model.maxExchangesBack(model.currentStep))
    if model.replyTab == .compare || model.replyTab == .code { model.replyTab = .reply }
    model.replyScroll = 0
  case .character("D"): return writeDemoPage(&model)
  case .character("H"):
    model.showHidden.toggle()
    model.fieldCursor = min(model.fieldCursor, model.currentRows.count)
  case .tab: moveFocus(&model, forward: true)
  case .backTab: moveFocus(&model, forward: false)
  case .pageDown, .pageUp:
    // A page minus one line: the last line read stays on screen, none is skipped.
    let layout = Layout(model: model)
    let page = max(1, (model.focus == .reply || model.replyMaximized ? layout.replyHeight : layout.proseHeight) - 1)
    let delta = key == .pageDown ? page : -page
    if model.focus == .reply || model.replyMaximized {
      model.replyScroll = max(0, min(model.replyScroll + delta, lastReplyScroll(model)))
    } else {
      scrollProse(&model, by: delta)
    }
  case .character("z"):
    model.replyMaximized.toggle()
  default: return nil
  }
  return []
}

/// Sends the current step and queues every later one; each is sent when the previous succeeds.
private func replayRemaining(_ model: inout Model) -> [Command] {
  let start = model.currentStep
  let steps = (start..<model.stepCount).filter { model.engine.form($0)?.sendsRequest == true }
  guard let first = steps.first else {
    model.footerMessage = "No step from here on sends a request"
    return []
  }
  let commands = send(&model, step: first)
  if !commands.isEmpty {
    model.currentStep = first
    model.replayQueue = Array(steps.dropFirst())
  }
  return commands
}

func goToStep(_ model: inout Model, _ step: Int) {
  guard step >= 0, step < model.stepCount, step != model.currentStep else { return }
  model.currentStep = step
  model.fieldCursor = 0
  model.proseScroll = 0
  model.replyScroll = 0
  model.completions = []
  model.codeSampleIndex = 0
  // Messages are about the step just left ("Step 1 done", a rejected key).
  model.footerMessage = nil
  if model.replyTab == .compare, model.recordedExchanges[step] == nil { model.replyTab = .reply }
}

/// Tab walks the form's fields and then on to the next area; Shift-Tab walks back.
private func moveFocus(_ model: inout Model, forward: Bool) {
  let lastRow = model.currentRows.count
  if model.focus == .form {
    if forward && model.fieldCursor < lastRow {
      model.fieldCursor += 1
      return
    }
    if !forward && model.fieldCursor > 0 {
      model.fieldCursor -= 1
      return
    }
  }
  let areas = FocusArea.allCases
  let index = areas.firstIndex(of: model.focus)!
  let next = areas[(index + (forward ? 1 : areas.count - 1)) % areas.count]
  model.focus = next
  if next == .form { model.fieldCursor = forward ? 0 : lastRow }
}

private func handleStepsKey(_ model: inout Model, _ key: Key) -> [Command] {
  switch key {
  case .up, .character("k"): goToStep(&model, model.currentStep - 1)
  case .down, .character("j"): goToStep(&model, model.currentStep + 1)
  case .home: goToStep(&model, 0)
  case .end: goToStep(&model, model.stepCount - 1)
  case .enter, .right, .character("l"): model.focus = .form
  default: break
  }
  return []
}

private func handleReplyKey(_ model: inout Model, _ key: Key) -> [Command] {
  if let commands = handleCodeTabKey(&model, key) { return commands }
  let tabs = availableTabs(model)
  let index = tabs.firstIndex(of: model.replyTab) ?? 0
  switch key {
  case .up, .character("k"): model.replyScroll = max(0, model.replyScroll - 1)
  case .down, .character("j"): model.replyScroll = min(model.replyScroll + 1, lastReplyScroll(model))
  case .home, .character("g"): model.replyScroll = 0
  case .end, .character("G"): model.replyScroll = lastReplyScroll(model)
  case .left, .character("h"):
    model.replyTab = tabs[(index + tabs.count - 1) % tabs.count]
    model.replyScroll = 0
  case .right, .character("l"):
    model.replyTab = tabs[(index + 1) % tabs.count]
    model.replyScroll = 0
  default: break
  }
  return []
}

/// The scroll that shows the last line of a tab without a viewer (Code, Compare, a preview).
func lastReplyScroll(_ model: Model) -> Int {
  let layout = Layout(model: model)
  let width = layout.mainWidth - 1
  let raw = replyLines(model, width: width)
  let count = model.replyTab == .compare ? raw.count : wrapped(raw, width: width).count
  return max(0, count - layout.replyHeight)
}

/// The reply tabs offered for the current step: the comparison only for a recorded step.
func availableTabs(_ model: Model) -> [ReplyTab] {
  model.recordedExchanges[model.currentStep] == nil ? [.reply, .request, .code] : ReplyTab.allCases
}

/// Scrolls the prose, never past its last line.
func scrollProse(_ model: inout Model, by delta: Int) {
  let lastLine = proseLineCount(model, width: Layout(model: model).mainWidth - 1) - 1
  model.proseScroll = max(0, min(lastLine, model.proseScroll + delta))
}
