import Samples

/// The Code tab's language picker: the filter typed so far and the highlighted row of the
/// filtered languages.
public struct LanguagePicker: Sendable, Hashable {
  public var filter: String
  public var selection: Int
  public init(filter: String = "", selection: Int = 0) {
    self.filter = filter
    self.selection = selection
  }
}

/// The Code tab's keys: `c` the next language, Enter (or `L`) the picker of every language,
/// `y` copies the sample (OSC 52 and the clipboard file, as the viewers' copy). nil for keys
/// that are not the tab's.
func handleCodeTabKey(_ model: inout Model, _ key: Key) -> [Command]? {
  guard model.replyTab == .code else { return nil }
  let languages = codeLanguages(model)
  switch key {
  case .character("c"):
    model.codeSampleIndex += 1
    model.replyScroll = 0
  case .enter, .character("L"):
    guard languages.count > 1 else { return [] }
    model.mode = .pickingLanguage(LanguagePicker(selection: currentLanguageIndex(model, languages)))
  case .character("y"):
    guard let (id, sample) = shownSample(model) else {
      model.footerMessage = "No sample code for this step"
      return []
    }
    guard let code = sample.code else {
      model.footerMessage = "Nothing to copy: \(sample.error ?? "no code")"
      return []
    }
    return [.copyToClipboard(CopyRequest(text: code + "\n", what: "the \(id) sample of step \(model.currentStep + 1)"))]
  default: return nil
  }
  return []
}

/// Language picker: typing filters, arrows move, Enter shows that language, Esc closes.
func handleLanguagePickerKey(_ model: inout Model, _ key: Key, picker: LanguagePicker) -> [Command] {
  var picker = picker
  let languages = codeLanguages(model)
  let filtered = filteredLanguages(languages, filter: picker.filter)
  switch key {
  case .escape:
    model.mode = .navigate
    return []
  case .enter:
    if filtered.indices.contains(picker.selection), let index = languages.firstIndex(of: filtered[picker.selection]) {
      model.codeSampleIndex = index
      model.replyScroll = 0
    }
    model.mode = .navigate
    return []
  default:
    guard moveInFilteredList(key, selection: &picker.selection, filter: &picker.filter, count: filtered.count)
    else { return [] }
  }
  model.mode = .pickingLanguage(picker)
  return []
}

/// A click on a language shows it; a click outside closes the picker; the wheel moves the highlight.
func handleLanguagePickerMouse(_ model: inout Model, _ event: MouseEvent, _ picker: LanguagePicker, _ layout: Layout)
  -> [Command]
{
  guard let list = ListOverlay(model, layout) else { return [] }
  switch event {
  case .click(let x, let y):
    guard list.contains(x: x, y: y) else {
      model.mode = .navigate
      return []
    }
    guard let index = list.choice(atX: x, y: y) else { return [] }
    var picked = picker
    picked.selection = index
    return handleLanguagePickerKey(&model, .enter, picker: picked)
  case .scrollUp(let x, let y), .scrollDown(let x, let y):
    guard list.contains(x: x, y: y) else { return [] }
    return handleLanguagePickerKey(&model, isScrollDown(event) ? .down : .up, picker: picker)
  }
}

/// The ids the current step offers, in the tab's order (no sample is rendered for this).
func codeLanguages(_ model: Model) -> [String] {
  StepSamples.languageIDs(engine: model.engine, step: model.currentStep)
}

func currentLanguageIndex(_ model: Model, _ languages: [String]) -> Int {
  languages.isEmpty ? 0 : model.codeSampleIndex % languages.count
}

/// Ids containing the filter, case-insensitively.
func filteredLanguages(_ languages: [String], filter: String) -> [String] {
  guard !filter.isEmpty else { return languages }
  return languages.filter { $0.lowercased().contains(filter.lowercased()) }
}

/// The sample the tab shows, rendered (one language only); nil when the step has none.
func shownSample(_ model: Model) -> (id: String, sample: StepSample)? {
  let languages = codeLanguages(model)
  guard !languages.isEmpty else { return nil }
  let id = languages[currentLanguageIndex(model, languages)]
  guard let sample = StepSamples.sample(id: id, engine: model.engine, step: model.currentStep) else { return nil }
  return (id, sample)
}
