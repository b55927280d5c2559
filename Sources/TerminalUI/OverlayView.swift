import Walkthrough

/// The picker or completion list, drawn over the form below (or above) the focused row.
func drawOverlays(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  let step = model.currentStep
  var items: [StyledLine] = []
  var selection: Int?
  var title: String
  switch model.mode {
  case .picking(let picker):
    guard let field = model.engine.form(step)?.field(picker.path) else { return }
    title = "filter: " + picker.filter + "▏"
    if case .loading = model.dynamicChoices[FieldKey(step: step, path: field.path)] {
      items = [[Span(FieldText.spinner[model.spinnerFrame % FieldText.spinner.count] + " loading…", .running)]]
    } else {
      let choices = filteredChoices(model.choices(for: field, step: step), filter: picker.filter)
      items = choices.map { choice in
        choice.label == choice.value.displayText
          ? [Span(choice.label)] : [Span(choice.label), Span("  " + choice.value.displayText, .dim)]
      }
      if items.isEmpty { items = [[Span("(no match)", .dim)]] }
      selection = choices.isEmpty ? nil : picker.selection
    }
  case .editing where !model.completions.isEmpty:
    title = "\(model.completions.count) matches · Tab completes"
    items = model.completions.map { [Span($0)] }
  default:
    return
  }
  let lines = formLines(model)
  let top = formScroll(model, lines: lines, height: layout.formHeight)
  let focusedLine = lines.firstIndex(of: .field(model.fieldCursor)) ?? 0
  let rowY = layout.formY + focusedLine - top
  let columns = FormColumns(width: layout.mainWidth)
  let x = layout.mainX + 2 + columns.label
  let width = min(model.width - x, max(24, columns.value + 2))
  let maxVisible = min(8, items.count)
  let below = layout.keysY - (rowY + 1)
  let above = rowY - layout.bodyY
  let boxHeight = maxVisible + 2
  let y = below >= boxHeight || below >= above ? rowY + 1 : max(layout.bodyY, rowY - boxHeight)
  let visible = min(maxVisible, max(1, (below >= above ? below : above) - 2))
  let first = max(0, min((selection ?? 0) - visible + 1, items.count - visible))
  drawBox(&canvas, x: x, y: y, width: width, height: visible + 2, title: title, colors: colors)
  for (offset, item) in items.dropFirst(first).prefix(visible).enumerated() {
    let row = y + 1 + offset
    canvas.put([Span(" ")] + item, x: x + 1, y: row, maxX: x + width - 1, colors: colors)
    if first + offset == selection {
      canvas.restyle(x: x + 1, y: row, width: width - 2, style: colors.style(.selected))
    }
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

/// Every binding, in two columns when the screen is wide enough.
func drawHelp(_ canvas: inout Canvas, _ model: Model) {
  var lines: [StyledLine] = []
  for section in KeyBindings.sections {
    lines.append([Span(section.title, .title)])
    for binding in section.bindings {
      lines.append([Span(" " + binding.keys.padded(toWidth: 12), .accent), Span(binding.action)])
    }
  }
  let columnWidth = 38
  let rows = model.height - 4
  let columnCount = lines.count > rows && model.width >= columnWidth * 2 + 2 ? 2 : 1
  let perColumn = (lines.count + columnCount - 1) / columnCount
  let width = min(model.width - 2, columnWidth * columnCount + 2)
  let height = min(model.height - 2, perColumn + 2)
  let x = (model.width - width) / 2
  let y = (model.height - height) / 2
  drawBox(&canvas, x: x, y: y, width: width, height: height, title: "Keys · any key closes", colors: model.colorMode)
  for (index, line) in lines.enumerated() {
    let column = index / perColumn
    let row = index % perColumn
    guard row < height - 2 else { continue }
    let lineX = x + 1 + column * columnWidth
    canvas.put(line, x: lineX, y: y + 1 + row, maxX: min(x + width - 1, lineX + columnWidth), colors: model.colorMode)
  }
}
