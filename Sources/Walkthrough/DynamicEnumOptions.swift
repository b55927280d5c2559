import JSONValue
import KalturaWire
import Recipes

/// Choices of a `dynamicEnum` (§4): a listing call through the same request builder, and the
/// items of its reply mapped to value/label.
public enum DynamicEnumOptions {
  static func request(for dynamicEnum: DynamicEnum, engine: WalkthroughEngine, step: Int) -> PreparedRequest? {
    let operation = engine.document?.operation(method: dynamicEnum.method, path: dynamicEnum.path)
    var form = StepForm(
      stepIndex: step, title: "options", method: dynamicEnum.method.lowercased(), path: dynamicEnum.path,
      operationID: operation?.operationID, requiresSession: operation?.requiresSession ?? true,
      hasOperation: operation != nil)
    var values: [FieldValue] = []
    let currentValues = engine.values(step)
    for argument in dynamicEnum.parameters ?? [] {
      var value = argument.value
      // `{answer: "x"}`: the value of input `x` of the same form (pre-2018 documents).
      if let answer = argument.value["answer"]?.stringValue { value = currentValues[answer]?.value ?? .null }
      if argument.name == "body", case .string(let text) = value, let parsed = try? JSONValue(parsing: text) {
        value = parsed
      }
      if argument.name == "body", case .object(let object) = value {
        for member in object {
          let path = "body.\(member.key)"
          form.fields.append(FormField(path: path, kind: .json, location: .body, depth: 1))
          values.append(FieldValue(path: path, value: member.value, source: .user))
        }
      } else {
        form.fields.append(FormField(path: argument.name, kind: .text, location: .query))
        values.append(FieldValue(path: argument.name, value: value, source: .user))
      }
    }
    return try? RequestBuilder.build(
      form: form, values: StepValues(stepIndex: step, fields: values), credentials: engine.credentials,
      ksInBody: engine.ksInBody)
  }

  /// The choices in a listing reply: items at `array`, each mapped through `value`/`label`.
  public static func choices(in reply: JSONValue, for dynamicEnum: DynamicEnum) -> [EnumChoice] {
    let items = reply.value(atPath: dynamicEnum.array)?.arrayValue ?? []
    return items.compactMap { item in
      guard let value = item.value(atPath: dynamicEnum.value), !value.isNull else { return nil }
      let label = item.value(atPath: dynamicEnum.label)?.displayText ?? value.displayText
      return EnumChoice(value: value, label: label)
    }
  }
}
