import Walkthrough

/// Why a step is not ready to send: the first of its fields left empty because the step its
/// link reads from has not run or gave nothing there ("step 1 has not run"); nil when none is.
/// A value the user typed over a link counts as given.
func unresolvedLink(_ model: Model, step: Int) -> String? {
  for field in model.engine.values(step).fields where field.value == nil {
    switch field.link {
    case .pending(let from): return "step \(from + 1) has not run"
    case .missing(let from, let path): return "step \(from + 1) has nothing at `\(path)`"
    case .resolved, nil: continue
    }
  }
  return nil
}

/// y sends the step as it stands; any other key leaves it unsent.
func handleSendConfirmation(_ model: inout Model, _ key: Key, step: Int) -> [Command] {
  model.confirmingSend = nil
  if key == .character("y") || key == .character("Y") { return send(&model, step: step, confirmed: true) }
  model.replayQueue = []
  model.footerMessage = "Step \(step + 1) not sent"
  return []
}
