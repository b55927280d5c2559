import JSONValue
import KalturaWire
import TerminalUI
import Testing
import Walkthrough

/// Interactive replay of a loaded session (issue 7, parts 4 and 5).
@Suite struct ReplayTests {
  static func recordedModel(height: Int = 30) -> Model {
    var session = WalkthroughSession(stepCount: 2)
    session[0].edits = ["name": "Logo"]
    session[0].exchanges = [Replies.mediaList(1)]
    session[1].exchanges = [Replies.entryNotFound]
    var model = Fixtures.widgetModel(height: height, session: session)
    model.send(.key(.character("1")))
    return model
  }

  @Test func recordedRepliesAreMarkedUntilSentAgain() {
    var model = Self.recordedModel()
    #expect(model.line(containing: "Fill the form").contains("●"))
    #expect(model.screen.contains("recorded in the session file · r sends it again"))
    #expect(model.line(containing: "name*").contains("Logo"))
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1)))
    #expect(model.line(containing: "Fill the form").contains("✓"))
    #expect(model.status(of: 0) == .done)
    #expect(model.status(of: 1) == .recorded)
  }

  @Test func browsingASessionNeedsNoCommands() {
    var model = Self.recordedModel()
    let keys: [Key] = [
      .character("n"), .character("p"), .character("2"), .tab, .tab, .character("l"), .character("l"),
      .character("d"), .pageDown, .character("j"), .character("1"), .backTab,
    ]
    for key in keys { #expect(model.send(.key(key)) == [], "\(key)") }
    model.replyTab = .request
    #expect(model.screen.contains("POST http://127.0.0.1:8080/api_v3/service/media/action/list?format=1"))
    model.send(.key(.character("2")))
    model.replyTab = .reply
    #expect(model.screen.contains("ENTRY_ID_NOT_FOUND"))
  }

  @Test func sendingAgainComparesWithTheRecordedReply() {
    var model = Self.recordedModel(height: 40)
    let commands = model.send(.key(.character("r")))
    guard case .send(0, _) = commands.first else {
      Issue.record("expected send of step 1, got \(commands)")
      return
    }
    model.send(.stepReplied(step: 0, Replies.mediaList(2, id: "0_entry2")))
    #expect(model.replyTab == .compare)
    #expect(model.screen.contains("1 difference from the recorded reply"))
    #expect(model.screen.contains("objects.0.mediaType: 1 → 2"))
    let row = model.lines.firstIndex { $0.contains("\"mediaType\": 1 ") && $0.contains("\"mediaType\": 2") }
    #expect(row != nil)
    let y = row ?? 0
    let canvas = view(model)
    let line = model.lines[y]
    let newX = line.distance(
      from: line.startIndex, to: line.range(of: "\"mediaType\": 2")?.lowerBound ?? line.startIndex)
    #expect(canvas[newX, y].style.attributes.contains(.bold))
    let idRow = model.lines.firstIndex { $0.contains("\"id\": \"0_entry2\"") } ?? 0
    let idX = model.lines[idRow].distance(
      from: model.lines[idRow].startIndex, to: model.lines[idRow].range(of: "\"id\": \"0_entry2\"")!.lowerBound)
    #expect(!canvas[idX, idRow].style.attributes.contains(.bold), "ids are volatile: not a difference")
  }

  @Test func theSameReplyComparesEqual() {
    var model = Self.recordedModel()
    model.send(.key(.character("r")), .stepReplied(step: 0, Replies.mediaList(1, id: "0_other")))
    #expect(model.screen.contains("Same as recorded"))
  }

  @Test func replayAllSendsEveryRemainingStepInTurn() {
    var model = Self.recordedModel()
    let first = model.send(.key(.character("R")))
    guard case .send(0, _) = first.first else {
      Issue.record("expected step 1 first, got \(first)")
      return
    }
    #expect(model.replayQueue == [1])
    let second = model.send(.stepReplied(step: 0, Replies.mediaList(1, id: "0_fresh")))
    #expect(second.first == .saveSession(path: "walk.json"))
    guard case .send(1, let request) = second.last else {
      Issue.record("expected step 2 next, got \(second)")
      return
    }
    // The link followed the new reply into step 2's request.
    #expect(request.displayURL.contains("entryId=0_fresh"))
    #expect(model.currentStep == 1)
    #expect(model.line(containing: "entryId").contains("0_fresh"))
    let third = model.send(.stepReplied(step: 1, Replies.entryNotFound))
    #expect(third == [.saveSession(path: "walk.json")])
    #expect(model.replayQueue.isEmpty)
  }

  @Test func aFailureStopsTheReplay() {
    var model = Self.recordedModel()
    model.send(.key(.character("R")))
    let commands = model.send(.stepReplied(step: 0, Replies.entryNotFound))
    #expect(commands == [.saveSession(path: "walk.json")])
    #expect(model.replayQueue.isEmpty)
    #expect(model.screen.contains("replay stopped"))
  }

  @Test func theComparisonTabOnlyExistsForRecordedSteps() {
    var model = Fixtures.widgetModel()
    model.send(.key(.character("d")))
    #expect(model.screen.contains("This step has no recorded reply to compare with"))
    #expect(!model.line(containing: "│ Request │").contains("Recorded ↔ New"))
    #expect(Self.recordedModel().line(containing: "│ Request │").contains("Recorded ↔ New"))
  }
}

