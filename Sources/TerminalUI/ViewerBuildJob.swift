import JSONValue
import JSONViewer
import Walkthrough

/// Laying out a big document for its viewer (redacting it and indexing its rows), run by the
/// runtime off its loop: a 50 MB reply takes seconds to redact, and the console stays live.
/// Equal jobs are for the same slot; the body travels with it and is not compared.
public struct ViewerBuildJob: Sendable, Hashable {
  public let slot: ViewerSlot
  let body: JSONValue
  let isJSON: Bool

  /// Documents with more nodes than this are laid out off the loop.
  static let backgroundNodes = 20_000

  public static func == (lhs: ViewerBuildJob, rhs: ViewerBuildJob) -> Bool { lhs.slot == rhs.slot }
  public func hash(into hasher: inout Hasher) { hasher.combine(slot) }

  public func run() -> Message { .viewerBuilt(BuiltViewer(slot: slot, viewer: Self.viewer(body, isJSON: isJSON))) }

  static func viewer(_ body: JSONValue, isJSON: Bool) -> JSONViewer {
    isJSON ? JSONViewer(Redaction.redact(body)) : JSONViewer(RowIndex(text: body.displayText))
  }

  /// True when the value has more than `limit` nodes; stops counting there.
  static func isLarge(_ value: JSONValue, limit: Int = backgroundNodes) -> Bool {
    var budget = limit
    var pending: [JSONValue] = [value]
    while let next = pending.popLast() {
      budget -= 1
      if budget < 0 { return true }
      switch next {
      case .array(let items): pending += items.prefix(budget + 1)
      case .object(let object): pending += object.members.prefix(budget + 1).map(\.value)
      default: break
      }
    }
    return false
  }
}

/// A viewer laid out off the loop, for its slot.
public struct BuiltViewer: Sendable, Hashable {
  public let slot: ViewerSlot
  let viewer: JSONViewer

  public static func == (lhs: BuiltViewer, rhs: BuiltViewer) -> Bool { lhs.slot == rhs.slot }
  public func hash(into hasher: inout Hasher) { hasher.combine(slot) }
}
