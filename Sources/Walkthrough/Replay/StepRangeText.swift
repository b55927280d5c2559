/// `--steps A-B` or `--steps A`, numbered from 1 as on screen.
public enum StepRangeText {
  public static func parse(_ text: String) throws(SessionReplayError) -> ClosedRange<Int> {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = parts.last.flatMap({ Int($0) }),
      first >= 1, first <= last
    else {
      throw SessionReplayError(path: "--steps", message: "expected A-B or A (numbers from 1, A <= B), got \"\(text)\"")
    }
    return first...last
  }
}
