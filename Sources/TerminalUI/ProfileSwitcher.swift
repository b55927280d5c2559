/// A profile of the config file as the console lists it: its name and where it points.
public struct ProfileEntry: Sendable, Hashable {
  public var name: String
  public var summary: String
  public init(name: String, summary: String) {
    self.name = name
    self.summary = summary
  }
}

/// `P` opens the list of profiles; Enter switches to the highlighted one (the runtime
/// reconnects and keeps the walk), Esc closes.
func handleProfileKey(_ model: inout Model, _ key: Key, selection: Int) -> [Command] {
  let count = model.profiles.count
  switch key {
  case .up, .character("k"): model.profileSelection = (selection + count - 1) % count
  case .down, .character("j"): model.profileSelection = (selection + 1) % count
  case .escape, .character("q"): model.profileSelection = nil
  case .enter:
    model.profileSelection = nil
    let chosen = model.profiles[selection].name
    guard chosen != model.profileName else { return [] }
    // A request in flight belongs to the service it was sent to.
    if let running = model.running {
      model.footerMessage = "Step \(running.step + 1) is running: wait for it or Esc, then switch"
      return []
    }
    model.footerMessage = "Switching to profile \(chosen)…"
    return [.switchProfile(chosen)]
  default: break
  }
  return []
}

func openProfiles(_ model: inout Model) {
  guard !model.profiles.isEmpty else {
    model.footerMessage = "No profiles: add [profiles.NAME] to the config file"
    return
  }
  model.profileSelection = model.profiles.firstIndex { $0.name == model.profileName } ?? 0
}

/// The profile list, centred; the current profile is marked.
func drawProfiles(_ canvas: inout Canvas, _ model: Model) {
  guard let selection = model.profileSelection else { return }
  let colors = model.colorMode
  let rows = model.profiles.map { entry -> StyledLine in
    let mark = entry.name == model.profileName ? "● " : "  "
    return [Span(mark, .ok), Span(entry.name, .strong), Span("  " + entry.summary, .dim)]
  }
  let widest = rows.map { $0.reduce(0) { $0 + displayWidth(of: $1.text) } }.max() ?? 0
  let width = min(model.width - 2, max(36, widest + 4))
  let visible = min(rows.count, model.height - 6)
  let height = visible + 2
  let x = (model.width - width) / 2
  let y = max(1, (model.height - height) / 2)
  drawBox(&canvas, x: x, y: y, width: width, height: height, title: "profiles · Enter switches · Esc", colors: colors)
  let first = max(0, min(selection - visible + 1, rows.count - visible))
  for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
    canvas.put([Span(" ")] + row, x: x + 1, y: y + 1 + offset, maxX: x + width - 1, colors: colors)
    if first + offset == selection {
      canvas.restyle(x: x + 1, y: y + 1 + offset, width: width - 2, style: colors.style(.selected))
    }
  }
}
