import Walkthrough

/// The picker or completion list, drawn over the form below (or above) the focused row.
func drawOverlays(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  guard let list = ListOverlay(model, layout) else { return }
  let colors = model.colorMode
  drawBox(&canvas, x: list.x, y: list.y, width: list.width, height: list.visible + 2, title: list.title, colors: colors)
  for (offset, item) in list.items.dropFirst(list.first).prefix(list.visible).enumerated() {
    let row = list.y + 1 + offset
    canvas.put([Span(" ")] + item, x: list.x + 1, y: row, maxX: list.x + list.width - 1, colors: colors)
    if list.first + offset == list.selection {
      canvas.restyle(x: list.x + 1, y: row, width: list.width - 2, style: colors.style(.selected))
    }
  }
}

/// Where the picker or completion list sits and what it shows: drawing and mouse clicks both
/// read it, so a click lands on the item drawn under it.
struct ListOverlay {
  var title: String
  var items: [StyledLine]
  /// The highlighted item; nil when the items are no choices ("loading…", "(no match)").
  var selection: Int?
  /// How many items are choices (or completions) a click can take.
  var choiceCount: Int
  var x: Int
  var y: Int
  var width: Int
  /// Items shown at once, from `first`.
  var visible: Int
  var first: Int

  init?(_ model: Model, _ layout: Layout) {
    let step = model.currentStep
    switch model.mode {
    case .pickingLanguage(let picker):
      let languages = filteredLanguages(codeLanguages(model), filter: picker.filter)
      title = "language: " + picker.filter + "▏"
      items = languages.isEmpty ? [[Span("(no match)", .dim)]] : languages.map { [Span($0)] }
      choiceCount = languages.count
      selection = languages.isEmpty ? nil : picker.selection
    case .picking(let picker):
      guard let field = model.engine.form(step)?.field(picker.path) else { return nil }
      title = "filter: " + picker.filter + "▏"
      if case .loading = model.dynamicChoices[FieldKey(step: step, path: field.path)] {
        items = [[Span(FieldText.spinner[model.spinnerFrame % FieldText.spinner.count] + " loading…", .running)]]
        choiceCount = 0
      } else {
        let choices = filteredChoices(model.choices(for: field, step: step), filter: picker.filter)
        // The id is what gets sent: a label too long for the screen gives up its end, the id never.
        let room = model.width - layout.mainX - 3
        items = choices.map { choice in
          let id = choice.value.displayText
          guard choice.label != id else { return [Span(choice.label.truncated(toWidth: room))] }
          let label = choice.label.truncated(toWidth: max(1, room - 2 - displayWidth(of: id)))
          return [Span(label), Span("  " + id, .dim)]
        }
        choiceCount = choices.count
        if items.isEmpty { items = [[Span("(no match)", .dim)]] }
        selection = choices.isEmpty ? nil : picker.selection
      }
    case .editing where !model.completions.isEmpty:
      let selected = min(max(0, model.completionSelection), model.completions.count - 1)
      title = "\(selected + 1) of \(model.completions.count) · ↑↓ Enter picks · Esc closes"
      items = model.completions.map { [Span($0)] }
      choiceCount = items.count
      selection = selected
    default:
      return nil
    }
    let widest = items.map { line in line.reduce(0) { $0 + displayWidth(of: $1.text) } }.max() ?? 0
    if case .pickingLanguage = model.mode {
      // Over the Code tab it chooses for, at the top left of the reply area.
      width = min(model.width - layout.mainX, max(24, widest + 3, displayWidth(of: title) + 6))
      x = min(layout.mainX + 2, model.width - width)
      y = layout.replyY
      visible = max(1, min(items.count, 14, layout.keysY - layout.replyY - 2))
      first = max(0, min((selection ?? 0) - visible + 1, items.count - visible))
      return
    }
    let lines = formLines(model)
    let top = formScroll(model, lines: lines, height: layout.formHeight)
    let focusedLine = lines.firstIndex(of: .field(model.fieldCursor)) ?? 0
    let rowY = layout.formY + focusedLine - top
    let columns = layout.formColumns
    // As wide as the widest item (a border and a space each side), moved left when the
    // value column leaves too little room.
    width = min(model.width - layout.mainX, max(24, columns.value + 2, widest + 3, displayWidth(of: title) + 6))
    x = min(layout.mainX + 2 + columns.label, model.width - width)
    let maxVisible = min(8, items.count)
    let below = layout.keysY - (rowY + 1)
    let above = rowY - layout.bodyY
    let boxHeight = maxVisible + 2
    y = below >= boxHeight || below >= above ? rowY + 1 : max(layout.bodyY, rowY - boxHeight)
    visible = min(maxVisible, max(1, (below >= above ? below : above) - 2))
    first = max(0, min((selection ?? 0) - visible + 1, items.count - visible))
  }

  func contains(x: Int, y: Int) -> Bool {
    x >= self.x && x < self.x + width && y >= self.y && y < self.y + visible + 2
  }

  /// The choice drawn at a cell (inside the border); nil elsewhere.
  func choice(atX x: Int, y: Int) -> Int? {
    guard x > self.x, x < self.x + width - 1, y > self.y, y <= self.y + visible else { return nil }
    let index = first + y - self.y - 1
    return index < choiceCount ? index : nil
  }
}

/// A bordered, cleared rectangle with a title in its top edge.
func drawBox(_ canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int, title: String, colors: ColorMode) {
  guard width >= 2, height >= 2 else { return }
  canvas.fill(x: x, y: y, width: width, height: height)
  let border = colors.style(.accent)
  canvas.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y, style: border)
  for row in 1..<(height - 1) {
    canvas.put("│", x: x, y: y + row, style: border)
    canvas.put("│", x: x + width - 1, y: y + row, style: border)
  }
  canvas.put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1, style: border)
  canvas.put(" \(title) ", x: x + 2, y: y, style: colors.style(.strong), maxX: x + width - 2)
}
