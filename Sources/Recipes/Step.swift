import JSONValue

/// One step: a child heading of the H1 (recipe-format.md §1.1 P5-P11).
public struct Step: Sendable, Hashable {
  /// 0-based position in `Recipe.steps`; `fromStep` and `results[i]` use it.
  public var index: Int
  public var title: String
  /// Line of the step's heading.
  public var line: Int
  /// Markdown before the step's first subsection.
  public var description: String
  /// The request to send; nil for prose-only, code-only and params-only steps.
  public var apiCall: APICall?
  /// Line of the `### API Call` JSON block that defined this step's call/parameters (also for
  /// params-only steps), nil without such a block.
  public var apiBlockLine: Int?
  /// nil = the block has no `parameters` key (use every spec parameter);
  /// [] = explicitly no inputs. They differ (§2.1).
  public var parameters: [Parameter]?
  /// Sample Code blocks in file order, one per id (a repeated id replaces the earlier one in place).
  public var sampleCode: [SampleCode]
  public var demo: Demo?

  public init(
    index: Int, title: String, line: Int, description: String = "", apiCall: APICall? = nil,
    apiBlockLine: Int? = nil, parameters: [Parameter]? = nil, sampleCode: [SampleCode] = [], demo: Demo? = nil
  ) {
    self.index = index
    self.title = title
    self.line = line
    self.description = description
    self.apiCall = apiCall
    self.apiBlockLine = apiBlockLine
    self.parameters = parameters
    self.sampleCode = sampleCode
    self.demo = demo
  }

  /// What the step does, from its blocks (recipe-format.md §1.3).
  public var kind: StepKind {
    if apiCall != nil { return .apiCall }
    if apiBlockLine != nil { return .parametersOnly }
    if !sampleCode.isEmpty || demo != nil { return .codeOnly }
    return .proseOnly
  }

  /// The top-level parameter called `name` (the last one if repeated).
  public func parameter(named name: String) -> Parameter? {
    parameters?.last { $0.name == name }
  }

  /// The sample code with this (lower-case) id.
  public func sampleCode(id: String) -> SampleCode? {
    sampleCode.first { $0.id == id.lowercased() }
  }
}

/// The step kinds of recipe-format.md §1.3.
public enum StepKind: Sendable, Hashable {
  /// Sends a request (`method` + `path`).
  case apiCall
  /// An API Call block without method/path: inputs used only as template variables.
  case parametersOnly
  /// Sample Code and/or Demo, no API Call block.
  case codeOnly
  /// Only prose.
  case proseOnly
}

/// The `method`/`path` of an API Call block (§2.1).
public struct APICall: Sendable, Hashable {
  /// As written, normally `post`.
  public var method: String
  /// `/service/<serviceId>/action/<action>`.
  public var path: String
  /// Names dropped from the default parameter list (only matters when `parameters` is absent).
  public var ignoreParameters: [String]
  public var disableSetupCode: Bool
  /// Line of the `method` key (or the block start).
  public var line: Int

  public init(
    method: String, path: String, ignoreParameters: [String] = [], disableSetupCode: Bool = false, line: Int
  ) {
    self.method = method
    self.path = path
    self.ignoreParameters = ignoreParameters
    self.disableSetupCode = disableSetupCode
    self.line = line
  }
}

/// A `### Sample Code (<id>)` block (§1.1 P10, §5).
public struct SampleCode: Sendable, Hashable {
  /// The word in the parentheses, lower-cased (falls back to the fence language).
  public var id: String
  /// The fence language (`javascript`, `php`...), "" when the fence has none.
  public var language: String
  /// The template text, trimmed.
  public var code: String
  /// The text is `auto`: generate the code instead.
  public var isAuto: Bool
  /// Line of the opening fence.
  public var line: Int

  public init(id: String, language: String, code: String, line: Int) {
    self.id = id
    self.language = language
    self.code = code
    self.isAuto = code == "auto"
    self.line = line
  }
}

/// A `### Demo` block: an HTML (EJS) page shown once the step completes (§5).
public struct Demo: Sendable, Hashable {
  public var html: String
  /// Line of the opening fence.
  public var line: Int

  public init(html: String, line: Int) {
    self.html = html
    self.line = line
  }
}
