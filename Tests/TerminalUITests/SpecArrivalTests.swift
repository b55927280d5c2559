import JSONValue
import TerminalUI
import Testing
import Walkthrough

/// The console draws before the spec arrives; `.specLoaded` then types the forms.
@Suite struct SpecArrivalTests {
  /// The upload recipe on its own forms, as the console opens it while the spec loads.
  static func untypedModel() -> Model {
    var engine = WalkthroughEngine(recipe: Fixtures.uploadRecipe, document: nil, credentials: Fixtures.credentials)
    engine.homeDirectory = "/home/user"
    var model = Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: nil, isEmbeddedSandbox: true,
      colorMode: .none, width: 100, height: 30)
    model.isLoadingSpec = true
    return model
  }

  @Test func theSpecArrivingTypesTheFormsAndKeepsEveryAnswer() throws {
    var model = Self.untypedModel()
    #expect(model.line(containing: "step 1/5").isEmpty == false)
    #expect(model.screen.contains("loading spec…"))
    // Step 3: a name and a media type typed while the forms are still the recipe's own.
    model.currentStep = 2
    let name = try #require(model.currentRows.first { $0.name == "name" }).path
    let mediaType = try #require(model.currentRows.first { $0.name == "mediaType" })
    #expect(mediaType.kind != .enumeration)
    model.focusField(name)
    model.send(.key(.enter))
    model.type("My clip")
    model.send(.key(.enter))
    model.focusField(mediaType.path)
    model.send(.key(.enter))
    model.type("1")
    model.send(.key(.enter))
    #expect(model.engine.session[2].edits[mediaType.path] == "1")
    // Step 2: the resume offset replaced.
    model.currentStep = 1
    model.focusField("resumeAt")
    model.send(.key(.enter), .key(.control("u")))
    model.type("512")
    model.send(.key(.enter))
    let resumeAt = model.engine.values(1)["resumeAt"]?.value

    model.send(.specLoaded(LoadedSpec(document: Fixtures.uploadSpec)))

    #expect(model.isLoadingSpec == false)
    #expect(model.screen.contains("loading spec…") == false)
    #expect(model.engine.document != nil)
    #expect(model.engine.form(2)?.field(mediaType.path)?.kind == .enumeration)
    // The text typed into the untyped field is the typed field's value now: a number, not "1".
    #expect(model.engine.values(2)[mediaType.path]?.value == .int(1))
    #expect(model.engine.values(2)[name]?.value == "My clip")
    #expect(model.engine.values(1)["resumeAt"]?.value == resumeAt)
    #expect(model.focusedField?.path == "resumeAt")
  }

  @Test func anEditUnderWayWhenTheSpecArrivesIsKeptAndReadAsTheTypedField() throws {
    var model = Self.untypedModel()
    model.currentStep = 2
    let untyped = try #require(model.currentRows.first { $0.name == "mediaType" })
    #expect(untyped.kind != .enumeration)
    model.focusField(untyped.path)
    model.send(.key(.enter))
    model.type("1")

    model.send(.specLoaded(LoadedSpec(document: Fixtures.uploadSpec)))
    #expect(model.engine.form(2)?.field(untyped.path)?.kind == .enumeration)
    #expect(model.focusedField?.path == untyped.path)
    guard case .editing(let path, let editor) = model.mode else {
      Issue.record("the edit under way was dropped: \(model.mode)")
      return
    }
    #expect(path == untyped.path)
    #expect(editor.text == "1")

    model.send(.key(.enter))
    #expect(model.engine.values(2)[untyped.path]?.value == .int(1))
  }

  @Test func noSpecLeavesTheRecipesFormsAndSaysWhy() {
    var model = Self.untypedModel()
    model.currentStep = 1
    model.focusField("resumeAt")
    model.send(.key(.enter))
    model.type("512")
    model.send(.key(.enter))
    let before = model.engine.session

    model.send(.specLoaded(LoadedSpec(document: nil, note: "no spec (the service has no openapi.json)")))

    #expect(model.isLoadingSpec == false)
    #expect(model.engine.session == before)
    #expect(model.screen.contains("no spec (the service has no openapi.json)"))
  }
}
