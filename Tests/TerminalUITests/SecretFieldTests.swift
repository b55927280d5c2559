import Recipes
import TerminalUI
import Testing
import Walkthrough

/// Issue 10 item 8: secrets read `••••` on screen while typed and after; ^R shows the focused
/// one until the next key. Every check reads the rendered screen text.
@Suite struct SecretFieldTests {
  /// session.start as a recipe without a spec: `secret` is secret by its name alone (and
  /// prefilled from the session's admin secret), `privileges` is not secret at all.
  static let sessionRecipe = """
    # Sessions
    ## Start a session
    ### API Call
    ```json
    {
      "method": "post",
      "path": "/service/session/action/start",
      "parameters": [
        {"name": "secret", "type": "string", "fromSecrets": true},
        {"name": "userSecret", "type": "string"},
        {"name": "privileges", "type": "string"}
      ]
    }
    ```
    """

  func sessionModel() -> Model {
    let recipe = Recipe.parse(text: Self.sessionRecipe, file: "sessions.md")
    let engine = WalkthroughEngine(recipe: recipe, document: nil, credentials: Fixtures.credentials)
    return Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: nil, isEmbeddedSandbox: false,
      colorMode: .none, width: 100, height: 30)
  }

  @Test func aSecretPrefilledFromTheSessionNeverReachesTheScreen() {
    var model = sessionModel()
    #expect(model.engine.values(0)["secret"]?.value == "adminsecret", "the field is prefilled")
    #expect(!model.screen.contains("adminsecret"))
    #expect(model.line(containing: "secret").contains("••••••••"))
    model.send(.key(.down), .key(.down), .key(.up), .key(.up))
    #expect(!model.screen.contains("adminsecret"))
  }

  @Test func aFieldSecretByItsNameIsMaskedWhileTypedAndAfter() {
    var model = sessionModel()
    model.focusField("userSecret")
    model.send(.key(.enter))
    model.type("hunter2-user")
    #expect(!model.screen.contains("hunter2"))
    #expect(model.line(containing: "userSecret").contains("••••••••••••"), "one dot per typed character")
    model.send(.key(.enter))
    #expect(model.engine.values(0)["userSecret"]?.value == "hunter2-user")
    #expect(!model.screen.contains("hunter2"))
    #expect(model.line(containing: "userSecret").contains("••••••••"))
  }

  @Test func controlRShowsTheFocusedSecretUntilTheNextKey() {
    var model = sessionModel()
    model.focusField("secret")
    #expect(model.screen.contains("^R reveal"), "the footer offers the reveal on a secret field")
    model.send(.key(.control("r")))
    #expect(model.line(containing: "secret").contains("adminsecret"))
    model.send(.key(.down))
    #expect(!model.screen.contains("adminsecret"), "any key hides it again")
    model.send(.key(.up), .key(.control("r")), .key(.control("r")))
    #expect(!model.screen.contains("adminsecret"), "a second ^R hides it")
  }

  @Test func controlRWhileTypingShowsTheTextAndTheNextKeyStillTypes() {
    var model = Fixtures.widgetModel()
    model.focusField("password")
    model.send(.key(.enter))
    model.type("s3cre")
    #expect(model.screen.contains("^R reveal"))
    model.send(.key(.control("r")))
    #expect(model.line(containing: "password").contains("s3cre"))
    model.type("t")
    #expect(!model.screen.contains("s3cre"))
    model.send(.key(.enter))
    #expect(model.engine.values(0)["password"]?.value == "s3cret")
  }

  @Test func controlROnAFieldThatIsNotSecretRevealsNothing() {
    var model = sessionModel()
    model.focusField("privileges")
    #expect(!model.screen.contains("^R reveal"))
    model.send(.key(.control("r")))
    #expect(model.screen.contains("^R shows a secret field's value: focus one first"))
    #expect(!model.screen.contains("adminsecret"))
  }

  @Test func theHelpListsTheRevealKey() {
    var model = sessionModel()
    model.send(.key(.character("?")))
    #expect(model.line(containing: "e ^R").contains("$EDITOR · reveal secret"))
  }
}
