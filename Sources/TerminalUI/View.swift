/// Draws the whole screen for the model. Pure: the same model gives the same canvas.
public func view(_ model: Model) -> Canvas {
  var canvas = Canvas(width: model.width, height: model.height)
  if model.isTooSmall {
    drawTooSmall(&canvas, model)
    return canvas
  }
  let layout = Layout(model: model)
  drawHeader(&canvas, model)
  drawStepList(&canvas, model, layout)
  drawMain(&canvas, model, layout)
  drawFooter(&canvas, model, layout)
  drawOverlays(&canvas, model, layout)
  drawProfiles(&canvas, model)
  if model.showHelp { drawHelp(&canvas, model) }
  return canvas
}

/// Below 60×16 nothing fits: say so instead of drawing a broken screen.
func drawTooSmall(_ canvas: inout Canvas, _ model: Model) {
  let lines = [
    "Terminal too small",
    "\(model.width)×\(model.height): needs at least 60×16",
    "(80×24 or more works best)",
    "q quits",
  ]
  let top = max(0, (model.height - lines.count) / 2)
  for (offset, line) in lines.enumerated() {
    let x = max(0, (model.width - displayWidth(of: line)) / 2)
    canvas.put(line, x: x, y: top + offset, style: model.colorMode.style(offset == 0 ? .error : .plain))
  }
}

func drawHeader(_ canvas: inout Canvas, _ model: Model) {
  let colors = model.colorMode
  let position = "step \(model.currentStep + 1)/\(model.stepCount)"
  let positionX = model.width - displayWidth(of: position) - 1
  canvas.put(
    " " + model.recipeTitle.truncated(toWidth: positionX - 2), x: 0, y: 0, style: colors.style(.title),
    maxX: positionX - 1)
  canvas.put(position, x: positionX, y: 0, style: colors.style(.strong))
  var info: StyledLine = [Span(" "), Span(model.serviceLabel, .accent)]
  if let profile = model.profileName {
    info = [Span(" profile "), Span(profile, .strong), Span(" · ")] + info.dropFirst()
  }
  if model.isEmbeddedSandbox { info.append(Span(" (embedded sandbox)", .warning)) }
  if let partner = model.engine.credentials.partnerID { info += [Span(" · partner "), Span(String(partner), .accent)] }
  if model.isLoadingSpec { info.append(Span(" · loading spec…", .running)) }
  info.append(Span(" · "))
  let used = info.reduce(0) { $0 + displayWidth(of: $1.text) }
  info += saveText(model, width: model.width - used)
  canvas.put(info, x: 0, y: 1, maxX: model.width, colors: colors)
  canvas.put(String(repeating: "─", count: model.width), x: 0, y: 2, style: colors.style(.dim))
}

/// The session file and its save state in `width` columns: the path gives way from its start
/// (the file name and the state stay in sight).
private func saveText(_ model: Model, width: Int) -> StyledLine {
  guard let path = model.sessionPath else {
    return model.saveState == .unsaved ? [Span("not saved · s saves", .warning)] : [Span("no session file", .dim)]
  }
  let state: Span
  switch model.saveState {
  case .none, .saved: state = Span("saved", .ok)
  case .unsaved: state = Span("unsaved", .warning)
  case .saving: state = Span("saving…", .running)
  case .failed: state = Span("save failed", .error)
  }
  let room = width - displayWidth(of: "session ") - displayWidth(of: " " + state.text)
  // Too little room for a useful piece of the path: the state alone ("session saved").
  guard room >= 12 else { return [Span("session "), state] }
  return [Span("session "), Span(path.keepingEnd(toWidth: room)), Span(" "), state]
}

func drawStepList(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  let visible = layout.bodyHeight
  let top = max(0, min(model.currentStep - visible / 2, model.stepCount - visible))
  for row in 0..<visible {
    canvas.put("│", x: layout.stepsWidth, y: layout.bodyY + row, style: colors.style(.dim))
  }
  let titles = (0..<model.stepCount).map { model.engine.form($0)?.title ?? "" }
  for step in top..<min(model.stepCount, top + visible) {
    let y = layout.bodyY + step - top
    let (symbol, role) = stepSymbol(model, step)
    let title = titles[step]
    let isCurrent = step == model.currentStep
    canvas.put(isCurrent ? "▸" : " ", x: 0, y: y, style: colors.style(.accent))
    let number = String(step + 1).padded(toWidth: 2)
    canvas.put(number, x: 1, y: y, style: colors.style(isCurrent ? .strong : .dim))
    canvas.put(symbol, x: 4, y: y, style: colors.style(role))
    canvas.put(
      shortenedStepTitle(title, among: titles, width: layout.stepsWidth - 1 - Layout.stepPrefixWidth), x: 6, y: y,
      style: colors.style(isCurrent ? .strong : .plain), maxX: layout.stepsWidth - 1)
    if isCurrent && model.focus == .steps {
      canvas.restyle(x: 0, y: y, width: layout.stepsWidth, style: colors.style(.selected))
    }
  }
}

/// The state mark of a step in the list.
func stepSymbol(_ model: Model, _ step: Int) -> (String, Role) {
  switch model.status(of: step) {
  case .pending: return ("·", .dim)
  case .running: return (FieldText.spinner[model.spinnerFrame % FieldText.spinner.count], .running)
  case .done: return ("✓", .ok)
  case .failed: return ("✗", .error)
  // A recorded step says whether its recorded exchange succeeded, as a sent one does.
  case .recorded: return model.engine.session[step].isCompleted ? ("●", .recorded) : ("✗", .error)
  }
}
