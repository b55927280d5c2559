import JSONValue
import Testing

@testable import Samples

/// Demo pages walked against a sandbox (or an on-premises server) load the player from that
/// service; pages for Kaltura's own service keep the CDN.
@Suite struct DemoPageTests {
  @Test func playerOriginIsTheServiceUnlessItIsKalturas() {
    #expect(DemoPage.playerOrigin(serviceURL: "http://127.0.0.1:4321/api_v3") == "http://127.0.0.1:4321")
    #expect(DemoPage.playerOrigin(serviceURL: "https://media.example.org") == "https://media.example.org")
    #expect(DemoPage.playerOrigin(serviceURL: "http://localhost:80/?x") == "http://localhost:80")
    #expect(DemoPage.playerOrigin(serviceURL: "https://www.kaltura.com") == nil)
    #expect(DemoPage.playerOrigin(serviceURL: "https://WWW.Kaltura.com:443/api_v3") == nil)
    #expect(DemoPage.playerOrigin(serviceURL: "https://kaltura.com") == nil)
    #expect(DemoPage.playerOrigin(serviceURL: "not a url") == nil)
    #expect(DemoPage.playerOrigin(serviceURL: "") == nil)
  }

  @Test func cdnReferencesPointToTheOrigin() {
    let html = """
      <script src="//cdnapisec.kaltura.com/p/1/sp/100/embedIframeJs/uiconf_id/2/partner_id/1"></script>
      <img src="https://cdnapisec.kaltura.com/p/1/thumbnail/entry_id/0_a/width/240">
      <div style="background-image: url(http://cdnapi.kaltura.com)"></div>
      <a href="https://cdnapisec.kaltura.com.evil.example/x">not the CDN</a>
      """
    let pointed = DemoPage.pointingCDN(html, to: "http://127.0.0.1:9")
    #expect(
      pointed == """
        <script src="http://127.0.0.1:9/p/1/sp/100/embedIframeJs/uiconf_id/2/partner_id/1"></script>
        <img src="http://127.0.0.1:9/p/1/thumbnail/entry_id/0_a/width/240">
        <div style="background-image: url(http://127.0.0.1:9)"></div>
        <a href="https://cdnapisec.kaltura.com.evil.example/x">not the CDN</a>
        """)
  }

  @Test func renderPointsThePageOnlyWhenGivenAnOrigin() throws {
    let template = "<html><script src=\"//cdnapisec.kaltura.com/p/<%- answers.partnerId %>/x\"></script></html>"
    let context = TemplateContext(answers: JSONObject([("partnerId", 7)]))
    #expect(
      try DemoPage.render(template, context: context).get()
        == "<html><script src=\"//cdnapisec.kaltura.com/p/7/x\"></script></html>")
    #expect(
      try DemoPage.render(template, context: context, playerOrigin: "http://127.0.0.1:5").get()
        == "<html><script src=\"http://127.0.0.1:5/p/7/x\"></script></html>")
  }

  @Test func defaultPathIsBesideTheSession() {
    #expect(DemoPage.defaultPath(sessionPath: "/w/a.session.json", step: 4, demoCount: 1) == "/w/a.demo.html")
    #expect(DemoPage.defaultPath(sessionPath: "b.json", step: 0, demoCount: 1) == "b.demo.html")
    #expect(DemoPage.defaultPath(sessionPath: "/w/c", step: 0, demoCount: 1) == "/w/c.demo.html")
    #expect(DemoPage.defaultPath(sessionPath: "/w/a.session.json", step: 2, demoCount: 3) == "/w/a.step3.demo.html")
  }
}
