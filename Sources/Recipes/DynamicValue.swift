import JSONValue

/// `dynamicValue` (§3): take a value from an earlier step. JSON `null` means none and is parsed
/// as a nil `dynamicValue`.
public struct DynamicValue: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    /// A dot path into step `fromStep`'s reply (`objects.0.id`).
    case value(String)
    /// An input of step `fromStep`: `body.a.b` into its body answer, else a flat answer name.
    case answer(String)
  }

  /// 0-based step index (§1.4).
  public var fromStep: Int
  public var source: Source
  /// File line of the `dynamicValue` key.
  public var line: Int

  public init(fromStep: Int, source: Source, line: Int) {
    self.fromStep = fromStep
    self.source = source
    self.line = line
  }

  public var path: String {
    switch source {
    case .value(let p), .answer(let p): return p
    }
  }
}

/// `dynamicEnum` (§4): choices fetched from another operation.
public struct DynamicEnum: Sendable, Hashable {
  /// One `{name, value}` answer for the listing call; `value` is usually a JSON string body.
  public struct Argument: Sendable, Hashable {
    public var name: String
    public var value: JSONValue

    public init(name: String, value: JSONValue) {
      self.name = name
      self.value = value
    }
  }

  public var path: String
  public var method: String
  /// Path of the list in the reply (`objects`).
  public var array: String
  /// Path of the stored value inside each item (`id`).
  public var value: String
  /// Path of the shown label inside each item (`name`).
  public var label: String
  /// nil when absent (no body: server defaults).
  public var parameters: [Argument]?
  public var line: Int

  public init(
    path: String, method: String = "post", array: String = "objects", value: String = "id",
    label: String = "name", parameters: [Argument]? = nil, line: Int
  ) {
    self.path = path
    self.method = method
    self.array = array
    self.value = value
    self.label = label
    self.parameters = parameters
    self.line = line
  }
}
