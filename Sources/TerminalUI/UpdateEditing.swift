import Walkthrough

/// Inline editing: the line editor gets the keys; Enter stores through the engine, Esc drops.
func handleEditingKey(_ model: inout Model, _ key: Key, path: String, editor: LineEditor) -> [Command] {
  var editor = editor
  let step = model.currentStep
  let kind = model.engine.form(step)?.field(path)?.kind ?? .text
  if !model.completions.isEmpty, let commands = handleCompletionKey(&model, key, path: path, editor: editor) {
    return commands
  }
  switch key {
  case .escape:
    model.mode = .navigate
    model.completions = []
    model.fieldErrors[FieldKey(step: step, path: path)] = nil
    return []
  case .enter, .up, .down:
    model.mode = .navigate
    model.completions = []
    let commands = store(&model, editor.text, step: step, path: path)
    if model.fieldErrors[FieldKey(step: step, path: path)] != nil {
      model.mode = .editing(path: path, editor)
      return []
    }
    if key == .up { model.fieldCursor = max(0, model.fieldCursor - 1) }
    if key == .down { model.fieldCursor = min(model.currentRows.count, model.fieldCursor + 1) }
    return commands
  case .tab where kind == .file:
    return [.completePath(step: step, field: path, prefix: editor.text)]
  case .tab, .backTab:
    return handleEditingKey(&model, key == .tab ? .down : .up, path: path, editor: editor)
  case .character(let character):
    guard accepts(character, kind: kind) else {
      model.footerMessage = "\(kind.rawValue) fields take \(kind == .number ? "a number" : "digits")"
      return []
    }
    editor.insert(character)
  case .backspace: editor.backspace()
  case .delete: editor.deleteForward()
  case .left: editor.moveLeft()
  case .right: editor.moveRight()
  case .home, .control("a"): editor.moveHome()
  case .end, .control("e"): editor.moveEnd()
  case .wordLeft: editor.moveWordLeft()
  case .wordRight: editor.moveWordRight()
  case .control("w"): editor.deleteWordBackward()
  case .control("u"): editor.replaceAll(with: "")
  default: return []
  }
  // What was typed changed: the offered completions no longer follow from it.
  model.completions = []
  model.mode = .editing(path: path, editor)
  if kind == .integer || kind == .number || kind == .datetime {
    model.fieldErrors[FieldKey(step: step, path: path)] = numberProblem(editor.text, kind: kind)
  }
  return []
}

/// The completion list open under a file field works like a shell's menu: ↑↓ move, Enter or
/// Tab take the highlighted path (a directory is completed further), Esc closes the list and
/// keeps editing. nil: the key edits the text (and closes the list).
private func handleCompletionKey(_ model: inout Model, _ key: Key, path: String, editor: LineEditor) -> [Command]? {
  var editor = editor
  let last = model.completions.count - 1
  let selection = min(max(0, model.completionSelection), last)
  switch key {
  case .up: model.completionSelection = max(0, selection - 1)
  case .down: model.completionSelection = min(last, selection + 1)
  case .pageUp: model.completionSelection = max(0, selection - 8)
  case .pageDown: model.completionSelection = min(last, selection + 8)
  case .escape: model.completions = []
  case .enter, .tab:
    let picked = model.completions[selection]
    editor.replaceAll(with: picked)
    model.completions = []
    model.mode = .editing(path: path, editor)
    return picked.hasSuffix("/") ? [.completePath(step: model.currentStep, field: path, prefix: picked)] : []
  default: return nil
  }
  return []
}

/// Number fields refuse characters that can never make a number, as they are typed.
private func accepts(_ character: Character, kind: WidgetKind) -> Bool {
  switch kind {
  case .integer, .datetime: return character.isASCII && (character.isNumber || character == "-")
  case .number: return character.isASCII && (character.isNumber || "-+.eE".contains(character))
  default: return true
  }
}

/// What is wrong with the number typed so far; nil when it parses (or is empty).
func numberProblem(_ text: String, kind: WidgetKind) -> String? {
  if text.isEmpty { return nil }
  switch kind {
  case .integer, .datetime: return Int(text) == nil ? "not an integer yet" : nil
  case .number: return Double(text) == nil ? "not a number yet" : nil
  default: return nil
  }
}

/// Enum picker: typing filters, arrows move, Enter picks, Esc closes.
func handlePickerKey(_ model: inout Model, _ key: Key, picker: PickerState) -> [Command] {
  var picker = picker
  let step = model.currentStep
  guard let field = model.engine.form(step)?.field(picker.path) else {
    model.mode = .navigate
    return []
  }
  let filtered = filteredChoices(model.choices(for: field, step: step), filter: picker.filter)
  switch key {
  case .escape:
    model.mode = .navigate
    return []
  case .enter:
    if filtered.indices.contains(picker.selection) {
      model.engine.setValue(filtered[picker.selection].value, step: step, path: field.path)
      model.saveState = model.sessionPath == nil ? .none : .unsaved
    }
    model.mode = .navigate
    return []
  default:
    guard moveInFilteredList(key, selection: &picker.selection, filter: &picker.filter, count: filtered.count)
    else { return [] }
  }
  model.mode = .picking(picker)
  return []
}

/// Choices whose label or value contains the filter, case-insensitively.
public func filteredChoices(_ choices: [EnumChoice], filter: String) -> [EnumChoice] {
  guard !filter.isEmpty else { return choices }
  let needle = filter.lowercased()
  return choices.filter {
    $0.label.lowercased().contains(needle) || $0.value.displayText.lowercased().contains(needle)
  }
}

func handleSaveAsKey(_ model: inout Model, _ key: Key, editor: LineEditor) -> [Command] {
  var editor = editor
  switch key {
  case .escape:
    model.mode = .navigate
    return []
  case .enter:
    model.mode = .navigate
    let path = editor.text.trimmingSpaces()
    guard !path.isEmpty else { return [] }
    model.saveState = .saving
    model.footerMessage = "Saving \(path)…"
    return [.saveSession(path: path)]
  case .character(let character): editor.insert(character)
  case .backspace: editor.backspace()
  case .delete: editor.deleteForward()
  case .left: editor.moveLeft()
  case .right: editor.moveRight()
  case .home, .control("a"): editor.moveHome()
  case .end, .control("e"): editor.moveEnd()
  case .wordLeft: editor.moveWordLeft()
  case .wordRight: editor.moveWordRight()
  case .control("w"): editor.deleteWordBackward()
  case .control("u"): editor.replaceAll(with: "")
  default: return []
  }
  model.mode = .savingAs(editor)
  return []
}

extension StringProtocol {
  /// Without leading and trailing spaces.
  func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
