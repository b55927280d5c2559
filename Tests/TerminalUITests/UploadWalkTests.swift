import JSONValue
import TerminalUI
import Testing
import Walkthrough

/// The whole upload recipe, as the end-to-end tmux test walks it, with the runtime's replies
/// fed in as messages.
@Suite struct UploadWalkTests {
  static func reply(_ body: JSONValue, to request: PreparedRequest) -> Exchange {
    Exchange(
      method: request.spec.method, url: request.displayURL, requestBody: request.displayBody, status: 200,
      reply: body, replyIsJSON: true, ok: true, milliseconds: 21)
  }

  /// Sends the current step and answers it; returns the request the runtime was asked to send.
  static func sendAndReply(_ model: inout Model, _ body: JSONValue) -> PreparedRequest? {
    let step = model.currentStep
    guard case .send(step, let request) = model.send(.key(.character("r"))).first else { return nil }
    model.send(.stepReplied(step: step, reply(body, to: request)))
    return request
  }

  @Test func walkingTheUploadRecipe() throws {
    var model = Fixtures.uploadModel()
    model.sessionPath = "upload-session.json"

    try #require(Self.sendAndReply(&model, ["id": "0_tok1", "objectType": "KalturaUploadToken", "status": 0]) != nil)

    model.send(.key(.character("n")))
    model.focusField("fileData")
    model.send(.key(.enter))
    model.type("/media/logo.mp4")
    model.send(.key(.enter), .fileSize(step: 1, field: "fileData", bytes: 2_000_000))
    #expect(model.line(containing: "fileData").contains("/media/logo.mp4  1.9 MiB"))
    let upload = try #require(Self.sendAndReply(&model, ["id": "0_tok1", "status": 2, "fileSize": 2_000_000]))
    #expect(upload.upload?.uploadTokenID == "0_tok1")
    #expect(upload.upload?.filePath == "/media/logo.mp4")

    model.send(.key(.character("n")))
    model.focusField("body.entry.name")
    model.send(.key(.enter))
    model.type("Logo")
    model.send(.key(.enter))
    model.focusField("body.entry.mediaType")
    model.send(.key(.enter))
    model.type("vid")
    model.send(.key(.enter))
    #expect(model.line(containing: "mediaType").contains("VIDEO [1]"))
    let add = try #require(
      Self.sendAndReply(&model, ["id": "0_abc", "name": "Logo", "mediaType": 1, "status": 7]))
    #expect(add.displayBody?["entry"]?["name"] == "Logo")
    #expect(add.displayBody?["entry"]?["mediaType"] == 1)

    model.send(.key(.character("n")))
    #expect(model.line(containing: "entryId").contains("0_abc"))
    #expect(model.line(containing: "token ").contains("0_tok1"))
    try #require(Self.sendAndReply(&model, ["id": "0_abc", "status": 1]) != nil)

    model.send(.key(.character("n")))
    model.focusField("uiConf")
    model.send(.key(.enter))
    model.send(
      .dynamicOptionsLoaded(step: 4, field: "uiConf", [EnumChoice(value: 4242, label: "Default player")]),
      .key(.enter))
    let get = try #require(
      Self.sendAndReply(&model, ["id": "0_abc", "name": "Logo", "status": 2, "objectType": "KalturaMediaEntry"]))
    #expect(get.displayURL.contains("media/action/get"))
    #expect(get.displayBody?["entryId"] == "0_abc")

    #expect((0..<5).allSatisfy { model.status(of: $0) == .done })
    #expect(model.engine.session.steps.map(\.exchanges.count) == [1, 1, 1, 1, 1])
    #expect(model.screen.contains("\"id\": \"0_abc\""))
    #expect(model.screen.contains("\"status\": 2"))
    #expect(model.screen.contains("Step 5 done · all steps done"))
    #expect(model.line(containing: "uiConf").contains("Default player [4242]"))
  }
}
