import Walkthrough

/// Secret fields (a password input, or a key such as `secret` or `ks`) read `••••` on screen,
/// while typed and after. ^R shows the focused one in clear until the next key, so a value can
/// be checked without leaving it on the screen.
enum SecretReveal {
  static let key = Key.control("r")
  static let mask = "••••••••"

  /// Handles the reveal key while a field is edited or the form is browsed (false elsewhere:
  /// the key is not the reveal there). Every key has already hidden what was shown.
  static func toggle(_ model: inout Model, wasRevealed: FieldKey?) -> Bool {
    let path: String?
    switch model.mode {
    case .editing(let editing, _): path = editing
    case .navigate: path = model.focus == .form ? model.focusedField?.path : nil
    case .picking, .pickingLanguage, .savingAs, .viewerPrompt: return false
    }
    guard let path, model.engine.form(model.currentStep)?.field(path)?.isSecret == true else {
      model.footerMessage = "^R shows a secret field's value: focus one first"
      return true
    }
    let key = FieldKey(step: model.currentStep, path: path)
    model.revealedSecret = wasRevealed == key ? nil : key
    return true
  }
}

extension Model {
  /// True when the field's value is drawn as dots (a secret not revealed with ^R).
  public func isMasked(_ field: FormField, step: Int) -> Bool {
    field.isSecret && revealedSecret != FieldKey(step: step, path: field.path)
  }

  /// True when the focused field (or the one being edited) is a secret: the footer offers ^R.
  var isSecretFocused: Bool {
    if case .editing(let path, _) = mode { return engine.form(currentStep)?.field(path)?.isSecret == true }
    return focus == .form && focusedField?.isSecret == true
  }
}
