/// Clicks focus steps, fields and tabs; the wheel scrolls the area under it.
func handleMouse(_ model: inout Model, _ event: MouseEvent) -> [Command] {
  guard !model.isTooSmall else { return [] }
  if model.showHelp {
    handleHelpMouse(&model, event)
    return []
  }
  let layout = Layout(model: model)
  if case .picking(let picker) = model.mode, let commands = handlePickerMouse(&model, event, picker, layout) {
    return commands
  }
  if case .pickingLanguage(let picker) = model.mode {
    return handleLanguagePickerMouse(&model, event, picker, layout)
  }
  guard model.mode == .navigate || isEditing(model) else { return [] }
  switch event {
  case .scrollUp(_, let y), .scrollDown(_, let y):
    let delta = isScrollDown(event) ? 3 : -3
    if y >= layout.replyY, let slot = model.currentViewerSlot, var viewer = model.viewer(for: slot) {
      viewer.height = model.viewerHeight(layout)
      if delta > 0 { viewer.moveDown(delta) } else { viewer.moveUp(-delta) }
      model.viewers[slot] = viewer
    } else if y >= layout.replyY {
      model.replyScroll = max(0, model.replyScroll + delta)
    } else if y >= layout.proseY && y < layout.formRuleY {
      scrollProse(&model, by: delta)
    }
    return []
  case .click(let x, let y):
    if case .editing(let path, var editor) = model.mode, let list = ListOverlay(model, layout),
      list.contains(x: x, y: y)
    {
      if let index = list.choice(atX: x, y: y) {
        editor.replaceAll(with: model.completions[index])
        model.completions = []
        model.mode = .editing(path: path, editor)
      }
      return []
    }
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

/// A click on a choice picks it, as Enter would; the wheel over the list moves the highlight.
/// A click outside closes the picker and then acts as usual (nil); other events do nothing.
private func handlePickerMouse(
  _ model: inout Model, _ event: MouseEvent, _ picker: PickerState, _ layout: Layout
) -> [Command]? {
  guard let list = ListOverlay(model, layout) else { return nil }
  switch event {
  case .click(let x, let y):
    guard list.contains(x: x, y: y) else {
      model.mode = .navigate
      return nil
    }
    guard let index = list.choice(atX: x, y: y) else { return [] }
    var picked = picker
    picked.selection = index
    return handlePickerKey(&model, .enter, picker: picked)
  case .scrollUp(let x, let y), .scrollDown(let x, let y):
    guard list.contains(x: x, y: y) else { return [] }
    return handlePickerKey(&model, isScrollDown(event) ? .down : .up, picker: picker)
  }
}

private func isEditing(_ model: Model) -> Bool {
  if case .editing = model.mode { return true }
  return false
}

func isScrollDown(_ event: MouseEvent) -> Bool {
  if case .scrollDown = event { return true }
  return false
}
