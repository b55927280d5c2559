import Foundation
import Recipes
import TerminalUI
import Testing
import Walkthrough

/// Issue 13: the screen divided by what it holds, at the sizes people use.
@Suite struct LayoutTests {
  static let sizes = [(200, 50), (120, 40), (80, 24), (60, 16)]

  /// Steps whose titles share a long start, and a step with 40 lines of prose and no request.
  static let longTitles = """
    # Long Titles
    Steps that look alike at their start.

    ## Uploading Files - Create an Upload Token
    Create the token.

    ### API Call
    ```json
    {"method": "post", "path": "/service/uploadtoken/action/add",
     "parameters": [{"name": "uploadToken[fileName]", "type": "string", "description": "The file's name"}]}
    ```

    ## Uploading Files - Send the Data to the Upload Token
    Send the file.

    ### API Call
    ```json
    {"method": "post", "path": "/service/uploadtoken/action/upload",
     "parameters": [{"name": "uploadTokenId", "type": "string", "required": true},
                    {"name": "description", "type": "string", "required": true}]}
    ```

    ## Reading About Chunked Uploads Before Going On
    \((1...40).map { "- item \(String(format: "%02d", $0))" }.joined(separator: "\n"))
    """

  static func model(_ text: String = longTitles, width: Int, height: Int) -> Model {
    let recipe = Recipe.parse(text: text, file: "long-titles.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: Fixtures.credentials)
    return Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080",
      sessionPath: "/home/someone/.local/state/recipe-console/sessions/long-titles-20261202-101010.session.json",
      isEmbeddedSandbox: false, colorMode: .none, width: width, height: height)
  }

  /// The step list's text per step: what is left of the separator on rows 3...
  static func stepEntries(_ model: Model) -> [String] {
    model.lines.dropFirst(3).prefix(model.stepCount).map { line in
      String(line.prefix { $0 != "│" }.dropFirst(6)).trimmingCharacters(in: .whitespaces)
    }
  }

  @Test(arguments: sizes) func titlesAreWholeWhereTheyFitAndAlwaysTellStepsApart(width: Int, height: Int) {
    let model = Self.model(width: width, height: height)
    let entries = Self.stepEntries(model)
    #expect(Set(entries).count == 3, "\(width)x\(height): \(entries)")
    if width >= 200 {
      #expect(entries[0] == "Uploading Files - Create an Upload Token")
      #expect(entries[1] == "Uploading Files - Send the Data to the Upload Token")
    } else {
      // A cut title keeps its distinguishing end, never the shared start alone.
      #expect(entries[0].hasPrefix("…Create"), "\(entries)")
      #expect(entries[1].hasPrefix("…Send"), "\(entries)")
    }
    if width == 120 { #expect(entries[0] == "…Create an Upload Token") }
  }

  @Test(arguments: sizes) func sendIsReachableAndTheSaveStateWhole(width: Int, height: Int) {
    var model = Self.model(width: width, height: height)
    model.send(.key(.character("2")))
    model.saveState = .unsaved
    while !model.isSendFocused { model.send(.key(.down)) }
    #expect(model.screen.contains("▸ [ Send ▶ ]"), "\(width)x\(height)")
    #expect(model.lines[1].hasSuffix("unsaved"), "\(model.lines[1])")
    // Labels are whole; the value column keeps room to read.
    model.focusField("description")
    #expect(model.line(containing: "description*").contains("▸ description*"))
    let row = model.line(containing: "description*")
    let start = row.range(of: "description*")!.upperBound
    let valueGap = row[start...].prefix { $0 == " " }.count
    #expect(valueGap >= 1)
  }

  @Test(arguments: sizes) func aStepWithoutARequestGivesItsProseThePane(width: Int, height: Int) {
    var model = Self.model(width: width, height: height)
    model.send(.key(.character("3")))
    let shown = model.lines.filter { $0.contains("• item") }.count
    // Everything under the title but the form rule, Send's row, the tabs and one reply line.
    #expect(shown == min(40, height - 5 - 5), "\(width)x\(height): \(shown) lines of prose")
  }

  @Test(arguments: sizes) func pagingShowsEveryLineOfALongProseOnce(width: Int, height: Int) {
    var model = Self.model(width: width, height: height)
    model.send(.key(.character("3")))
    var seen: [String] = []
    var previousLast: String?
    for _ in 0..<40 {
      let shown = model.lines.compactMap { line in line.firstRange(of: /item \d\d/).map { String(line[$0]) } }
      if let previousLast, shown.first != previousLast {
        Issue.record("a page must start with the last line of the one before: \(previousLast) → \(shown)")
      }
      seen += shown.filter { !seen.contains($0) }
      if shown.last == "item 40" { break }
      previousLast = shown.last
      model.send(.key(.pageDown))
    }
    #expect(seen == (1...40).map { "item \(String(format: "%02d", $0))" })
    // And back: PgUp returns to the top without skipping either.
    for _ in 0..<40 { model.send(.key(.pageUp)) }
    #expect(model.lines.contains { $0.contains("item 01") })
  }

  @Test func zGivesTheReplyTheWholeColumn() {
    var model = Self.model(width: 80, height: 24)
    model.send(.key(.character("z")))
    #expect(!model.screen.contains("Create the token."))
    #expect(!model.screen.contains("[ Send ▶ ]"))
    #expect(model.screen.contains("Not sent yet"))
    model.send(.key(.character("z")))
    #expect(model.screen.contains("Create the token."))
  }

  @Test(arguments: sizes)
  func theUploadRecipeAtEverySize(width: Int, height: Int) throws {
    var model = Fixtures.uploadModel(width: width, height: height)
    let entries = Self.stepEntries(model)
    #expect(Set(entries).count == entries.count, "\(width)x\(height): \(entries)")
    if width >= 120 { #expect(entries[0].hasSuffix("Create an Upload Token"), "\(entries)") }
    for step in 1...model.stepCount {
      model.send(.key(.character(Character(String(step)))))
      model.focus = .form
      while !model.isSendFocused { model.send(.key(.down)) }
      #expect(model.screen.contains("[ Send ▶ ]"), "step \(step) at \(width)x\(height)")
    }
  }
}
