import JSONViewer

/// Keys for the viewer of the reply area when it has the focus; nil when the key is not the
/// viewer's (the shared bindings and tab switching then take it).
func handleViewerKey(_ model: inout Model, _ key: Key) -> [Command]? {
  guard let slot = model.currentViewerSlot, var viewer = model.viewer(for: slot) else { return nil }
  if key == .escape {
    // Esc stops a request first, then a search being run, then clears the search.
    if model.running != nil { return nil }
    if model.pendingSearch != nil {
      model.pendingSearch = nil
      model.footerMessage = "Search cancelled"
      return [.cancelSearch]
    }
  }
  viewer.height = model.viewerHeight(Layout(model: model))
  let effect = applyViewerKey(&viewer, key)
  model.viewers[slot] = viewer
  switch effect {
  case .notHandled: return nil
  case .handled: return []
  case .prompt(let prompt):
    model.mode = .viewerPrompt(prompt, LineEditor(""))
    return []
  case .copy(let request): return [.copyToClipboard(request)]
  case .pager: return [.showInPager(text: pagerText(viewer.index))]
  }
}

/// The whole document as the pager shows it.
func pagerText(_ index: RowIndex) -> String {
  index.isText ? index.textLines.joined(separator: "\n") : index.root.prettyText() + "\n"
}

/// Typing the search or the filter: Enter applies it to the shown viewer, Esc drops it.
func handleViewerPromptKey(_ model: inout Model, _ key: Key, prompt: ViewerPrompt, editor: LineEditor) -> [Command] {
  var editor = editor
  switch key {
  case .escape:
    model.mode = .navigate
    return []
  case .enter:
    model.mode = .navigate
    guard let slot = model.currentViewerSlot, var viewer = model.viewer(for: slot) else { return [] }
    let text = editor.text
    guard !text.isEmpty else { return [] }
    defer { model.viewers[slot] = viewer }
    switch startViewerPrompt(&viewer, prompt, text, slot: slot, generation: model.searchGeneration + 1) {
    case .done(let message):
      model.footerMessage = message
      return []
    case .background(let job):
      model.searchGeneration = job.generation
      model.pendingSearch = job
      model.footerMessage = "Searching /\(text)… · Esc cancels"
      return [.search(job)]
    }
  default:
    if editLine(&editor, key) { model.mode = .viewerPrompt(prompt, editor) }
    return []
  }
}

enum PromptOutcome {
  case done(message: String?)
  case background(SearchJob)
}

/// Applies a typed search or filter to a viewer; a search of a big document is handed back
/// to run off the loop.
func startViewerPrompt(
  _ viewer: inout JSONViewer, _ prompt: ViewerPrompt, _ text: String, slot: ViewerSlot?, generation: Int
) -> PromptOutcome {
  do throws(SearchError) {
    switch prompt {
    case .search:
      if viewer.index.count > SearchJob.backgroundRows {
        return .background(SearchJob(slot: slot, pattern: text, generation: generation, index: viewer.index))
      }
      try viewer.search(text)
      return .done(message: viewer.search.map { "/\(text): " + $0.countText })
    case .filter:
      viewer.setFilter(try PathExpression(text))
      return .done(message: nil)
    }
  } catch {
    return .done(message: "! " + error.message)
  }
}

/// A finished background search lands in its viewer if it is still the one wanted.
func applySearchResult(_ model: inout Model, _ job: SearchJob, matches: [Int32]?, error: String?) {
  guard model.pendingSearch == job else { return }
  model.pendingSearch = nil
  guard let slot = job.slot, var viewer = model.viewers[slot] else { return }
  if let matches {
    viewer.setSearch(pattern: job.pattern, matches: matches)
    model.footerMessage = viewer.search.map { "/\(job.pattern): " + $0.countText }
  } else {
    model.footerMessage = "! " + (error ?? "search failed")
  }
  model.viewers[slot] = viewer
}

/// The line-editing keys of a one-line prompt; false when the key is not one of them.
func editLine(_ editor: inout LineEditor, _ key: Key) -> Bool {
  switch key {
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
  default: return false
  }
  return true
}
