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

extension ConsoleEffects {
  /// Writes a step's demo page and opens it with `$BROWSER` (its first entry when it lists
  /// several with `:`; `%s` stands for the file, else the file is the last argument) or, without
  /// one, `xdg-open` when it is on PATH. Returns what the footer says: the path in every case.
  static func writeDemoPage(
    _ request: DemoPageRequest, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    let path =
      request.path.hasPrefix("/")
      ? request.path : FileManager.default.currentDirectoryPath + "/" + request.path
    do {
      try createParentDirectory(of: path)
      try AtomicFile.write(Array(request.html.utf8), to: path)
    } catch {
      return "! demo page failed: \(error)"
    }
    let written = "Demo page of step \(request.step + 1): \(path)"
    guard let opener = demoOpener(path: path, environment: environment) else {
      return written + " (set $BROWSER or install xdg-open to open it from here)"
    }
    let name = (opener[0] as NSString).lastPathComponent
    let process = Process()
    process.executableURL = URL(fileURLWithPath: opener[0])
    process.arguments = Array(opener.dropFirst())
    // The console owns the terminal: the browser gets neither its input nor its output.
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return written + " · \(name) could not start: \(error)" }
    return written + " · opened with \(name)"
  }

  /// The command line that opens `path`: `$BROWSER`, else `xdg-open`; nil when neither is found.
  static func demoOpener(path: String, environment: [String: String]) -> [String]? {
    let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    func resolved(_ program: String) -> String? {
      if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
      return searchPath.split(separator: ":").map { "\($0)/\(program)" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      }
    }
    if let browser = environment["BROWSER"]?.split(separator: ":").first {
      var words = browser.split(separator: " ").map(String.init)
      if let first = words.first, let program = resolved(first) {
        words[0] = program
        if words.contains(where: { $0.contains("%s") }) {
          return words.map { $0.replacingOccurrences(of: "%s", with: path) }
        }
        return words + [path]
      }
    }
    return resolved("xdg-open").map { [$0, path] }
  }
}
