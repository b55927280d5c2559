import APISchema
import JSONValue
import JSONViewer
import Walkthrough

/// What the viewer says beside Kaltura values: an enum's label from the spec (`"status": 2
/// READY`), a timestamp as a date, and an API error as a card.
enum KalturaSense {
  /// Unix seconds between 2000 and 2100 in a member named like a time (`createdAt`,
  /// `lastPlayedDate`) read as a date; smaller numbers are durations or counts.
  static func dateNote(key: String?, value: JSONValue) -> String? {
    guard let key, key.hasSuffix("At") || key.hasSuffix("Date"), case .int(let seconds) = value,
      seconds >= 946_684_800, seconds < 4_102_444_800
    else { return nil }
    return UTCDate.text(epochSeconds: seconds)
  }

  /// The label of an enum member of the object's `objectType` (or a type it extends).
  static func enumLabel(document: APIDocument, key: String, value: JSONValue, container: JSONValue?) -> String? {
    guard let typeName = container?["objectType"]?.stringValue else { return nil }
    var name: String? = typeName
    var seen = 0
    while let current = name, seen < 16, let definition = document.definition(current) {
      if let property = definition["properties"]?[key] {
        guard let values = property["enum"]?.arrayValue, let labels = property["x-enumLabels"]?.arrayValue,
          let position = values.firstIndex(where: { $0.displayText == value.displayText }),
          labels.indices.contains(position)
        else { return nil }
        return labels[position].displayText
      }
      name = definition["allOf"]?[0]?["$ref"]?.stringValue?.split(separator: "/").last.map(String.init)
      seen += 1
    }
    return nil
  }

  static func annotator(_ document: APIDocument?) -> Annotator {
    { key, value, container in
      if let date = dateNote(key: key, value: value) { return date }
      guard let document, let key, key != "objectType" else { return nil }
      switch value {
      case .int, .string: return enumLabel(document: document, key: key, value: value, container: container)
      default: return nil
      }
    }
  }

  /// A `KalturaAPIException` reply as a card: its code, message and arguments.
  static func errorCard(_ exchange: Exchange) -> [StyledLine]? {
    guard let reply = exchange.reply else { return nil }
    return errorCard(reply: reply, fallbackMessage: exchange.error)
  }

  /// The card of a reply document, nil unless it is a `KalturaAPIException`.
  static func errorCard(reply: JSONValue, fallbackMessage: String? = nil) -> [StyledLine]? {
    guard reply["objectType"]?.stringValue == "KalturaAPIException" else { return nil }
    var card: [StyledLine] = [
      [Span("┌ ", .error), Span(reply["code"]?.displayText ?? "API error", .error)],
      [Span("│ ", .error), Span(reply["message"]?.displayText ?? fallbackMessage ?? "", .plain)],
    ]
    for argument in reply["args"]?.arrayValue ?? [] {
      if let name = argument["name"]?.displayText, let value = argument["value"]?.displayText {
        card.append([Span("│ ", .error), Span(name + ": ", .dim), Span(value)])
      }
    }
    card.append([Span("└", .error)])
    return card
  }
}
