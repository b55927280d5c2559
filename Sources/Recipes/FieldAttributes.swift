import JSONValue

/// The keys a parameter overlay and a body schema node share (§2.3, §2.4). Keys the recipe did
/// not set are nil/false; the spec fills them later (Walkthrough).
public struct FieldAttributes: Sendable, Hashable {
  public var type: String?
  /// `enum`: fixed choices, with their literal JSON types (`[false, true]` stays boolean).
  public var enumValues: [JSONValue]?
  /// Labels parallel to `enumValues`.
  public var enumLabels: [String]?
  /// `default`: lowest-precedence initial value.
  public var defaultValue: JSONValue?
  /// Initial value beating `default`; for body params a JSON string (§2.3); dynamicValue writes
  /// here at run time.
  public var consoleDefault: JSONValue?
  /// Not shown but still initialised and sent.
  public var hidden = false
  /// Prefill from the session secret with the same key name.
  public var fromSecrets = false
  public var dynamicValue: DynamicValue?
  public var dynamicEnum: DynamicEnum?
  /// `inputType`: `textarea`, `text`, `password`, `datetime`...
  public var inputType: String?
  /// Legacy "not an API parameter" marker; not read by LucyBot.
  public var custom = false
  public var global = false
  public var description: String?
  public var required: Bool?

  public init() {}
}
