import ChildProcess
import Foundation
import Testing

struct ChildProcessTests {
  @Test func exitCodeAndOutputsMergedOrApart() async throws {
    let script = "echo out; echo err >&2; exit 3"
    let merged = try await ChildProcess.run("/bin/sh", ["-c", script], timeout: .seconds(60))
    #expect(merged.status == 3)
    #expect(!merged.timedOut)
    #expect(merged.output == "out\nerr\n")
    #expect(merged.standardError.isEmpty)
    let apart = try await ChildProcess.run("/bin/sh", ["-c", script], mergingErrors: false, timeout: .seconds(60))
    #expect(apart.output == "out\n")
    #expect(apart.errors == "err\n")
  }

  @Test func environmentAndDirectoryAreTheChildsOwn() async throws {
    let ran = try await ChildProcess.run(
      "/bin/sh", ["-c", "echo \"$ONLY_HERE\"; pwd; echo \"${HOME:-none}\""], environment: ["ONLY_HERE": "yes"],
      directory: "/tmp", timeout: .seconds(60))
    #expect(ran.output == "yes\n/tmp\nnone\n")
  }

  @Test func aSignalIsReportedAsAShellDoes() async throws {
    let ran = try await ChildProcess.run("/bin/sh", ["-c", "kill -TERM $$"], timeout: .seconds(60))
    #expect(ran.status == 128 + SIGTERM)
    #expect(!ran.timedOut)
  }

  @Test func aChildPastItsDeadlineIsKilledAndWhatItWroteKept() async throws {
    let ran = try await ChildProcess.run("/bin/sh", ["-c", "echo started; exec sleep 600"], timeout: .seconds(1))
    #expect(ran.timedOut)
    #expect(ran.status == 128 + SIGKILL)
    #expect(ran.output == "started\n")
  }

  @Test func moreOutputThanAPipeHoldsNeverBlocksTheChild() async throws {
    let ran = try await ChildProcess.run("/usr/bin/head", ["-c", "3000000", "/dev/zero"], timeout: .seconds(60))
    #expect(ran.status == 0)
    #expect(ran.standardOutput.count == 3_000_000)
  }

  @Test func aMissingProgramThrows() async {
    await #expect(throws: (any Error).self) {
      try await ChildProcess.run("/nonexistent/program", [], timeout: .seconds(5))
    }
  }

  /// The regression behind CI's hang: children waited on must leave the cooperative pool free.
  /// More children than the pool has threads each wait for a file that only this test's task,
  /// scheduled on that same pool, creates after they start. A wait that parks a thread starves
  /// the task, and the children give up after 10 s without seeing the file.
  @Test func waitingChildrenLeaveThePoolToOtherTasks() async throws {
    let flag = FileManager.default.temporaryDirectory.appendingPathComponent("child-flag-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: flag) }
    let children = ProcessInfo.processInfo.activeProcessorCount * 4
    let outcomes = try await withThrowingTaskGroup(of: ChildProcess.Outcome.self) { group in
      for _ in 0..<children {
        group.addTask {
          try await ChildProcess.run(
            "/bin/sh",
            [
              "-c",
              "i=0; while [ ! -e '\(flag)' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; [ -e '\(flag)' ] && echo seen",
            ],
            timeout: .seconds(60))
        }
      }
      try await Task.sleep(for: .milliseconds(300))
      _ = FileManager.default.createFile(atPath: flag, contents: nil)
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(outcomes.count == children)
    #expect(outcomes.allSatisfy { !$0.timedOut && $0.status == 0 && $0.output == "seen\n" })
  }
}
