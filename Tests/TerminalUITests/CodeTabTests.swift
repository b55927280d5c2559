import Recipes
import TerminalUI
import Testing
import Walkthrough

/// The Code tab: every language through a picker, `c` cycling, `y` copying the sample shown.
@Suite struct CodeTabTests {
  static func codeModel() -> Model {
    var model = Fixtures.uploadModel(width: 100, height: 30)
    model.focus = .reply
    model.send(.key(.right), .key(.right))
    return model
  }

  /// A step whose only code is the recipe's own curl snippet.
  static func oneLanguageModel() -> Model {
    let text = """
      # One language
      Intro.

      ## Only prose
      Some words.

      ### Sample Code (curl)
      ```bash
      echo hello
      ```
      """
    let engine = WalkthroughEngine(
      recipe: Recipe.parse(text: text, file: "one.md"), document: nil, credentials: Fixtures.credentials)
    var model = Model(
      engine: engine, serviceLabel: "http://127.0.0.1:8080", sessionPath: nil, isEmbeddedSandbox: false,
      colorMode: .none, width: 100, height: 30)
    model.focus = .reply
    model.send(.key(.right), .key(.right))
    return model
  }

  @Test func theHeaderNamesTheKeysAndThePickerOffersEveryLanguage() {
    var model = Self.codeModel()
    #expect(model.replyTab == .code)
    #expect(model.line(containing: "c: next language · Enter: all languages · y: copy").isEmpty == false)
    #expect(model.line(containing: "c next · Enter languages · y copy").isEmpty == false, "the footer")
    #expect(model.send(.key(.enter)).isEmpty)
    #expect(model.mode == .pickingLanguage(LanguagePicker(selection: 0)))
    #expect(model.line(containing: "type to filter · ↑↓ move · Enter show · Esc close").isEmpty == false)
    for language in ["ajax", "curl", "php53", "java", "csharp", "python", "angular", "typescript"] {
      #expect(model.screen.contains("│ \(language) "), "\(language) is offered")
    }
    // The list scrolls to the languages below the box.
    #expect(!model.screen.contains("│ javascript "))
    for _ in 0..<13 { model.send(.key(.down)) }
    #expect(model.screen.contains("│ javascript "))
  }

  @Test func typingFiltersAndEnterShowsThatLanguage() {
    var model = Self.codeModel()
    model.send(.key(.enter))
    model.type("pyth")
    #expect(model.line(containing: "language: pyth▏").isEmpty == false)
    model.send(.key(.enter))
    #expect(model.mode == .navigate)
    #expect(model.line(containing: "from KalturaClient import *").isEmpty == false, "\(model.screen)")
    // Esc closes without changing the language.
    let shown = model.codeSampleIndex
    model.send(.key(.enter), .key(.down), .key(.escape))
    #expect(model.codeSampleIndex == shown)
    #expect(model.mode == .navigate)
  }

  @Test func aClickOnALanguageShowsItAndAClickOutsideCloses() {
    var model = Self.codeModel()
    model.send(.key(.enter))
    let rows = model.lines
    let row = rows.firstIndex { $0.contains("│ python ") } ?? 0
    let column = rows[row].distance(from: rows[row].startIndex, to: rows[row].range(of: "python")!.lowerBound)
    model.send(.mouse(.click(x: column, y: row)))
    #expect(model.mode == .navigate)
    #expect(model.line(containing: "from KalturaClient import *").isEmpty == false)
    model.send(.key(.enter), .mouse(.click(x: 0, y: 0)))
    #expect(model.mode == .navigate)
  }

  @Test func yCopiesTheSampleShown() throws {
    var model = Self.codeModel()
    model.send(.key(.enter))
    model.type("curl")
    model.send(.key(.enter))
    let commands = model.send(.key(.character("y")))
    guard case .copyToClipboard(let request)? = commands.first else {
      Issue.record("y gave \(commands)")
      return
    }
    #expect(request.what == "the curl sample of step 1")
    #expect(request.text.contains("curl -X POST \"http://127.0.0.1:8080/api_v3/service/uploadtoken/action/add\""))
    #expect(request.text.hasSuffix("-d \"format=1\"\n"))
    #expect(!request.text.contains("adminsecret"), "no secret in the copy")
  }

  @Test func oneLanguageOffersNoCyclingNorPicker() {
    var model = Self.oneLanguageModel()
    #expect(model.screen.contains("echo hello"))
    #expect(!model.screen.contains("c: next language"))
    #expect(!model.screen.contains("Enter: all languages"))
    #expect(model.line(containing: "y: copy").isEmpty == false)
    model.send(.key(.enter))
    #expect(model.mode == .navigate, "nothing to pick from")
    guard case .copyToClipboard(let request)? = model.send(.key(.character("y"))).first else {
      Issue.record("y copies the one sample")
      return
    }
    #expect(request.text == "echo hello\n")
  }

  /// The picker over the top left of the Code tab, filtered to the ids containing "a".
  @Test func thePickerOverTheCodeTabAsAScreen() {
    var model = Self.codeModel()
    model.send(.key(.enter))
    model.type("a")
    expectScreen(
      model,
      """
       Upload a Video                                                                            step 1/5
       http://127.0.0.1:8080 (embedded sandbox) · partner 100 · no session file
      ────────────────────────────────────────────────────────────────────────────────────────────────────
      ▸1  · …Create an Upload… │ 1. Uploading Files - Create an Upload Token         POST uploadToken.add
       2  · …Send the Data     │ Use the uploadToken service to upload a new video file to the Kaltura
       3  · Creating a Media … │ API. First you'll need to use uploadToken.add to create a new upload
       4  · Attach the Video   │ token.
       5  · Viewing your Video │
                               │ If you're working in JavaScript, the jQuery File Upload widget
                               │ (https://github.com/kaltura/jQuery-File-Upload) will take care of this
                               │ step for you.
                               │ ─ Form ──────────────────────────────────────────────────────────────────
                               │   [ Send ▶ ]  Enter or r sends · R replays from here
                               │  Reply │ Request │ Code │────────────────────────────────────────────────
                               │ aj┌─ language: a▏ ───────┐p53 java csharp python angular typescript swif
                               │ ↪ │ ajax                 │anguage · Enter: all languages · y: copy
                               │ $(│ java                 │).fileupload({
                               │   │ csharp               │kaltura.com/api_v3/',
                               │   │ angular              │ltura.com/api_v3/?service=uploadToken&action=u
                               │ ↪ │ javascript           │
                               │   └──────────────────────┘
                               │       singleFileUploads: true,
                               │       dataType: 'json',
                               │       autoUpload: true,
                               │       submit: function(e, data) {
                               │         console.log('uploading...')
                               │       },
                               │       done: function(e, data) {                                         ↓
       type to filter · ↑↓ move · Enter show · Esc close

      """)
  }
}
