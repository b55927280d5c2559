import APISchema
import Walkthrough

/// The OpenAPI document the console loads after its first frame, or why there is none.
public struct LoadedSpec: Sendable, Hashable {
  public var document: APIDocument?
  /// Why there is no document (or what was odd about it), for the footer.
  public var note: String?

  public init(document: APIDocument?, note: String? = nil) {
    self.document = document
    self.note = note
  }

  public static func == (lhs: LoadedSpec, rhs: LoadedSpec) -> Bool {
    lhs.note == rhs.note && lhs.document?.raw == rhs.document?.raw
  }

  // The title and version stand for the document: hashing 2 MB of JSON per message would be waste.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(note)
    hasher.combine(document?.title)
    hasher.combine(document?.version)
  }
}

/// The spec arrived: the forms become typed over the same session (every answer typed so far
/// stays), the cursor stays on the field it was on, and the fields that now read something at
/// the start (a file's size, a dynamic enum's labels) ask for it.
func applySpec(_ model: inout Model, _ spec: LoadedSpec) -> [Command] {
  let focusedPath = model.focusedField?.path
  let wasOnSend = model.isSendFocused
  model.engine = model.engine.withDocument(spec.document)
  model.isLoadingSpec = false
  let rows = model.currentRows
  if wasOnSend {
    model.fieldCursor = rows.count
  } else if let focusedPath, let index = rows.firstIndex(where: { $0.path == focusedPath }) {
    model.fieldCursor = index
  } else {
    model.fieldCursor = min(model.fieldCursor, rows.count)
  }
  model.caches = ScreenCaches()
  if let note = spec.note { model.footerMessage = note }
  return fieldStartupCommands(model).filter { command in
    switch command {
    case .statFile(let step, let field, _): return model.fileSizes[FieldKey(step: step, path: field)] == nil
    case .loadDynamicEnum(let step, let field, _): return model.dynamicChoices[FieldKey(step: step, path: field)] == nil
    default: return true
    }
  }
}
