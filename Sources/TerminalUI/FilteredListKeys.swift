/// The keys every filtered list overlay shares (the enum picker, the Code tab's language
/// picker): arrows and pages move the highlight, typing and Backspace edit the filter and go
/// back to the first match. False for any other key, which the picker decides itself.
func moveInFilteredList(_ key: Key, selection: inout Int, filter: inout String, count: Int) -> Bool {
  let last = max(0, count - 1)
  switch key {
  case .up: selection = max(0, selection - 1)
  case .down: selection = min(last, selection + 1)
  case .pageUp: selection = max(0, selection - 5)
  case .pageDown: selection = min(last, selection + 5)
  case .backspace:
    if !filter.isEmpty { filter.removeLast() }
    selection = 0
  case .character(let character):
    filter.append(character)
    selection = 0
  default: return false
  }
  return true
}
