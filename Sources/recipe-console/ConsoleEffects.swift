import Foundation
import KalturaWire
import Recipes
import TerminalUI
import Walkthrough

/// The console's side effects, each reporting back through the inbox as a `Message`.
enum ConsoleEffects {
  /// Sends a step's request on its own task. Upload progress and the bytes on their way are
  /// sampled every 50 ms (`UploadReports`), so a fast upload cannot flood the loop and the bar
  /// moves while chunks travel. A cancelled task reports nothing: the runtime already said
  /// `.stepCancelled`.
  ///
  /// A chunked upload reports every checkpoint, so the step keeps what the server acknowledged;
  /// `uploadStart` resumes from such a checkpoint (after Esc, or from a loaded session).
  static func send(
    _ prepared: PreparedRequest, step: Int, credentials: ServiceCredentials, runner: StepRunner,
    uploadStart: UploadStart, reports: UploadReports, sink: MessageSink
  ) -> Task<Void, Never> {
    Task {
      let send = reports.begin()
      let sampler = Task {
        while !Task.isCancelled {
          for message in reports.sample(step: step, send: send) { sink.yield(message) }
          try? await Task.sleep(for: .milliseconds(50))
        }
      }
      let exchange = await runner.send(
        prepared, credentials: credentials, uploadStart: uploadStart,
        onCheckpoint: { sink.yield(.uploadCheckpoint(step: step, $0)) },
        progress: { reports.progressed($0, send: send) })
      sampler.cancel()
      await sampler.value
      reports.end(send)
      if Task.isCancelled { return }
      sink.yield(.stepReplied(step: step, exchange))
    }
  }

  static func loadChoices(
    _ prepared: PreparedRequest, step: Int, field: String, dynamicEnum: DynamicEnum, credentials: ServiceCredentials,
    runner: StepRunner, sink: MessageSink
  ) {
    Task {
      let exchange = await runner.send(prepared, credentials: credentials)
      if exchange.ok, let reply = exchange.reply {
        sink.yield(
          .dynamicOptionsLoaded(step: step, field: field, DynamicEnumOptions.choices(in: reply, for: dynamicEnum)))
      } else {
        sink.yield(.dynamicOptionsFailed(step: step, field: field, error: exchange.error ?? "no reply"))
      }
    }
  }

  /// `~` at the start of a path is the home directory.
  static func expandTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    return FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
  }

  /// Paths that start with `prefix`, spelled as the user typed the prefix (a leading `~`
  /// stays), directories with a trailing "/", hidden entries only when the prefix asks for
  /// them, sorted.
  static func completions(of prefix: String, limit: Int = 200) -> [String] {
    let slash = prefix.lastIndex(of: "/")
    let typedDirectory = slash.map { String(prefix[...$0]) } ?? ""
    let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let directory = typedDirectory.isEmpty ? "." : expandTilde(typedDirectory)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    var result: [String] = []
    for name in names.sorted() where name.hasPrefix(namePrefix) {
      if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
      var isDirectory: ObjCBool = false
      let full = (directory as NSString).appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
      result.append(typedDirectory + name + (isDirectory.boolValue ? "/" : ""))
      if result.count == limit { break }
    }
    return result
  }

  /// The size of a regular file; nil when it is missing, unreadable or a directory.
  /// The size of the file at `path` (stored already normalised: `FilePath`), or why it cannot be sent.
  static func fileCheck(_ path: String) -> (bytes: Int64?, problem: String?) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      return (nil, "no such file: \(path)")
    }
    if attributes[.type] as? FileAttributeType == .typeDirectory {
      return (nil, "\(path) is a directory, expected a file")
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular, FileManager.default.isReadableFile(atPath: path)
    else { return (nil, "\(path) is not a readable file") }
    return ((attributes[.size] as? NSNumber)?.int64Value, nil)
  }

  static func createParentDirectory(of path: String) throws {
    let parent = (path as NSString).deletingLastPathComponent
    guard !parent.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
  }
}
