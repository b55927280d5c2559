import JSONValue

/// What happened in one step: the user's edits and every exchange.
public struct StepState: Sendable, Hashable {
  /// Values the user entered, by field path. A field absent here follows its link/defaults.
  public var edits: [String: JSONValue]
  /// Every request sent for this step, oldest first.
  public var exchanges: [Exchange]
  /// The effective values when the step last ran (what `answer` links read).
  public var sentAnswers: [String: JSONValue]?
  /// The chunked uploader's last checkpoint for this step (upload token id, file fingerprint,
  /// acknowledged ranges), saved while the upload runs so a later run can resume it.
  public var uploadCheckpoint: JSONValue? = nil

  public init(edits: [String: JSONValue] = [:], exchanges: [Exchange] = [], sentAnswers: [String: JSONValue]? = nil) {
    self.edits = edits
    self.exchanges = exchanges
    self.sentAnswers = sentAnswers
  }

  /// The reply of the last successful exchange (what `value` links read).
  public var lastSuccessfulReply: JSONValue? { exchanges.last { $0.ok }?.reply }
  public var lastExchange: Exchange? { exchanges.last }
  /// The step ran and its last exchange succeeded.
  public var isCompleted: Bool { exchanges.last?.ok ?? false }
  public var hasRun: Bool { !exchanges.isEmpty }
}

/// The state of a walk through one recipe: per step, answers and exchanges.
public struct WalkthroughSession: Sendable, Hashable {
  public var steps: [StepState]

  public init(stepCount: Int) {
    steps = Array(repeating: StepState(), count: stepCount)
  }

  public init(steps: [StepState]) {
    self.steps = steps
  }

  public subscript(step: Int) -> StepState {
    get { steps.indices.contains(step) ? steps[step] : StepState() }
    set {
      guard step >= 0 else { return }
      while steps.count <= step { steps.append(StepState()) }
      steps[step] = newValue
    }
  }
}

/// Where the console talks to and as whom. Secrets live here, never in the session.
public struct ServiceCredentials: Sendable, Hashable {
  /// As given (`https://www.kaltura.com`, `http://127.0.0.1:8080/api_v3`...).
  public var serviceURL: String
  public var partnerID: Int?
  public var ks: String?
  public var adminSecret: String?
  public var userID: String?

  public init(
    serviceURL: String, partnerID: Int? = nil, ks: String? = nil, adminSecret: String? = nil, userID: String? = nil
  ) {
    self.serviceURL = serviceURL
    self.partnerID = partnerID
    self.ks = ks
    self.adminSecret = adminSecret
    self.userID = userID
  }

  /// The API root requests are built on: the service URL with `/api_v3` appended unless it is
  /// already there (the Python client is configured with the bare host the same way).
  public var apiBaseURL: String {
    var base = serviceURL
    while base.hasSuffix("/") { base.removeLast() }
    return base.hasSuffix("/api_v3") ? base : base + "/api_v3"
  }

  /// Values `fromSecrets` fields take, by the field's own key name (§2.4).
  public var secretValues: [String: JSONValue] {
    var values: [String: JSONValue] = [:]
    if let partnerID { values["partnerId"] = .int(partnerID) }
    if let userID { values["userId"] = .string(userID) }
    if let adminSecret { values["secret"] = .string(adminSecret) }
    if let ks { values["ks"] = .string(ks) }
    return values
  }

  /// Strings that must never appear in output.
  public var secretStrings: [String] { [adminSecret, ks].compactMap { $0 } }
}
