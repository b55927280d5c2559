/// Clicks focus steps, fields and tabs; the wheel scrolls the area under it.
func handleMouse(_ model: inout Model, _ event: MouseEvent) -> [Command] {
  guard !model.isTooSmall, model.mode == .navigate || isEditing(model) else { return [] }
  if model.showHelp {
    model.showHelp = false
    return []
  }
  let layout = Layout(model: model)
  switch event {
  case .scrollUp(_, let y), .scrollDown(_, let y):
    let delta = isScrollDown(event) ? 3 : -3
    if y >= layout.replyY {
      model.replyScroll = max(0, model.replyScroll + delta)
    } else if y >= layout.proseY && y < layout.formRuleY {
      scrollProse(&model, by: delta)
    }
    return []
  case .click(let x, let y):
    var commands: [Command] = []
    // A click elsewhere keeps what was typed, as Enter would (a refused value stays in the editor).
    if case .editing(let path, let editor) = model.mode {
      commands = store(&model, editor.text, step: model.currentStep, path: path)
      if model.fieldErrors[FieldKey(step: model.currentStep, path: path)] != nil { return [] }
      model.mode = .navigate
      model.completions = []
    }
    if x < layout.stepsWidth, y >= layout.bodyY, y < layout.bodyY + layout.bodyHeight {
      let top = max(0, min(model.currentStep - layout.bodyHeight / 2, model.stepCount - layout.bodyHeight))
      goToStep(&model, top + y - layout.bodyY)
      model.focus = .steps
    } else if x >= layout.mainX, y >= layout.formY, y < layout.formY + layout.formHeight {
      let lines = formLines(model)
      let index = formScroll(model, lines: lines, height: layout.formHeight) + y - layout.formY
      guard lines.indices.contains(index) else { return commands }
      model.focus = .form
      switch lines[index] {
      case .field(let row), .detail(let row): model.fieldCursor = row
      case .send:
        model.fieldCursor = model.currentRows.count
        return commands + send(&model, step: model.currentStep)
      }
    } else if y == layout.tabsY, let tab = tabRanges(model, layout).first(where: { $0.1.contains(x) })?.0 {
      model.replyTab = tab
      model.replyScroll = 0
      model.focus = .reply
    } else if y >= layout.replyY, y < layout.replyY + layout.replyHeight {
      model.focus = .reply
    }
    return commands
  }
}

private func isEditing(_ model: Model) -> Bool {
  if case .editing = model.mode { return true }
  return false
}

private func isScrollDown(_ event: MouseEvent) -> Bool {
  if case .scrollDown = event { return true }
  return false
}
