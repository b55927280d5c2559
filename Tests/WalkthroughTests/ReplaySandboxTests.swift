import Foundation
import JSONValue
import Testing
import Walkthrough

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Issue 7's checks: record the upload recipe against one sandbox, replay it against another.
@Suite(.serialized) struct ReplaySandboxTests {
  @Test func replayAgainstAnotherSandboxMatchesWithNewIDs() async throws {
    try #require(
      FileManager.default.fileExists(atPath: ReplayWorkspace.uploadRecipePath), "recipes/upload.md is in the repository"
    )
    let workspace = try ReplayWorkspace()
    defer { workspace.remove() }
    try await workspace.withTwoSandboxes { first, second in
      let recorded = try await workspace.recordUpload(against: first)
      let replay = try SessionReplay.open(path: workspace.path("session.json"))
      #expect(replay.warnings.isEmpty)
      let run = ReplayRun(
        replay: replay, runner: second.runner, document: second.document, credentials: second.credentials)
      let result = try await run.run()

      #expect(result.exitCode == 0)
      #expect(result.outcomes.map(\.number) == [1, 2, 3, 4, 5])
      for outcome in result.outcomes {
        #expect(outcome.passed, "step \(outcome.number): \(outcome.failureText ?? "")")
      }
      let new = result.engine.session
      let token = try #require(new[0].lastSuccessfulReply?["id"])
      #expect(token != recorded.session[0].lastSuccessfulReply?["id"])
      #expect(new[1].lastSuccessfulReply?["id"] == token, "the new token id flows into the upload step")
      let entry = try #require(new[2].lastSuccessfulReply?["id"])
      #expect(entry != recorded.session[2].lastSuccessfulReply?["id"])
      #expect(
        new[3].lastExchange?.url.contains("entryId=\(entry.displayText)") == true
          || new[3].lastExchange?.requestBody?.compactText.contains(entry.displayText) == true)
      #expect(new[4].lastSuccessfulReply?["partnerId"] == 200)
      #expect(new[4].lastSuccessfulReply?["name"] == "Demo")
    }
  }

  /// The default entry name quotes the partner and the creation time: recorded on partner 100 as
  /// `100_T1`, it is `200_T2` on partner 200, and that is no difference.
  @Test func valuesDerivedFromThePartnerAndIdsAreNoDifference() async throws {
    let workspace = try ReplayWorkspace()
    defer { workspace.remove() }
    try await workspace.withTwoSandboxes { first, second in
      let recorded = try await workspace.recordUpload(against: first, entryName: nil)
      let recordedName = try #require(recorded.session[2].lastSuccessfulReply?["name"]?.stringValue)
      #expect(recordedName.hasPrefix("100_"))
      // A second apart at least, so the creation time differs too.
      try await Task.sleep(for: .seconds(1.1))
      let replay = try SessionReplay.open(path: workspace.path("session.json"))
      let run = ReplayRun(
        replay: replay, runner: second.runner, document: second.document, credentials: second.credentials)
      let result = try await run.run()
      for outcome in result.outcomes {
        #expect(outcome.passed, "step \(outcome.number): \(outcome.differences.map(\.description))")
      }
      #expect(result.exitCode == 0)
      let newName = try #require(result.engine.session[2].lastSuccessfulReply?["name"]?.stringValue)
      #expect(newName.hasPrefix("200_"))
      #expect(newName != recordedName)
    }
  }

  @Test func anEditedRecordedReplyIsADifferenceInEveryReport() async throws {
    try #require(
      FileManager.default.fileExists(atPath: ReplayWorkspace.uploadRecipePath), "recipes/upload.md is in the repository"
    )
    let workspace = try ReplayWorkspace()
    defer { workspace.remove() }
    try await workspace.withTwoSandboxes { first, second in
      try await workspace.recordUpload(against: first)
      try workspace.editSession("steps.2.exchanges.0.reply.mediaType", to: 2)
      let replay = try SessionReplay.open(path: workspace.path("session.json"))
      let run = ReplayRun(
        replay: replay, runner: second.runner, document: second.document, credentials: second.credentials)
      let result = try await run.run()

      #expect(result.exitCode == 1)
      let step3 = try #require(result.outcomes.first { $0.number == 3 })
      #expect(step3.succeeded)
      #expect(step3.differences.map(\.description) == ["mediaType: 2 → 1"])
      #expect(result.outcomes.filter { $0.number != 3 }.allSatisfy { $0.passed })

      let report = ReplayReport(suiteName: replay.recipe.title, steps: result.outcomes)
      let junit = try JUnitCases(xml: report.junitXML())
      #expect(junit.names.count == 5)
      let failed = try #require(junit.failures.first)
      #expect(junit.failures.count == 1)
      #expect(failed.name.hasPrefix("step 3: "))
      #expect(failed.text.contains("mediaType: 2 → 1"))

      let tap = TAPLines(report.tap())
      #expect(tap.plan == 5)
      #expect(tap.notOK.count == 1)
      #expect(tap.notOK.first?.hasPrefix("not ok 3 - step 3: ") == true)
      #expect(tap.diagnostics.contains("mediaType: 2 → 1"))
    }
  }
}

extension ReplayWorkspace {
  /// Runs `body` with a recording sandbox (partner 100) and a replay sandbox (partner 200) in
  /// this workspace; both are stopped whether `body` returns or throws.
  func withTwoSandboxes(_ body: (ReplaySandbox, ReplaySandbox) async throws -> Void) async throws {
    let first = try await ReplaySandbox.start(partnerID: 100, dataDirectory: directory.appendingPathComponent("a"))
    let second: ReplaySandbox
    do {
      second = try await ReplaySandbox.start(partnerID: 200, dataDirectory: directory.appendingPathComponent("b"))
    } catch {
      await first.stop()
      throw error
    }
    let outcome: Result<Void, any Error>
    do {
      outcome = .success(try await body(first, second))
    } catch {
      outcome = .failure(error)
    }
    await first.stop()
    await second.stop()
    try outcome.get()
  }
}

/// A JUnit report read back with Foundation's XMLParser.
struct JUnitCases {
  var names: [String] = []
  var failures: [(name: String, text: String)] = []

  init(xml: String) throws {
    let parser = XMLParser(data: Data(xml.utf8))
    let collector = Collector()
    parser.delegate = collector
    guard parser.parse() else { throw ReplayTestError("the JUnit report is not well-formed XML") }
    names = collector.names
    failures = collector.failures
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var names: [String] = []
    var failures: [(name: String, text: String)] = []
    var text = ""
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if name == "testcase" { names.append(attributes["name"] ?? "") }
      text = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "failure" { failures.append((names.last ?? "", text)) }
    }
  }
}

/// A TAP 13 stream split into its plan, results and YAML diagnostics.
struct TAPLines {
  var plan: Int?
  var notOK: [String] = []
  var ok: [String] = []
  var diagnostics: [String] = []

  init(_ text: String) {
    for line in text.split(separator: "\n").map(String.init) {
      if line.hasPrefix("1..") {
        plan = Int(line.dropFirst(3))
      } else if line.hasPrefix("not ok ") {
        notOK.append(line)
      } else if line.hasPrefix("ok ") {
        ok.append(line)
      } else if line.hasPrefix("    ") {
        diagnostics.append(line.trimmingCharacters(in: .whitespaces))
      }
    }
  }
}