/// A recorded KS is stored masked, a new one arrives whole: the comparison must not call that
/// a difference (a `session.start` reply is nothing but a KS).
@Suite struct CompareSessionTests {
  static func sessionReply(_ ks: String) -> Exchange {
    Exchange(
      method: "POST", url: "http://127.0.0.1:8080/api_v3/service/media/action/list?format=1", status: 200,
      reply: .string(ks), replyIsJSON: true, ok: true, milliseconds: 5)
  }

  @Test func aNewKSIsNotADifferenceFromTheMaskedRecordedOne() throws {
    // Another partner or user: the new KS has another length, so even its mask differs.
    let recordedKS = KalturaKS.generateV2(adminSecret: "secret-one", partnerID: 100, userID: "a", type: .admin)
    let newKS = KalturaKS.generateV2(adminSecret: "secret-two", partnerID: 2_345_678, userID: "bob", type: .admin)
    #expect(KalturaKS.mask(recordedKS) != KalturaKS.mask(newKS))
    var session = WalkthroughSession(stepCount: 2)
    session[0].edits = ["name": "Logo"]
    session[0].exchanges = [Self.sessionReply(KalturaKS.mask(recordedKS))]
    var model = Fixtures.widgetModel(height: 40, session: session)
    model.send(.key(.character("1")), .key(.character("r")), .stepReplied(step: 0, Self.sessionReply(newKS)))
    #expect(model.replyTab == .compare)
    #expect(model.screen.contains("Same as recorded"))
    #expect(!model.screen.contains("difference"))
    #expect(!model.screen.contains(newKS), "the new KS is shown masked")
  }

  @Test func aChangedValueBesideAKSIsStillADifference() {
    let recordedKS = KalturaKS.generateV2(adminSecret: "secret", partnerID: 100, userID: "", type: .admin)
    let newKS = KalturaKS.generateV2(adminSecret: "secret", partnerID: 2_345_678, userID: "bob", type: .admin)
    var recorded = Self.sessionReply("")
    recorded.reply = ["result": .string(KalturaKS.mask(recordedKS)), "status": 1]
    var new = Self.sessionReply("")
    new.reply = ["result": .string(newKS), "status": 2]
    var session = WalkthroughSession(stepCount: 2)
    session[0].edits = ["name": "Logo"]
    session[0].exchanges = [recorded]
    var model = Fixtures.widgetModel(height: 40, session: session)
    model.send(.key(.character("1")), .key(.character("r")), .stepReplied(step: 0, new))
    #expect(model.screen.contains("1 difference from the recorded reply"))
    #expect(model.screen.contains("status: 1 → 2"))
  }
}
