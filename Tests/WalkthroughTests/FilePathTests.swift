import JSONValue
import Recipes
import Testing
import Walkthrough

@Suite struct FilePathTests {
  @Test func tildeIsTheHomeDirectory() {
    #expect(FilePath.normalized("~/clip.mp4", home: "/home/ana") == "/home/ana/clip.mp4")
    #expect(FilePath.normalized("~/clip.mp4", home: "/home/ana/") == "/home/ana/clip.mp4")
    #expect(FilePath.normalized("~", home: "/home/ana") == "/home/ana")
    #expect(FilePath.normalized("  /tmp/a b.mp4 ", home: "/home/ana") == "/tmp/a b.mp4")
    #expect(FilePath.normalized("~bob/x", home: "/home/ana") == "~bob/x")
    #expect(FilePath.normalized("dir/~/x", home: "/home/ana") == "dir/~/x")
    #expect(FilePath.normalized("~/x", home: nil) == "~/x")
  }

  @Test func aFileFieldStoresTheNormalisedPathAndSendsIt() throws {
    let text = """
      # Files
      ## Upload
      ### API Call
      ```json
      {"method": "post", "path": "/service/uploadtoken/action/upload", "parameters": [
        {"name": "fileData", "in": "formData", "type": "file"}]}
      ```
      """
    var engine = WalkthroughEngine(
      recipe: Recipe.parse(text: text, file: "f.md"), document: nil, credentials: testCredentials)
    engine.homeDirectory = "/home/ana"
    try engine.setInput("~/clip.mp4", step: 0, path: "fileData")
    #expect(engine.session[0].edits["fileData"] == "/home/ana/clip.mp4")
    engine.setValue("~/other.mp4", step: 0, path: "fileData")
    #expect(engine.values(0)["fileData"]?.value == "/home/ana/other.mp4")
  }
}
