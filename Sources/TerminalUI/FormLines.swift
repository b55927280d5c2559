import Walkthrough

/// The rows of the form area, top to bottom: the same list draws the form and maps clicks.
enum FormLine: Sendable, Hashable {
  /// A field row (index into `Model.currentRows`).
  case field(Int)
  /// The focused field's description, link message or input error.
  case detail(Int)
  case send
}

func formLines(_ model: Model) -> [FormLine] {
  let rows = model.currentRows
  var lines: [FormLine] = []
  for index in rows.indices {
    lines.append(.field(index))
    if model.focus == .form, index == model.fieldCursor, detailText(model, rows[index]) != nil {
      lines.append(.detail(index))
    }
  }
  lines.append(.send)
  return lines
}

func formLineCount(_ model: Model, width: Int) -> Int { formLines(model).count }

/// The first form line shown, so the focused field stays in view.
func formScroll(_ model: Model, lines: [FormLine], height: Int) -> Int {
  let focusedLine =
    lines.firstIndex { line in
      if case .field(let index) = line { return index == model.fieldCursor }
      return false
    } ?? (lines.count - 1)
  let hasDetail = lines.indices.contains(focusedLine + 1) && lines[focusedLine + 1] == .detail(model.fieldCursor)
  let bottom = focusedLine + (hasDetail ? 1 : 0)
  return max(0, min(bottom - height + 1, lines.count - height))
}

/// What the detail line under the focused field says, with its role.
func detailText(_ model: Model, _ field: FormField) -> (String, Role)? {
  let key = FieldKey(step: model.currentStep, path: field.path)
  if let error = model.fieldErrors[key] { return ("! " + error, .error) }
  if case .failed(let error) = model.dynamicChoices[key] { return ("! choices: " + error, .error) }
  if let value = model.shownValues(model.currentStep)[field.path], value.source != .user,
    let message = value.link?.message
  {
    return (message, .warning)
  }
  if model.isManagedByUploader(field, step: model.currentStep) {
    return ("set by the chunked uploader: the file is larger than one chunk", .dim)
  }
  if let description = field.description, !description.isEmpty { return (oneLine(description), .dim) }
  return nil
}

/// Spec descriptions carry Markdown and blank lines; the detail row shows them as one line.
func oneLine(_ text: String) -> String {
  text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == " " }).joined(separator: " ")
    .filter { $0 != "`" }
}
