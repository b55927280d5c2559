import JSONValue

/// A parsed recipe document (recipe-format.md §1). Parsing never fails: every problem is a
/// `Diagnostic`, and whatever could be understood is still here.
public struct Recipe: Sendable, Hashable {
  /// The path (or name) the recipe was read from; diagnostics carry the same string.
  public var file: String
  /// The `<!--METADATA ... -->` object, nil when absent or unparsable.
  public var metadata: JSONObject?
  /// `metadata.summary` (gallery text), nil when absent.
  public var summary: String?
  /// Text of the single H1 heading, trimmed; "" when the recipe has none.
  public var title: String
  /// Line of the H1 heading (0 when absent).
  public var titleLine: Int
  /// Markdown between the H1 and its first child heading (the intro page).
  public var description: String
  /// Every child heading of the H1 except a trailing `Finish`, in order; `Step.index` matches.
  public var steps: [Step]
  /// Markdown of a trailing `Finish` section (with its subsections), nil when there is none.
  public var finishText: String?
  /// Everything found wrong, in file order.
  public var diagnostics: [Diagnostic]

  public init(
    file: String, metadata: JSONObject? = nil, summary: String? = nil, title: String = "", titleLine: Int = 0,
    description: String = "", steps: [Step] = [], finishText: String? = nil, diagnostics: [Diagnostic] = []
  ) {
    self.file = file
    self.metadata = metadata
    self.summary = summary
    self.title = title
    self.titleLine = titleLine
    self.description = description
    self.steps = steps
    self.finishText = finishText
    self.diagnostics = diagnostics
  }
}

extension Recipe {
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  /// Steps that send a request (method and path present).
  public var apiCallCount: Int { steps.count { $0.apiCall != nil } }

  /// Font Awesome icon name from METADATA.
  public var icon: String? { metadata?["icon"]?.stringValue }
  public var sortOrder: Int? { metadata?["sortOrder"]?.intValue }
  public var tags: [String] { metadata?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
  public var keywords: [String] { metadata?["keywords"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
  public var relatedRecipes: [String] {
    metadata?["relatedRecipes"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }
  public var isHidden: Bool { metadata?["hidden"]?.boolValue ?? false }
}
