import JSONValue
import Testing
import Walkthrough

@testable import TerminalUI

/// A picker is as wide as its labels and never cuts the id it sends; a reopened session shows
/// a picked choice by its label.
@Suite struct PickerLabelTests {
  static let players = [
    EnumChoice(value: 40_001_003, label: "Sandbox Player v7"),
    EnumChoice(value: 40_001_004, label: "Sandbox Player v7 with the playlist plugin and captions"),
  ]

  /// The upload recipe's player step with uiConf's picker open and loaded.
  static func pickingPlayer(width: Int, height: Int) -> Model {
    var model = Fixtures.uploadModel(width: width, height: height)
    model.send(.key(.character("5")))
    model.focusField("uiConf")
    model.send(.key(.enter), .dynamicOptionsLoaded(step: 4, field: "uiConf", players))
    return model
  }

  @Test(arguments: [(200, 50), (120, 40)])
  func thePickerFitsItsWidestLabel(width: Int, height: Int) {
    let model = Self.pickingPlayer(width: width, height: height)
    #expect(model.screen.contains("Sandbox Player v7 with the playlist plugin and captions  40001004"))
  }

  @Test(arguments: [(80, 24), (60, 16)])
  func aNarrowScreenCutsTheLabelNeverTheID(width: Int, height: Int) {
    let model = Self.pickingPlayer(width: width, height: height)
    let row = model.line(containing: "40001004")
    #expect(row.contains("…  40001004"), "the long label gives up its end: \(row)")
    #expect(model.line(containing: "40001003").contains("Sandbox Player v7  40001003"))
  }

  @Test func aReopenedSessionAsksForTheListingAndShowsTheLabel() throws {
    var session = Fixtures.uploadModel().engine
    session.setValue(.int(40_001_003), step: 4, path: "uiConf")
    var model = Fixtures.uploadModel(session: session.session)
    let commands = startupCommands(model)
    #expect(commands.contains { if case .loadDynamicEnum(4, "uiConf", _) = $0 { true } else { false } })
    model.send(.key(.character("5")))
    #expect(model.line(containing: "uiConf").contains("40001003"))
    model.send(.dynamicOptionsLoaded(step: 4, field: "uiConf", Self.players))
    #expect(model.line(containing: "uiConf").contains("Sandbox Player v7 [40001003] ▾"))
  }

  @Test func aChosenValueStaysReadableWhenItsListingFails() {
    var session = Fixtures.uploadModel().engine
    session.setValue(.int(40_001_003), step: 4, path: "uiConf")
    var model = Fixtures.uploadModel(width: 120, height: 40, session: session.session)
    model.send(.key(.character("5")), .dynamicOptionsFailed(step: 4, field: "uiConf", error: "HTTP 502"))
    let row = model.line(containing: "uiConf")
    #expect(row.contains("40001003 ▾") && row.contains("! HTTP 502"))
  }
}
