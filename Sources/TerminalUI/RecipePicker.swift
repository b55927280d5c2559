/// One recipe offered by the picker.
public struct RecipeEntry: Sendable, Hashable {
  public var path: String
  public var title: String
  public var summary: String
  /// The recipe's errors (file:line: message), when it cannot be opened; the picker marks it
  /// with the first and shows them all when it is chosen.
  public var problems: [String]
  public init(path: String, title: String, summary: String, problems: [String] = []) {
    self.path = path
    self.title = title
    self.summary = summary
    self.problems = problems
  }

  public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
}

/// The screen shown when no recipe is given: the recipes of `./recipes`, with type-to-filter.
public struct RecipePickerModel: Sendable {
  public var entries: [RecipeEntry]
  public var filter = ""
  public var selection = 0
  public var width: Int
  public var height: Int
  public var colorMode: ColorMode
  /// The diagnostics of a recipe that could not be opened, shown over the list until a key.
  public var shownProblems: (title: String, lines: [String])?

  public init(entries: [RecipeEntry], colorMode: ColorMode = .full, width: Int = 80, height: Int = 24) {
    self.entries = entries
    self.colorMode = colorMode
    self.width = width
    self.height = height
  }

  /// Entries whose title, summary or path contains the filter.
  public var visibleEntries: [RecipeEntry] {
    guard !filter.isEmpty else { return entries }
    let needle = filter.lowercased()
    return entries.filter {
      $0.title.lowercased().contains(needle) || $0.summary.lowercased().contains(needle)
        || $0.path.lowercased().contains(needle)
    }
  }
}

/// What the picker asks the runtime to do.
public enum RecipePickerCommand: Sendable, Hashable {
  /// Load this recipe and start a `Model` on it.
  case open(path: String)
  case quit
}

public func update(_ model: inout RecipePickerModel, _ message: Message) -> [RecipePickerCommand] {
  let count = model.visibleEntries.count
  if model.shownProblems != nil, case .key = message {
    model.shownProblems = nil
    return []
  }
  switch message {
  case .resize(let width, let height):
    model.width = max(0, width)
    model.height = max(0, height)
  case .key(.up), .key(.control("p")): model.selection = max(0, model.selection - 1)
  case .key(.down), .key(.control("n")): model.selection = min(max(0, count - 1), model.selection + 1)
  case .key(.pageUp): model.selection = max(0, model.selection - 10)
  case .key(.pageDown): model.selection = min(max(0, count - 1), model.selection + 10)
  case .key(.enter):
    let visible = model.visibleEntries
    guard visible.indices.contains(model.selection) else { break }
    let entry = visible[model.selection]
    if !entry.problems.isEmpty {
      model.shownProblems = ("\(entry.fileName) cannot be opened", entry.problems)
      return []
    }
    return [.open(path: entry.path)]
  // Typing filters already; `/` is where a list filter starts elsewhere, so it is not text.
  case .key(.character("/")): break
  case .key(.escape):
    if model.filter.isEmpty { return [.quit] }
    model.filter = ""
    model.selection = 0
  case .key(.control("c")), .terminationRequested: return [.quit]
  case .key(.backspace):
    if !model.filter.isEmpty { model.filter.removeLast() }
    model.selection = 0
  case .key(.character(let character)):
    model.filter.append(character)
    model.selection = 0
  case .mouse(.click(_, let y)):
    let index = pickerFirstRow(model) + (y - 3) / 2
    if y >= 3, model.visibleEntries.indices.contains(index) {
      if index == model.selection { return [.open(path: model.visibleEntries[index].path)] }
      model.selection = index
    }
  default: break
  }
  return []
}

/// Entries take two rows (title, summary); the list scrolls to keep the selection in view.
private func pickerFirstRow(_ model: RecipePickerModel) -> Int {
  let perScreen = max(1, (model.height - 5) / 2)
  return max(0, model.selection - perScreen + 1)
}

public func view(_ model: RecipePickerModel) -> Canvas {
  var canvas = Canvas(width: model.width, height: model.height)
  let colors = model.colorMode
  guard model.width >= 40, model.height >= 8 else {
    canvas.put("Terminal too small", x: 0, y: 0, style: colors.style(.error))
    return canvas
  }
  canvas.put(" Choose a recipe", x: 0, y: 0, style: colors.style(.title))
  let filterText = model.filter.isEmpty ? "type (or /) to filter" : "filter: \(model.filter)▏"
  canvas.put(filterText, x: 1, y: 1, style: colors.style(model.filter.isEmpty ? .dim : .plain))
  let visibleCount = model.visibleEntries.count
  let perPage = max(1, (model.height - 5) / 2)
  if visibleCount > perPage {
    let first = pickerFirstRow(model)
    let position = "\(first + 1)-\(min(visibleCount, first + perPage)) of \(visibleCount) · ↑↓ scroll"
    canvas.put(position, x: model.width - displayWidth(of: position) - 1, y: 1, style: colors.style(.accent))
  }
  canvas.put(String(repeating: "─", count: model.width), x: 0, y: 2, style: colors.style(.dim))
  let visible = model.visibleEntries
  if visible.isEmpty {
    canvas.put(
      model.entries.isEmpty ? "No recipes in ./recipes" : "No recipe matches", x: 2, y: 3, style: colors.style(.dim))
  }
  let first = pickerFirstRow(model)
  let perScreen = max(1, (model.height - 5) / 2)
  let titles = Dictionary(grouping: model.entries, by: \.title)
  for (offset, entry) in visible.dropFirst(first).prefix(perScreen).enumerated() {
    let y = 3 + offset * 2
    let selected = first + offset == model.selection
    canvas.put(selected ? "▸ " : "  ", x: 0, y: y, style: colors.style(.accent))
    // Two recipes with one title are told apart by their files.
    let title = (titles[entry.title]?.count ?? 0) > 1 ? "\(entry.title)  (\(entry.fileName))" : entry.title
    let x = canvas.put(title, x: 2, y: y, style: colors.style(.strong), maxX: model.width - 1)
    if let problem = entry.problems.first {
      canvas.put("  ✗ cannot open", x: x, y: y, style: colors.style(.error), maxX: model.width - 1)
      canvas.put(problem, x: 4, y: y + 1, style: colors.style(.error), maxX: model.width - 1)
    } else {
      canvas.put(entry.summary, x: 4, y: y + 1, style: colors.style(.dim), maxX: model.width - 1)
    }
    if selected { canvas.restyle(x: 2, y: y, width: model.width - 3, style: colors.style(.selected)) }
  }
  if let problems = model.shownProblems {
    let lines = problems.lines.prefix(max(1, model.height - 8))
    let width = min(model.width - 2, max(40, (lines.map { displayWidth(of: $0) }.max() ?? 0) + 4))
    let x = (model.width - width) / 2
    drawBox(&canvas, x: x, y: 3, width: width, height: lines.count + 4, title: problems.title, colors: colors)
    for (offset, line) in lines.enumerated() {
      canvas.put(line, x: x + 2, y: 4 + offset, style: colors.style(.error), maxX: x + width - 2)
    }
    canvas.put("any key returns to the list", x: x + 2, y: 5 + lines.count, style: colors.style(.dim))
  }
  canvas.fill(x: 0, y: model.height - 1, width: model.width, height: 1, style: colors.style(.focusBar))
  canvas.put(
    " ↑↓ choose · Enter open · type to filter · Esc quit", x: 0, y: model.height - 1,
    style: colors.style(.focusBar))
  return canvas
}
