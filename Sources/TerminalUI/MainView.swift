import Walkthrough

func drawMain(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  let x = layout.mainX
  let maxX = model.width
  let step = model.currentStep
  let form = model.engine.form(step)
  let call = form.flatMap { form in form.method.map { "\($0.uppercased()) \(form.operationID ?? form.path ?? "")" } }
  let callWidth = call.map { displayWidth(of: $0) + 1 } ?? 0
  let title = "\(step + 1). \(form?.title ?? "")".truncated(toWidth: layout.mainWidth - callWidth - 1)
  canvas.put(title, x: x, y: layout.titleY, style: colors.style(.strong))
  if let call { canvas.put(call, x: maxX - callWidth, y: layout.titleY, style: colors.style(.dim)) }

  let prose = proseLines(model, width: layout.mainWidth - 1)
  for (offset, line) in prose.dropFirst(model.proseScroll).prefix(layout.proseHeight).enumerated() {
    canvas.put(line, x: x, y: layout.proseY + offset, maxX: maxX, colors: colors)
  }
  let hidden = model.hiddenCount(of: step)
  var rule = "─ Form "
  if prose.count > model.proseScroll + layout.proseHeight { rule = "─ ↓ more (PgDn) ─ Form " }
  if model.currentRows.contains(where: \.isRequired) { rule += "· * required " }
  if hidden > 0 { rule += model.showHidden ? "· \(hidden) hidden shown (H hides) " : "· \(hidden) hidden (H shows) " }
  if model.currentStepHasDemo { rule += "· D demo page " }
  // Before sending: the sandbox would only make this reply up.
  if form?.replyIsSynthesized == true { rule += "· ! the sandbox only synthesizes this reply " }
  let ruleRole: Role = model.focus == .form ? .accent : .dim
  canvas.put(
    rule.padded(toWidth: layout.mainWidth).replacingTrailingSpaces(with: "─"), x: x, y: layout.formRuleY,
    style: colors.style(ruleRole))
  drawForm(&canvas, model, layout)
  drawTabs(&canvas, model, layout)
  drawReply(&canvas, model, layout)
}

extension String {
  func replacingTrailingSpaces(with fill: Character) -> String {
    var text = self
    var count = 0
    while text.last == " " {
      text.removeLast()
      count += 1
    }
    return count > 0 ? text + " " + String(repeating: fill, count: count - 1) : text
  }
}

func drawTabs(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  var x = layout.mainX
  for tab in availableTabs(model) {
    let title = " \(tab.title) "
    let active = tab == model.replyTab
    let role: Role = active ? (model.focus == .reply ? .selected : .strong) : .dim
    x = canvas.put(title, x: x, y: layout.tabsY, style: colors.style(role))
    if active && model.colorMode == .none && model.focus != .reply {
      canvas.restyle(
        x: x - displayWidth(of: title), y: layout.tabsY, width: displayWidth(of: title),
        style: .init(attributes: [.bold, .underline]))
    }
    x = canvas.put("│", x: x, y: layout.tabsY, style: colors.style(.dim))
  }
  let rest = max(0, model.width - x)
  canvas.put(String(repeating: "─", count: rest), x: x, y: layout.tabsY, style: colors.style(.dim))
  // The cursor's path (and the search's count) once there is more to say than "the top".
  if let slot = model.currentViewerSlot, let shown = model.viewer(for: slot), viewerStatusText(shown) != "." {
    let status = " " + viewerStatusText(shown) + " "
    let room = model.width - x - 2
    if room > 8 {
      let text = status.keepingEnd(toWidth: room)
      canvas.put(text, x: model.width - 1 - displayWidth(of: text), y: layout.tabsY, style: colors.style(.accent))
    }
  }
}

/// Tab titles with their x ranges, for mouse clicks.
func tabRanges(_ model: Model, _ layout: Layout) -> [(ReplyTab, Range<Int>)] {
  var x = layout.mainX
  var out: [(ReplyTab, Range<Int>)] = []
  for tab in availableTabs(model) {
    let width = displayWidth(of: " \(tab.title) ")
    out.append((tab, x..<(x + width)))
    x += width + 1
  }
  return out
}

func drawReply(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let width = layout.mainWidth - 1
  if let slot = model.currentViewerSlot, var shown = model.viewer(for: slot) {
    let heading = replyHeading(model, width: width)
    for (offset, line) in heading.prefix(layout.replyHeight).enumerated() {
      canvas.put(line, x: layout.mainX, y: layout.replyY + offset, maxX: model.width, colors: model.colorMode)
    }
    shown.height = max(1, layout.replyHeight - heading.count)
    guard layout.replyHeight > heading.count else { return }
    let area = ViewerArea(x: layout.mainX, y: layout.replyY + heading.count, width: width, height: shown.height)
    drawViewer(
      &canvas, shown, area, colors: model.colorMode, focused: model.focus == .reply,
      annotate: KalturaSense.annotator(model.engine.document))
    return
  }
  if model.currentViewerSlot.map(model.pendingViewers.contains) == true {
    let heading = replyHeading(model, width: width) + [[Span("Laying out the reply…", .running)]]
    for (offset, line) in heading.prefix(layout.replyHeight).enumerated() {
      canvas.put(line, x: layout.mainX, y: layout.replyY + offset, maxX: model.width, colors: model.colorMode)
    }
    return
  }
  let raw = replyLines(model, width: width)
  // Side by side, the compare view fits its own columns.
  let lines = model.replyTab == .compare ? raw : wrapped(raw, width: width)
  let top = min(model.replyScroll, max(0, lines.count - layout.replyHeight))
  for (offset, line) in lines.dropFirst(top).prefix(layout.replyHeight).enumerated() {
    canvas.put(line, x: layout.mainX, y: layout.replyY + offset, maxX: model.width, colors: model.colorMode)
  }
  if lines.count > top + layout.replyHeight, layout.replyHeight > 0 {
    canvas.put(
      "↓", x: model.width - 1, y: layout.replyY + layout.replyHeight - 1, style: model.colorMode.style(.accent))
  }
}
