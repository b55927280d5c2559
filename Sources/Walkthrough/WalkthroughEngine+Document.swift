import APISchema
import JSONValue

extension WalkthroughEngine {
  /// The same walk over another OpenAPI document (the spec arrived after the console opened):
  /// the forms are resolved again and the session is kept whole. Text typed into a field the
  /// recipe alone left untyped is read again as its field now asks (`"5"` → `5` for an
  /// integer, a path with `~` for a file); text the typed field refuses stays as typed, so no
  /// edit is lost.
  public func withDocument(_ document: APIDocument?) -> WalkthroughEngine {
    var engine = WalkthroughEngine(recipe: recipe, document: document, credentials: credentials, session: session)
    engine.homeDirectory = homeDirectory
    for step in 0..<engine.stepCount {
      guard let form = engine.form(step) else { continue }
      for (path, edit) in engine.session[step].edits {
        guard case .string(let text) = edit, let field = form.field(path) else { continue }
        // A path typed before the field was known to be a file is read as one now (`~` expanded).
        let typed = field.kind == .file ? .string(engine.storedFilePath(text)) : try? field.parseInput(text)
        if let typed, typed != edit { engine.session[step].edits[path] = typed }
      }
    }
    return engine
  }
}
