import JSONValue
import Walkthrough

func handleFormKey(_ model: inout Model, _ key: Key) -> [Command] {
  let rows = model.currentRows
  switch key {
  case .up, .character("k"): model.fieldCursor = max(0, model.fieldCursor - 1)
  case .down, .character("j"): model.fieldCursor = min(rows.count, model.fieldCursor + 1)
  case .home: model.fieldCursor = 0
  case .end: model.fieldCursor = rows.count
  case .left, .character("h"): cycleChoice(&model, by: -1)
  case .right, .character("l"): cycleChoice(&model, by: 1)
  case .enter, .character(" "): return activate(&model)
  case .character("e"):
    if let field = model.focusedField { return openEditor(&model, field) }
  case .character("x"), .delete, .backspace:
    guard let field = model.focusedField, field.kind != .object else { break }
    model.engine.setValue(nil, step: model.currentStep, path: field.path)
    model.fieldErrors[FieldKey(step: model.currentStep, path: field.path)] = nil
    model.footerMessage = "\(field.label): back to its link or default"
  default: break
  }
  return []
}

/// The field's current value as the text an editor starts from.
func inputText(_ model: Model, _ field: FormField, step: Int) -> String {
  guard let value = model.engine.values(step)[field.path]?.value else { return "" }
  switch field.kind {
  case .json, .object: return value.prettyText()
  default: return value.displayText
  }
}

/// Enter/Space on a row: edit, toggle, pick, open the editor, or send.
private func activate(_ model: inout Model) -> [Command] {
  let step = model.currentStep
  guard let field = model.focusedField else { return send(&model, step: step) }
  if model.isManagedByUploader(field, step: step) {
    model.footerMessage = "\(field.label) is set by the chunked uploader"
    return []
  }
  guard field.isEditable else {
    model.footerMessage = "\(field.label) is not in the API spec: its value is sent as written"
    return []
  }
  switch field.kind {
  case .object:
    return []
  case .boolean:
    let current = model.engine.values(step)[field.path]?.value?.boolValue ?? false
    model.engine.setValue(.bool(!current), step: step, path: field.path)
    model.saveState = model.sessionPath == nil ? .none : .unsaved
    return []
  case .enumeration:
    model.mode = .picking(PickerState(path: field.path, selection: selectedIndex(model, field)))
    return []
  case .dynamicEnum:
    model.mode = .picking(PickerState(path: field.path, selection: selectedIndex(model, field)))
    return loadChoicesIfNeeded(&model, field)
  case .json, .textarea:
    return openEditor(&model, field)
  case .text, .number, .integer, .datetime, .password, .file:
    model.mode = .editing(path: field.path, LineEditor(inputText(model, field, step: step)))
    model.completions = []
    return []
  }
}

private func openEditor(_ model: inout Model, _ field: FormField) -> [Command] {
  guard field.kind != .object else { return [] }
  let step = model.currentStep
  return [.openEditor(step: step, field: field.path, initialText: inputText(model, field, step: step))]
}

/// Asks for a dynamic enum's choices unless they are loaded or loading.
func loadChoicesIfNeeded(_ model: inout Model, _ field: FormField) -> [Command] {
  let step = model.currentStep
  let key = FieldKey(step: step, path: field.path)
  switch model.dynamicChoices[key] {
  case .loading, .loaded: return []
  case .failed, nil: break
  }
  guard let request = model.engine.dynamicEnumRequest(step: step, path: field.path) else {
    model.dynamicChoices[key] = .failed("cannot build the listing request (no session?)")
    model.mode = .navigate
    return []
  }
  model.dynamicChoices[key] = .loading
  return [.loadDynamicEnum(step: step, field: field.path, request)]
}

private func selectedIndex(_ model: Model, _ field: FormField) -> Int {
  let value = model.engine.values(model.currentStep)[field.path]?.value
  return model.choices(for: field, step: model.currentStep).firstIndex { $0.value == value } ?? 0
}

/// Left/Right on a boolean or fixed enum steps through its values without opening the picker.
private func cycleChoice(_ model: inout Model, by delta: Int) {
  guard let field = model.focusedField, !model.isManagedByUploader(field, step: model.currentStep) else { return }
  let step = model.currentStep
  switch field.kind {
  case .boolean:
    let current = model.engine.values(step)[field.path]?.value?.boolValue ?? false
    model.engine.setValue(.bool(!current), step: step, path: field.path)
  case .enumeration where !field.choices.isEmpty:
    let count = field.choices.count
    let index = (selectedIndex(model, field) + delta + count) % count
    model.engine.setValue(field.choices[index].value, step: step, path: field.path)
  default: return
  }
  model.saveState = model.sessionPath == nil ? .none : .unsaved
}
