import Foundation
import JSONValue

/// How far a session's exchange log is trusted: the log with this `id`, up to `bytes`. The
/// state file names both, and is written after the log, so bytes past `bytes` are not part of
/// the session unless a commit record after them says so (a save killed before its commit).
public struct SessionLogPosition: Sendable, Hashable {
  public var id: String
  public var bytes: Int
  /// How many of those bytes are commit records: each save adds one, and a later one replaces
  /// the step states it holds, so they are what writing the log afresh drops (`SessionStore
  /// .Compaction`). Not saved: a read counts them again.
  public var commitBytes: Int
  public init(id: String, bytes: Int, commitBytes: Int = 0) {
    self.id = id
    self.bytes = bytes
    self.commitBytes = commitBytes
  }
}

/// Reading a session back: the state file plus its exchange log and commit records, assembled
/// into the one document `SessionFile.decode` reads (format 1 files already are that document).
enum SessionLog {
  static func logPath(of path: String) -> String { path + ".log" }

  /// The first line of a log: which log it is, so a state file never trusts another's bytes.
  /// `replacing`: the log this one was written afresh over (a compaction). It holds the whole
  /// session, committed by its own commit record, so a state file still naming the log it
  /// replaced (a save killed between the two renames) reads it as that log's continuation.
  static func headerLine(id: String, replacing: String? = nil) -> [UInt8] {
    var header = JSONObject()
    header["sessionLog"] = .string(id)
    header["formatVersion"] = .int(SessionFile.formatVersion)
    if let replacing { header["replaces"] = .string(replacing) }
    return Array((JSONValue.object(header).compactText + "\n").utf8)
  }

  static func recordLine(step: Int, exchange: Exchange, includeSecrets: Bool) -> [UInt8] {
    var record = JSONObject()
    record["step"] = .int(step + 1)
    for member in SessionFile.encodeExchange(exchange, includeSecrets: includeSecrets).objectValue ?? JSONObject() {
      record[member.key] = member.value
    }
    var line = JSONValue.object(record).utf8Bytes
    line.append(UInt8(ascii: "\n"))
    return line
  }

  /// The line that makes a save's records the session's (format 3): it names where the save
  /// began and how many exchange records it wrote, and carries the state of each step that
  /// changed (as the state file holds it), which replaces that step's.
  static func commitLine(at offset: Int, records: Int, steps: [JSONValue]) -> [UInt8] {
    let commit: JSONValue = [
      "commit": [
        "at": .int(offset), "records": .int(records),
        "savedAt": .string(SessionFile.isoTime(Date().timeIntervalSince1970)), "steps": .array(steps),
      ]
    ]
    var line = commit.utf8Bytes
    line.append(UInt8(ascii: "\n"))
    return line
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
    guard let log = json["exchangeLog"], let id = log["id"]?.stringValue, let namedBytes = log["bytes"]?.intValue,
      var root = json.objectValue, case .array(var steps)? = root["steps"]
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
    let logID = header["sessionLog"]?.stringValue
    let replacesNamed = logID != id && header["replaces"]?.stringValue == id
    // A log that replaced the named one is trusted only as far as its header: its commit
    // records say the rest, as for records a save appended past what the state file names.
    let sameLog = logID == id || replacesNamed
    let trusted = replacesNamed ? first.upperBound + 1 : namedBytes
    var exchanges = Array(repeating: [JSONValue](), count: steps.count)
    var end = first.upperBound + 1
    var loaded = 0
    var commitBytes = 0
    // Records after what the state file names wait for the commit record of their save.
    var pending: [(step: Int, record: JSONValue)] = []
    var pendingFrom = end
    for (offset, range) in lines.enumerated().dropFirst() {
      let lineEnd = range.upperBound + 1
      let committedByState = !sameLog || lineEnd <= trusted
      let record: JSONValue
      do { record = try JSONValue(parsing: Array(bytes[range])) } catch {
        guard committedByState else { break }  // a save killed mid-write: nothing from here is the session's
        throw SessionFileError(path: logPath, message: "line \(offset + 1): invalid JSON at \(error)")
      }
      if let commit = record["commit"] {
        // One the state file names is in its steps already (it was written after it).
        guard !committedByState else {
          end = lineEnd
          pendingFrom = lineEnd
          commitBytes += lineEnd - range.lowerBound
          continue
        }
        guard commit["at"]?.intValue == pendingFrom, commit["records"]?.intValue == pending.count else { break }
        for (step, exchange) in pending {
          while exchanges.count < step { exchanges.append([]) }
          exchanges[step - 1].append(exchange)
        }
        loaded += pending.count
        for state in commit["steps"]?.arrayValue ?? [] {
          guard let step = state["step"]?.intValue, step >= 1 else { continue }
          while steps.count < step { steps.append(["step": .int(steps.count + 1)]) }
          steps[step - 1] = state
        }
        if let savedAt = commit["savedAt"] { root["savedAt"] = savedAt }
        pending = []
        end = lineEnd
        pendingFrom = lineEnd
        commitBytes += lineEnd - range.lowerBound
        continue
      }
      guard let step = record["step"]?.intValue, step >= 1, !committedByState || exchanges.indices.contains(step - 1)
      else {
        if committedByState {
          throw SessionFileError(
            path: logPath, message: "line \(offset + 1): `step` must name one of the session's \(steps.count) steps")
        }
        break
      }
      if committedByState {
        exchanges[step - 1].append(record)
        loaded += 1
        end = lineEnd
        pendingFrom = lineEnd
      } else {
        pending.append((step, record))
      }
    }
    while exchanges.count < steps.count { exchanges.append([]) }
    root["steps"] = .array(
      steps.enumerated().map { index, step in
        guard var object = step.objectValue else { return step }
        object["exchanges"] = .array(exchanges[index])
        return .object(object)
      })
    let note = loaded < expected ? "\(logPath) holds \(loaded) of the session's \(expected) exchanges" : nil
    return Read(
      document: .object(root),
      position: sameLog ? logID.map { SessionLogPosition(id: $0, bytes: end, commitBytes: commitBytes) } : nil,
      note: note)
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
