/// The footer: the keys that work now (by focus and mode), then the message line.
func drawFooter(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  canvas.fill(x: 0, y: layout.keysY, width: model.width, height: 1, style: colors.style(.focusBar))
  canvas.put(" " + footerKeys(model), x: 0, y: layout.keysY, style: colors.style(.focusBar), maxX: model.width)
  if case .viewerPrompt(let prompt, let editor) = model.mode {
    canvas.put(prompt.symbol, x: 0, y: layout.messageY, style: colors.style(.strong))
    drawEditor(&canvas, editor, masked: false, x: 1, y: layout.messageY, width: model.width - 2, colors: colors)
    return
  }
  if case .savingAs(let editor) = model.mode {
    let prompt = "Save session as: "
    canvas.put(prompt, x: 0, y: layout.messageY, style: colors.style(.strong))
    let x = displayWidth(of: prompt)
    drawEditor(&canvas, editor, masked: false, x: x, y: layout.messageY, width: model.width - x - 1, colors: colors)
    return
  }
  if let message = model.footerMessage {
    let role: Role = message.contains("failed") || message.hasPrefix("!") ? .error : .plain
    canvas.put(message.replacingNewlines(), x: 1, y: layout.messageY, style: colors.style(role), maxX: model.width)
  }
}

func footerKeys(_ model: Model) -> String {
  if model.showHelp {
    return HelpOverlay(model).isScrollable ? "↑↓ PgUp PgDn Home End scroll · other keys close" : "any key closes"
  }
  switch model.mode {
  case .editing(let path, _):
    let file = model.engine.form(model.currentStep)?.field(path)?.kind == .file
    return "Enter keep · Esc drop · Home/End · Alt-←/→ words" + (file ? " · Tab completes" : "")
      + (model.isSecretFocused ? " · ^R reveal" : "")
  case .picking: return "type to filter · ↑↓ move · Enter pick · Esc close"
  case .pickingLanguage: return "type to filter · ↑↓ move · Enter show · Esc close"
  case .savingAs: return "Enter save · Esc cancel"
  case .viewerPrompt(let prompt, _):
    return prompt == .search
      ? "regex or text · Enter search · Esc cancel" : "objects.*.id · **.status · Enter filter · Esc cancel"
  case .navigate: break
  }
  // Help and quit come first so they survive the narrowest screens.
  let prefix = "? help · q quit · " + (model.running != nil ? "Esc cancel · " : "")
  switch model.focus {
  case .steps: return prefix + "↑↓ step · Enter form · r send · Tab next area"
  case .form:
    return prefix + "↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step"
      + (model.isSecretFocused ? " · ^R reveal" : "")
  case .reply:
    guard model.currentViewerSlot != nil else {
      guard model.replyTab == .code else { return prefix + "←→ tab · ↑↓ scroll · d compare · Tab next area" }
      let choose = codeLanguages(model).count > 1 ? "c next · Enter languages · " : ""
      return prefix + "←→ tab · ↑↓ scroll · " + choose + "y copy · Tab next area"
    }
    return prefix + "←→ tab · Space fold · 1-9 level · / search · : filter · y Y c copy · o pager · g G"
  }
}
