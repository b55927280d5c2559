import APISchema
import Foundation
import JSONValue
import KalturaClient
import KalturaWire
import Recipes
import Sandbox
import Testing
import Walkthrough

/// The sandbox's spec says which actions it only synthesizes; the form warns before sending and
/// the exchange remembers the reply was made up.
@Suite struct SandboxSynthesizedTests {
  @Test func aSynthesizedActionIsFlaggedBeforeAndAfterItIsSent() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try await SandboxServer.start(
      SandboxConfiguration(dataDirectory: directory.appendingPathComponent("data").path, conversionDelay: 0))
    let transport = KalturaHTTPTransport()
    do {
      let ks = KalturaKS.generateV2(adminSecret: server.adminSecret, partnerID: server.partnerID, type: .admin)
      let credentials = ServiceCredentials(
        serviceURL: server.baseURL, partnerID: server.partnerID, ks: ks, adminSecret: server.adminSecret)
      let specReply = try await transport.send(
        HTTPRequestSpec(method: "GET", url: credentials.apiBaseURL + "/openapi.json"))
      let spec = try #require(try APISchemaLoader.load(specReply))
      let steps = recipe([
        ("Approve", #"{"method": "post", "path": "/service/media/action/approve"}"#),
        ("Add a cue point", #"{"method": "post", "path": "/service/cuepoint_cuepoint/action/add"}"#),
      ])
      var engine = WalkthroughEngine(recipe: steps, document: spec, credentials: credentials)
      #expect(engine.form(0)?.replyIsSynthesized == true)
      #expect(engine.form(1)?.replyIsSynthesized == false, "cue points are stored, not made up")
      #expect(engine.form(1)?.fields.isEmpty == false, "the full spec types every form")
      engine.setValue("0_abc", step: 0, path: "body.entryId")
      let exchange = await StepRunner(transport: transport).run(step: 0, engine: &engine)
      #expect(exchange.ok, "\(exchange.error ?? "")")
      #expect(exchange.synthesized)
    } catch {
      Issue.record(error)
    }
    try? await transport.shutdown()
    await server.stop()
  }
}
