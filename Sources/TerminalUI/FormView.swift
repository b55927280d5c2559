import Walkthrough

/// Column widths of a form row at a width: label, value, hint.
struct FormColumns: Sendable, Hashable {
  var label: Int
  var value: Int
  var hint: Int

  /// `labels`: the widths the rows' labels need (with their indent and required mark); the
  /// label column takes that, up to a third of the width, so labels are not cut needlessly.
  init(width: Int, labels: [Int] = []) {
    let needed = (labels.max() ?? 12) + 1
    label = min(max(10, needed), max(12, width / 3), 30)
    // The value gets 3/5 of what the label leaves (at least 20 columns), the hint (type, link
    // state) the rest, 8 to 30 columns: on a small screen the value matters more than its type.
    let afterLabel = width - 2 - label - 2
    hint = min(30, max(8, afterLabel - max(20, afterLabel * 3 / 5)))
    value = max(4, width - 2 - label - 1 - 1 - hint)
  }
}

func drawForm(_ canvas: inout Canvas, _ model: Model, _ layout: Layout) {
  let colors = model.colorMode
  let rows = model.currentRows
  let lines = formLines(model)
  let top = formScroll(model, lines: lines, height: layout.formHeight)
  let columns = layout.formColumns
  let x = layout.mainX
  for (offset, line) in lines.dropFirst(top).prefix(layout.formHeight).enumerated() {
    let y = layout.formY + offset
    switch line {
    case .field(let index):
      drawFieldRow(
        &canvas, model, rows[index], focused: model.focus == .form && index == model.fieldCursor, x: x, y: y,
        columns: columns)
    case .detail(let index):
      guard let (text, role) = detailText(model, rows[index]) else { continue }
      let indent = x + 2 + rows[index].depth * 2
      canvas.put(text.replacingNewlines(), x: indent, y: y, style: colors.style(role), maxX: model.width)
    case .send:
      let focused = model.isSendFocused
      let sends = model.engine.form(model.currentStep)?.sendsRequest ?? false
      let label = sends ? "[ Send ▶ ]" : "(this step sends no request)"
      canvas.put(focused ? "▸ " : "  ", x: x, y: y, style: colors.style(.accent))
      canvas.put(label, x: x + 2, y: y, style: colors.style(focused ? .selected : sends ? .strong : .dim))
      if sends {
        canvas.put(
          "  Enter or r sends · R replays from here", x: x + 2 + displayWidth(of: label), y: y,
          style: colors.style(.dim), maxX: model.width)
      }
    }
  }
}

private func drawFieldRow(
  _ canvas: inout Canvas, _ model: Model, _ field: FormField, focused: Bool, x: Int, y: Int, columns: FormColumns
) {
  let colors = model.colorMode
  let step = model.currentStep
  canvas.put(focused ? "▸ " : "  ", x: x, y: y, style: colors.style(.accent))
  let indent = field.depth * 2
  let label = field.label + (field.isRequired ? "*" : "")
  let labelRole: Role = field.kind == .object ? .strong : focused ? .strong : .plain
  canvas.put(label.truncated(toWidth: columns.label - indent), x: x + 2 + indent, y: y, style: colors.style(labelRole))
  let valueX = x + 2 + columns.label + 1
  let valueEnd = valueX + columns.value
  if case .editing(let path, let editor) = model.mode, path == field.path {
    drawEditor(
      &canvas, editor, masked: model.isMasked(field, step: step), x: valueX, y: y, width: columns.value, colors: colors)
  } else {
    canvas.put(
      fit(FieldText.value(model, field, step: step, width: columns.value), width: columns.value), x: valueX, y: y,
      maxX: valueEnd,
      colors: colors)
    if focused, field.kind != .object {
      canvas.restyle(x: valueX, y: y, width: columns.value, style: colors.style(.selected))
    }
  }
  let hint = FieldText.hint(model, field, step: step)
  let hintX = valueEnd + 1
  canvas.put(fit(hint, width: columns.hint), x: hintX, y: y, maxX: hintX + columns.hint, colors: colors)
}

/// An inline editor: the text scrolled so the cursor shows, the terminal cursor placed on it.
func drawEditor(
  _ canvas: inout Canvas, _ editor: LineEditor, masked: Bool, x: Int, y: Int, width: Int, colors: ColorMode
) {
  let characters = masked ? Array(repeating: Character("•"), count: editor.characters.count) : editor.characters
  var start = 0
  var cursorColumn = characters[..<editor.cursor].reduce(0) { $0 + displayWidth(of: $1) }
  while cursorColumn >= width, start < editor.cursor {
    cursorColumn -= displayWidth(of: characters[start])
    start += 1
  }
  canvas.fill(x: x, y: y, width: width, height: 1, style: colors.style(.selected))
  canvas.put(String(characters[start...]), x: x, y: y, style: colors.style(.selected), maxX: x + width)
  canvas.cursor = CursorPosition(x: x + cursorColumn, y: y)
}
