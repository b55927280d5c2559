import Foundation
import JSONValue

/// How far a session's exchange log is trusted: the log with this `id`, up to `bytes`. The
/// state file names both, and is written after the log, so bytes past `bytes` (a save killed
/// between the two writes) are not part of the session.
public struct SessionLogPosition: Sendable, Hashable {
  public var id: String
  public var bytes: Int
  public init(id: String, bytes: Int) {
    self.id = id
    self.bytes = bytes
  }
}

/// Reading a session back: the state file plus its exchange log, assembled into the one
/// document `SessionFile.decode` reads (format 1 files already are that document).
enum SessionLog {
  static func logPath(of path: String) -> String { path + ".log" }

  /// The first line of a log: which log it is, so a state file never trusts another's bytes.
  static func headerLine(id: String) -> [UInt8] {
    let header: JSONValue = ["sessionLog": .string(id), "formatVersion": .int(SessionFile.formatVersion)]
    return Array((header.compactText + "\n").utf8)
  }

  static func recordLine(step: Int, exchange: Exchange, includeSecrets: Bool) -> [UInt8] {
    var record = JSONObject()
    record["step"] = .int(step + 1)
    for member in SessionFile.encodeExchange(exchange, includeSecrets: includeSecrets).objectValue ?? JSONObject() {
      record[member.key] = member.value
    }
    return Array((JSONValue.object(record).compactText + "\n").utf8)
  }

  struct Read {
    var document: JSONValue
    /// nil for format 1, or when the log is not the one the state file names (then the next
    /// save writes the log afresh).
    var position: SessionLogPosition?
    var note: String?
  }

  static func document(path: String) throws(SessionFileError) -> Read {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SessionFileError(path: path, message: "cannot read the file")
    }
    let json: JSONValue
    do { json = try JSONValue(parsing: [UInt8](data)) } catch {
      throw SessionFileError(path: path, message: "invalid JSON at \(error)")
    }
    guard let log = json["exchangeLog"], let id = log["id"]?.stringValue, let trusted = log["bytes"]?.intValue,
      var root = json.objectValue, case .array(let steps)? = root["steps"]
    else { return Read(document: json, position: nil, note: nil) }
    let logPath = logPath(of: path)
    let expected = steps.reduce(0) { $0 + ($1["exchangeCount"]?.intValue ?? 0) }
    guard let logData = FileManager.default.contents(atPath: logPath) else {
      let note = expected == 0 ? nil : "\(logPath) is missing: the session's \(expected) exchanges are not loaded"
      return Read(document: json, position: nil, note: note)
    }
    let bytes = [UInt8](logData)
    let lines = completeLines(bytes)
    guard let first = lines.first, let header = try? JSONValue(parsing: Array(bytes[first])) else {
      throw SessionFileError(path: logPath, message: "line 1: expected the log header {\"sessionLog\": ID}")
    }
    let sameLog = header["sessionLog"]?.stringValue == id
    var exchanges = Array(repeating: [JSONValue](), count: steps.count)
    var end = first.upperBound + 1
    var loaded = 0
    for (offset, range) in lines.enumerated().dropFirst() {
      // A save killed after appending but before the state file: those records are not the session's.
      if sameLog && range.upperBound >= trusted { break }
      let record: JSONValue
      do { record = try JSONValue(parsing: Array(bytes[range])) } catch {
        throw SessionFileError(path: logPath, message: "line \(offset + 1): invalid JSON at \(error)")
      }
      guard let step = record["step"]?.intValue, exchanges.indices.contains(step - 1) else {
        throw SessionFileError(
          path: logPath, message: "line \(offset + 1): `step` must name one of the session's \(steps.count) steps")
      }
      exchanges[step - 1].append(record)
      end = range.upperBound + 1
      loaded += 1
    }
    root["steps"] = .array(
      steps.enumerated().map { index, step in
        guard var object = step.objectValue else { return step }
        object["exchanges"] = .array(exchanges[index])
        return .object(object)
      })
    let note = loaded < expected ? "\(logPath) holds \(loaded) of the session's \(expected) exchanges" : nil
    return Read(
      document: .object(root), position: sameLog ? SessionLogPosition(id: id, bytes: end) : nil, note: note)
  }

  /// Byte ranges of the lines that end with a newline (a torn last line is left out).
  static func completeLines(_ bytes: [UInt8]) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      lines.append(start..<index)
      start = index + 1
    }
    return lines
  }
}
