import Foundation
import Testing

@testable import Walkthrough

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct ReplayReportTests {
  let report = ReplayReport(
    suiteName: "Upload a Video",
    steps: [
      ReplayStepOutcome(
        number: 1, title: "Create an Upload Token", request: "POST /service/uploadtoken/action/add",
        succeeded: true, milliseconds: 12),
      ReplayStepOutcome(
        number: 3, title: "Creating a Media Entry <#1>", request: "POST /service/media/action/add",
        succeeded: true, differences: [ReplyDifference(path: "mediaType", recorded: 2, new: 1)], milliseconds: 8),
      ReplayStepOutcome(
        number: 4, title: "Attach", request: "POST /service/media/action/addContent",
        succeeded: false, error: "ENTRY_ID_NOT_FOUND: Entry id \"0_x\" not found"),
    ])

  final class Collector: NSObject, XMLParserDelegate {
    var testcases: [[String: String]] = []
    var failures: [String] = []
    var text = ""
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if name == "testcase" { testcases.append(attributes) }
      text = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "failure" { failures.append(text) }
    }
  }

  @Test func junitIsValidXMLWithOneCasePerStep() throws {
    let parser = XMLParser(data: Data(report.junitXML().utf8))
    let collector = Collector()
    parser.delegate = collector
    #expect(parser.parse(), "JUnit output must be well-formed XML")
    #expect(
      collector.testcases.map { $0["name"] ?? "" } == [
        "step 1: Create an Upload Token", "step 3: Creating a Media Entry <#1>", "step 4: Attach",
      ])
    #expect(collector.failures == ["mediaType: 2 → 1", "ENTRY_ID_NOT_FOUND: Entry id \"0_x\" not found"])
    #expect(report.junitXML().contains("<testsuite name=\"Upload a Video\" tests=\"3\" failures=\"2\""))
  }

  @Test func tapNumbersEveryStepAndExplainsFailures() {
    let lines = report.tap().split(separator: "\n").map(String.init)
    #expect(lines.prefix(3) == ["TAP version 13", "1..3", "ok 1 - step 1: Create an Upload Token"])
    #expect(lines.contains("not ok 2 - step 3: Creating a Media Entry <＃1>"))
    #expect(lines.contains("    mediaType: 2 → 1"))
    #expect(lines.contains("not ok 3 - step 4: Attach"))
    #expect(!report.passed)
  }
}
