import Foundation
import Subprocess
import SystemPackage

/// Runs a program to its end or to a deadline, awaited through swift-subprocess's monitor
/// thread. Foundation's `Process.waitUntilExit` polls a run loop and can park its thread for good
/// on Linux; parked on the cooperative pool, it also starves the in-process sandbox the child may
/// be talking to, and with it every other task of the process.
public enum ChildProcess {
  public struct Outcome: Sendable {
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

    let configuration = Configuration(
      executable: .path(FilePath(program)), arguments: Arguments(arguments),
      environment: environment.map {
        .custom(Dictionary(uniqueKeysWithValues: $0.map { (Environment.Key(stringLiteral: $0.key), $0.value) }))
      }
        ?? .inherit,
      workingDirectory: directory.map { FilePath($0) })
    let (pid, status) = try await withThrowingTaskGroup(of: (Int32, TerminationStatus)?.self) { group in
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
      if let first { return (first.0, Optional(first.1)) }
      // The deadline won: cancelling the run SIGKILLs the child and reaps it.
      _ = try? await group.next()
      return (0, nil)
    }
    let standardOutput = FileManager.default.contents(atPath: outPath) ?? Data()
    let standardError = mergingErrors ? Data() : FileManager.default.contents(atPath: errPath) ?? Data()
    switch status {
    case .exited(let code):
      return Outcome(
        processIdentifier: pid, status: code, timedOut: false, standardOutput: standardOutput,
        standardError: standardError)
    case .signaled(let signal):
      return Outcome(
        processIdentifier: pid, status: 128 + signal, timedOut: false, standardOutput: standardOutput,
        standardError: standardError)
    case nil:
      return Outcome(
        processIdentifier: pid, status: 128 + SIGKILL, timedOut: true, standardOutput: standardOutput,
        standardError: standardError)
    }
  }
}
