import Foundation
import JSONValue
import Testing

/// The published recipes in ../shared (absent in a plain checkout).
private let publishedRecipes = RunHarness.repositoryRoot + "/../shared/data/recipes"
private let haveRecipes = FileManager.default.fileExists(atPath: publishedRecipes + "/ovp-captions.md")

/// Issue 12's check for the media families: each portal recipe walks headless on the embedded
/// sandbox from step 1 with the values a user would type, every step ok, links carried.
@Suite(.serialized, .enabled(if: haveRecipes, "needs ../shared/data/recipes (the published portal recipes)"))
struct OfflineWalkMediaFamiliesTests {
  /// An entry with content on the embedded sandbox, made as a user would: the upload recipe.
  private func entry(_ harness: RunHarness) async throws -> String {
    let file = try harness.makeFile(name: "clip.mp4", size: 20_000, seed: 12)
    let result = try await harness.run(
      ["run", RunHarness.uploadRecipe, "--file", file.path, "--set", "3.entry.mediaType=1", "--json"], name: "upload")
    #expect(result.status == 0, "stderr: \(result.stderr)")
    return try #require(try result.jsonLines().last?["reply"]?["id"]?.stringValue)
  }

  /// Runs `recipe` with `sets` (`N.path=value`); every step must be ok. The replies, by step.
  private func walk(_ harness: RunHarness, _ recipe: String, _ sets: [String], steps: Int) async throws -> [JSONValue] {
    var arguments = ["run", publishedRecipes + "/" + recipe, "--json"]
    for set in sets { arguments += ["--set", set] }
    let result = try await harness.run(arguments, name: recipe)
    #expect(result.status == 0, "stdout: \(result.stdout) stderr: \(result.stderr)")
    let lines = try result.jsonLines()
    #expect(lines.count == steps, "stdout: \(result.stdout)")
    for line in lines {
      #expect(line["ok"] == .bool(true), "step \(line["step"]?.displayText ?? "?"): \(line.prettyText())")
    }
    return lines.map { $0["reply"] ?? .null }
  }

  /// In a fresh harness: an entry made by the upload recipe, then `recipe` walked with the
  /// `sets` for that entry (which may write files into the harness). The entry id and the
  /// replies, by step.
  private func walkOnEntry(
    _ recipe: String, steps: Int, _ sets: (RunHarness, String) throws -> [String]
  ) async throws -> (entryId: String, replies: [JSONValue]) {
    let harness = try RunHarness()
    defer { harness.remove() }
    let entryId = try await entry(harness)
    return (entryId, try await walk(harness, recipe, try sets(harness, entryId), steps: steps))
  }

  @Test("ovp-code_cue_points: list by entry and type, add a code cue point, get it, view the entry, delete it")
  func codeCuePoints() async throws {
    let (entryId, replies) = try await walkOnEntry("ovp-code_cue_points.md", steps: 5) { _, entryId in
      [
        "1.filter.entryIdEqual=\(entryId)", "2.cuePoint.code=intro", "2.cuePoint.startTime=5000",
        "2.cuePoint.description=Opening", "4.uiConf=40001001",
      ]
    }
    let added = replies[1]
    #expect(added["objectType"] == "KalturaCodeCuePoint")
    #expect(added["entryId"]?.stringValue == entryId, "step 1's entry is carried into step 2")
    #expect(added["code"] == "intro")
    #expect(added["startTime"]?.displayText == "5000")
    #expect(replies[2]["id"] == added["id"], "step 3 gets the cue point step 2 added")
    #expect(replies[2]["code"] == "intro")
    #expect(replies[3]["id"]?.stringValue == entryId)
  }

  @Test("ovp-captions: upload an SRT, add a caption asset, set its content from the token, search its text")
  func captions() async throws {
    var srtSize = 0
    let (entryId, replies) = try await walkOnEntry("ovp-captions.md", steps: 6) { harness, entryId in
      let srt = harness.directory + "/captions.srt"
      try "1\n00:00:01,000 --> 00:00:04,000\nWe support captions\n\n2\n00:00:05,500 --> 00:00:07,000\nThe end\n"
        .write(toFile: srt, atomically: true, encoding: .utf8)
      srtSize = try FileManager.default.attributesOfItem(atPath: srt)[.size] as? Int ?? -1
      return ["1.entryId=\(entryId)", "3.fileData=@\(srt)", "4.captionAsset.label=English"]
    }
    #expect(replies[3]["entryId"]?.stringValue == entryId)
    let content = replies[4]
    #expect(content["id"] == replies[3]["id"], "setContent updates the asset step 4 added")
    #expect(content["status"] == .int(2), "READY once its content is set")
    #expect(content["size"]?.displayText == "\(srtSize)")
    let found = try #require(replies[5]["objects"]?.arrayValue)
    #expect(found.count == 1, "only the cue with \"support\": \(replies[5].prettyText())")
    #expect(found.first?["content"] == "We support captions")
    #expect(found.first?["startTime"] == .int(1000))
    #expect(found.first?["asset"]?["id"] == content["id"])
    #expect(found.first?["entry"]?["id"]?.stringValue == entryId)
  }

  @Test("ovp-metadata: a profile with the recipe's XSD, metadata added and updated on an entry, both deleted")
  func metadata() async throws {
    let (entryId, replies) = try await walkOnEntry("ovp-metadata.md", steps: 5) { _, entryId in
      ["1.metadataProfile.name=Demo fields", "1.metadataProfile.systemName=demo", "2.objectId=\(entryId)"]
    }
    #expect(replies[0]["xsd"]?.stringValue?.contains("Somefield") == true)
    let added = replies[1]
    #expect(added["objectType"] == "KalturaMetadata")
    #expect(added["metadataProfileId"] == replies[0]["id"], "step 1's profile is carried into step 2")
    #expect(added["objectId"]?.stringValue == entryId)
    #expect(added["xml"] == "<metadata><Somefield>LINUX RULES</Somefield></metadata>")
    #expect(replies[2]["id"] == added["id"])
    #expect(replies[2]["xml"] == "<metadata><Somefield>NEW VALUE HERE</Somefield></metadata>")
    #expect(replies[2]["version"] == .int(2))
  }

  @Test("ovp-metadata: XML the profile's XSD does not declare is refused with INVALID_METADATA_DATA")
  func metadataRefused() async throws {
    let harness = try RunHarness()
    defer { harness.remove() }
    let entryId = try await entry(harness)
    let result = try await harness.run(
      [
        "run", publishedRecipes + "/ovp-metadata.md", "--json", "--steps", "1-2", "--set", "1.metadataProfile.name=D",
        "--set", "2.objectId=\(entryId)", "--set", "2.xmlData=<metadata><Other>x</Other></metadata>",
      ], name: "refused")
    #expect(result.status == 1)
    let lines = try result.jsonLines()
    #expect(lines.last?["reply"]?["code"] == "INVALID_METADATA_DATA", "\(result.stdout)")
  }

  @Test("ovp-dynamic_thumbnails: both steps get the chosen entry, whose thumbnailUrl is a thumbnail URL")
  func dynamicThumbnails() async throws {
    let (entryId, replies) = try await walkOnEntry("ovp-dynamic_thumbnails.md", steps: 2) { _, entryId in
      ["1.entryId=\(entryId)"]
    }
    #expect(replies[0]["id"]?.stringValue == entryId)
    #expect(replies[1]["id"]?.stringValue == entryId, "step 1's entry is carried into step 2")
    #expect(replies[1]["thumbnailUrl"]?.stringValue?.contains("/thumbnail/entry_id/\(entryId)") == true)
  }
}
