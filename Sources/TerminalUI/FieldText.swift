import JSONValue
import Walkthrough

/// How a field's value and hints read on its row.
enum FieldText {
  static let spinner: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

  /// The value part of a row (not while editing).
  /// `width`: the columns the value gets, for values that choose what to give up (a file keeps
  /// its size and name and shortens its directory).
  static func value(_ model: Model, _ field: FormField, step: Int, width: Int = .max) -> StyledLine {
    let key = FieldKey(step: step, path: field.path)
    if model.isManagedByUploader(field, step: step) { return [Span("managed by the uploader", .dim)] }
    let current = model.shownValues(step)[field.path]
    let value = current?.value
    if field.kind != .object, field.isSecret {
      guard let value, !value.displayText.isEmpty else { return [Span("(empty)", .dim)] }
      // The mask has a fixed length: the length of a secret is a secret too.
      return model.isMasked(field, step: step) ? [Span(SecretReveal.mask)] : [Span(value.displayText, .warning)]
    }
    switch field.kind {
    case .object:
      return []
    case .boolean:
      let on = value?.boolValue ?? false
      return [Span(on ? "[x] " : "[ ] ", .accent), Span(value == nil ? "(not set)" : on ? "true" : "false")]
    case .password:
      // Every password field is secret: shown above.
      return [Span(value?.displayText ?? "")]
    case .enumeration:
      let choice = field.choices.first { $0.value == value }
      return [
        Span(choice?.displayText ?? value?.displayText ?? "(choose)", value == nil ? .dim : .plain),
        Span(" ▾", .accent),
      ]
    case .dynamicEnum:
      switch model.dynamicChoices[key] {
      case .loading:
        return [Span(spinner[model.spinnerFrame % spinner.count] + " loading choices…", .running)]
      case .failed(let error):
        // A value already chosen stays readable when its listing cannot be had.
        guard let value else { return [Span("! " + error, .error)] }
        return [Span(value.displayText), Span(" ▾", .accent), Span("  ! " + error, .error)]
      case .loaded(let choices):
        let label = choices.first { $0.value == value }?.displayText
        return [Span(label ?? value?.displayText ?? "(choose)", value == nil ? .dim : .plain), Span(" ▾", .accent)]
      case nil:
        return [Span(value?.displayText ?? "(Enter loads choices)", value == nil ? .dim : .plain), Span(" ▾", .accent)]
      }
    case .file:
      guard let path = value?.displayText, !path.isEmpty else { return [Span("(no file · Enter types a path)", .dim)] }
      let size = model.fileSizes[key].map { "  " + byteText($0) } ?? ""
      let room = width == .max ? .max : max(8, width - displayWidth(of: size))
      return [Span(path.truncatedFromStart(toWidth: room))] + (size.isEmpty ? [] : [Span(size, .dim)])
    case .json, .textarea:
      guard let value else { return [Span("(empty · Enter opens $EDITOR)", .dim)] }
      let text = field.kind == .json ? value.compactText : value.displayText
      return [Span(text.replacingNewlines()), Span(" ✎", .accent)]
    case .datetime:
      guard let value else { return [Span("(empty · epoch seconds)", .dim)] }
      let date = value.intValue.map { "  " + UTCDate.text(epochSeconds: $0) } ?? ""
      return [Span(value.displayText, role(of: current)), Span(date, .dim)]
    case .text, .number, .integer:
      guard let value else { return [Span("(empty)", .dim)] }
      return [Span(value.displayText.replacingNewlines(), role(of: current))]
    }
  }

  private static func role(of value: FieldValue?) -> Role {
    value?.source == .link ? .accent : .plain
  }

  /// The hint at the right: the link with its state, else the type.
  static func hint(_ model: Model, _ field: FormField, step: Int) -> StyledLine {
    let current = model.shownValues(step)[field.path]
    if let link = field.dynamicValue {
      let arrow = "← step \(link.fromStep + 1) · \(link.path)"
      switch current?.link {
      case .resolved:
        return current?.linkDiffers == true ? [Span(arrow + " stale", .warning)] : [Span(arrow + " ✓", .ok)]
      case .pending, .missing, nil:
        return [Span(arrow + " waiting", .dim)]
      }
    }
    if field.kind == .object { return [] }
    var text = field.type ?? field.kind.rawValue
    if field.kind == .enumeration || field.kind == .dynamicEnum { text = "enum" }
    if field.kind == .file { text = "file" }
    if field.kind == .password { text = "password" }
    return [Span(text, .dim)]
  }

  /// "1.5 MB" style sizes (powers of 1024, one decimal).
  static func byteText(_ bytes: Int64) -> String {
    // Binary multiples, named as such (3,000,000 bytes is 2.9 MiB), as `run` prints them.
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(bytes) B" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
  }
}

extension String {
  func replacingNewlines() -> String {
    String(map { $0 == "\n" || $0 == "\r\n" ? "⏎" : $0 })
  }
}
