import Foundation
import Subprocess
import SystemPackage

/// Runs a program to its end or to a deadline, awaited through swift-subprocess's monitor
/// thread. Foundation's `Process.waitUntilExit` polls a run loop and can park its thread for good
/// on Linux; parked on the cooperative pool, it also starves the in-process sandbox the child may
/// be talking to, and with it every other task of the process.
public enum ChildProcess {
  public struct Outcome: Sendable {
    /// 0 when the child was killed at its deadline (swift-subprocess reports no pid then).
    public var processIdentifier: Int32
    /// The exit code; 128 + the signal's number when a signal ended it (as a shell reports it).
    public var status: Int32
    /// Killed because it outlived its deadline.
    public var timedOut: Bool
    /// Standard output, with standard error after it when they were merged.
    public var standardOutput: Data
    /// Empty when merged into `standardOutput`.
    public var standardError: Data

    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errors: String { String(decoding: standardError, as: UTF8.self) }
  }

  /// Runs `program` with standard input from /dev/null and its output in files (so no pipe can
  /// fill up, and what a killed child wrote is still there), SIGKILLed once `timeout` passes.
  /// `environment` nil inherits this process's.
  public static func run(
    _ program: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
    mergingErrors: Bool = true, timeout: Duration
  ) async throws -> Outcome {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
    let outPath = scratch + ".out"
    let errPath = scratch + ".err"
    defer {
      try? FileManager.default.removeItem(atPath: outPath)
      try? FileManager.default.removeItem(atPath: errPath)
    }
    let out = try FileDescriptor.open(
      outPath, .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
    defer { try? out.close() }
    let err =
      mergingErrors
      ? out
      : try FileDescriptor.open(errPath, .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite])
    defer { if !mergingErrors { try? err.close() } }

    let childEnvironment = environment.map { variables in
      Environment.custom(Dictionary(uniqueKeysWithValues: variables.map { (Environment.Key(stringLiteral: $0), $1) }))
    }
    let configuration = Configuration(
      executable: .path(FilePath(program)), arguments: Arguments(arguments), environment: childEnvironment ?? .inherit,
      workingDirectory: directory.map { FilePath($0) })
    let finished = try await withThrowingTaskGroup(of: (pid: Int32, status: TerminationStatus)?.self) { group in
      group.addTask {
        let ran = try await Subprocess.run(
          configuration, input: .none, output: .fileDescriptor(out, closeAfterSpawningProcess: false),
          error: .fileDescriptor(err, closeAfterSpawningProcess: false))
        return (ran.processIdentifier.value, ran.terminationStatus)
      }
      group.addTask {
        try? await Task.sleep(for: timeout)
        return nil
      }
      let first = try await group.next() ?? nil
      group.cancelAll()
      // When the deadline won, cancelling the run SIGKILLs the child and reaps it.
      if first == nil { _ = try? await group.next() }
      return first
    }
    let status: Int32
    switch finished?.status {
    case .exited(let code): status = code
    case .signaled(let signal): status = 128 + signal
    case nil: status = 128 + SIGKILL
    }
    return Outcome(
      processIdentifier: finished?.pid ?? 0, status: status, timedOut: finished == nil,
      standardOutput: FileManager.default.contents(atPath: outPath) ?? Data(),
      standardError: mergingErrors ? Data() : FileManager.default.contents(atPath: errPath) ?? Data())
  }
}
