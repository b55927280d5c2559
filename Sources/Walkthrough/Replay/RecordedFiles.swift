import Foundation
import JSONValue

/// A file a recorded step uploaded, as the replay will upload it again.
public struct RecordedFile: Sendable, Hashable {
  /// 0-based.
  public var step: Int
  public var fieldPath: String
  /// The path stored in the session.
  public var recordedPath: String
  /// Where the file is now (the recorded path, or the same relative path beside the session).
  public var resolvedPath: String
  /// The size at recording time, when the session stored it.
  public var recordedSize: Int64?
  /// The chunked uploader's fingerprint of the file at recording time
  /// (`{"path", "size", "mtime", "headTailHash"}`), when the step kept one.
  public var recordedFingerprint: JSONValue?
}

/// Compares a file with its recorded fingerprint; returns what differs, or nil when it matches.
/// The executable supplies one that hashes the file as the chunked uploader does.
public typealias RecordedFileCheck = @Sendable (_ path: String, _ fingerprint: JSONValue) async -> String?

extension SessionReplay {
  /// Checks every file the given steps (0-based) will upload before anything is sent, and points
  /// the engine's answers at where each file is now. A missing file, or one whose size differs
  /// from the recorded size, is an error naming the step and the path.
  @discardableResult
  public func prepareFiles(in engine: inout WalkthroughEngine, steps: [Int]) throws(SessionReplayError)
    -> [RecordedFile]
  {
    var files: [RecordedFile] = []
    for step in steps {
      guard let form = engine.form(step) else { continue }
      for field in form.allFields where field.kind == .file {
        guard case .string(let recordedPath)? = engine.session[step].edits[field.path], !recordedPath.isEmpty else {
          continue
        }
        let file = try check(step: step, field: field.path, recordedPath: recordedPath, title: form.title)
        engine.setValue(.string(file.resolvedPath), step: step, path: field.path)
        files.append(file)
      }
    }
    return files
  }

  private func check(step: Int, field: String, recordedPath: String, title: String) throws(SessionReplayError)
    -> RecordedFile
  {
    let candidates = Self.candidatePaths(
      recordedPath, sessionPath: sessionPath, workingDirectory: FileManager.default.currentDirectoryPath)
    let named = "step \(step + 1) (\(title)): file \(recordedPath) (field \(field))"
    guard let found = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
      throw SessionReplayError(
        path: sessionPath, message: "\(named) is missing; looked at \(candidates.joined(separator: ", "))")
    }
    let fingerprint = recordedFingerprint(step: step, path: recordedPath)
    let recordedSize =
      fingerprint?["size"]?.intValue.map(Int64.init) ?? recordedFileSize(step: step, path: recordedPath)
    if let recordedSize {
      let attributes = try? FileManager.default.attributesOfItem(atPath: found)
      let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
      if size != recordedSize {
        throw SessionReplayError(
          path: sessionPath,
          message: "\(named) changed since the session was recorded: \(recordedSize) bytes then, \(size) now (\(found))"
        )
      }
    }
    if let recordedHash = recordedFileEntry(step: step, path: recordedPath)?["headTailSHA256"]?.stringValue,
      let now = FileSample.of(path: found), now.headTailSHA256 != recordedHash
    {
      throw SessionReplayError(
        path: sessionPath,
        message: "\(named) changed since the session was recorded: its content differs (same size, "
          + "another hash of its first and last MiB) (\(found))")
    }
    return RecordedFile(
      step: step, fieldPath: field, recordedPath: recordedPath, resolvedPath: found, recordedSize: recordedSize,
      recordedFingerprint: fingerprint)
  }

  /// Runs `check` on every file that has a recorded fingerprint; the first mismatch is an error
  /// naming the step and the path.
  public func checkContent(of files: [RecordedFile], with check: RecordedFileCheck) async throws(SessionReplayError) {
    for file in files {
      guard let fingerprint = file.recordedFingerprint, let problem = await check(file.resolvedPath, fingerprint)
      else { continue }
      let title = recipe.steps.indices.contains(file.step) ? recipe.steps[file.step].title : ""
      throw SessionReplayError(
        path: sessionPath,
        message: "step \(file.step + 1) (\(title)): file \(file.recordedPath) (field \(file.fieldPath)) changed since "
          + "the session was recorded: \(problem) (\(file.resolvedPath))")
    }
  }

  /// The chunked upload's fingerprint of this file, when the step recorded one for this path.
  func recordedFingerprint(step: Int, path: String) -> JSONValue? {
    guard let file = recordedUploads[step]?["file"], file.objectValue != nil else { return nil }
    if let recorded = file["path"]?.stringValue, recorded != path { return nil }
    return file
  }

  /// The size stored beside the file in the recorded request (`files[].size`), if any.
  func recordedFileSize(step: Int, path: String) -> Int64? {
    recordedFileEntry(step: step, path: path)?["size"]?.intValue.map(Int64.init)
  }

  /// The latest recorded request's entry for this file that has its size
  /// (`{"name", "path", "size", "headTailSHA256"}`).
  func recordedFileEntry(step: Int, path: String) -> JSONValue? {
    for exchange in loaded.session[step].exchanges.reversed() {
      for file in exchange.requestBody?["files"]?.arrayValue ?? []
      where file["path"]?.stringValue == path && file["size"] != nil {
        return file
      }
    }
    return nil
  }
}
