import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One timed line of a caption file, times in milliseconds.
struct CaptionCue: Sendable, Equatable {
  var start: Int
  var end: Int
  var text: String
}

/// Caption files as Kaltura stores them (`KalturaCaptionType`: 1 SRT, 2 DFXP, 3 WEBVTT), read
/// into cues and written as WebVTT, the form `captionAsset.serveWebVTT` answers.
enum CaptionText {
  enum Format: Int, Sendable {
    case srt = 1
    case dfxp = 2
    case webvtt = 3
  }

  struct Unreadable: Error, Equatable {
    var reason: String
  }

  /// The format the content itself shows, whatever the asset's `format` claims: the recipe's
  /// form defaults `format` to SRT, and a DFXP file uploaded with it must still convert.
  static func detect(_ text: String) -> Format {
    let head = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    if head.hasPrefix("WEBVTT") { return .webvtt }
    return head.hasPrefix("<") ? .dfxp : .srt
  }

  static func cues(_ text: String, format: Format) throws -> [CaptionCue] {
    switch format {
    case .srt, .webvtt: return try timedBlocks(text)
    case .dfxp: return try DFXPReader.cues(text)
    }
  }

  static func webVTT(_ text: String, format: Format) throws -> String {
    if format == .webvtt { return text }
    return webVTT(try cues(text, format: format))
  }

  static func webVTT(_ cues: [CaptionCue]) -> String {
    var out = "WEBVTT\n"
    for cue in cues { out += "\n\(stamp(cue.start)) --> \(stamp(cue.end))\n\(cue.text)\n" }
    return out
  }

  /// SRT and WebVTT: blank-line separated blocks, each with a `start --> end` line (an SRT
  /// index line or a WebVTT cue id before it is dropped).
  private static func timedBlocks(_ text: String) throws -> [CaptionCue] {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    var cues: [CaptionCue] = []
    var index = 0
    while index < lines.count {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      guard line.contains("-->") else {
        index += 1
        continue
      }
      let parts = line.components(separatedBy: "-->")
      let endWord = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
      guard let start = milliseconds(parts[0].trimmingCharacters(in: .whitespaces)), let end = milliseconds(endWord)
      else { throw Unreadable(reason: "line \(index + 1): \"\(line)\" is not a `start --> end` time line") }
      var body: [String] = []
      index += 1
      while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
        body.append(String(lines[index]))
        index += 1
      }
      cues.append(CaptionCue(start: start, end: end, text: body.joined(separator: "\n")))
    }
    return cues
  }

  /// `hh:mm:ss,mmm`, `hh:mm:ss.mmm`, `mm:ss.mmm` or DFXP's `12.5s` / `500ms`.
  static func milliseconds(_ stamp: String) -> Int? {
    if stamp.hasSuffix("ms"), let value = Double(stamp.dropLast(2)) { return Int(value.rounded()) }
    if stamp.hasSuffix("s"), let value = Double(stamp.dropLast()) { return Int((value * 1000).rounded()) }
    let fields = stamp.replacingOccurrences(of: ",", with: ".").split(separator: ":")
    guard (2...3).contains(fields.count), let seconds = Double(fields.last!) else { return nil }
    var total = seconds
    for (power, field) in fields.dropLast().reversed().enumerated() {
      guard let value = Int(field) else { return nil }
      total += Double(value) * (power == 0 ? 60 : 3600)
    }
    return Int((total * 1000).rounded())
  }

  static func stamp(_ ms: Int) -> String {
    String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
  }
}

/// DFXP (TTML): every `<p begin=… end=…>` is a cue; `<br/>` breaks its lines.
private final class DFXPReader: NSObject, XMLParserDelegate {
  private var cues: [CaptionCue] = []
  private var open: (start: Int, end: Int)?
  private var text = ""
  private var failure: String?

  static func cues(_ text: String) throws -> [CaptionCue] {
    let reader = DFXPReader()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = reader
    guard parser.parse(), reader.failure == nil else {
      throw CaptionText.Unreadable(
        reason: reader.failure ?? "not well-formed XML (\(parser.parserError?.localizedDescription ?? "parse error"))")
    }
    return reader.cues
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let local = name.split(separator: ":").last.map(String.init) ?? name
    if local == "p" {
      guard let begin = attributes["begin"].flatMap(CaptionText.milliseconds) else {
        failure = "a <p> without a readable begin time"
        return
      }
      let end =
        attributes["end"].flatMap(CaptionText.milliseconds)
        ?? attributes["dur"].flatMap(CaptionText.milliseconds).map { begin + $0 } ?? begin
      open = (begin, end)
      text = ""
    } else if local == "br", open != nil {
      text += "\n"
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if open != nil { text += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    let local = name.split(separator: ":").last.map(String.init) ?? name
    guard local == "p", let times = open else { return }
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    cues.append(CaptionCue(start: times.start, end: times.end, text: lines.joined(separator: "\n")))
    open = nil
  }
}
