import Foundation
import JSONValue
import Testing

/// `../shared/data/recipes`, when the shared data is beside the repository.
private let sharedRecipes: String? = {
  let path = URL(fileURLWithPath: RunHarness.repositoryRoot).deletingLastPathComponent().path + "/shared/data/recipes"
  return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// The portal's account-family workflows walked headless on the embedded sandbox from step 1,
/// with the values a user would type: every step ok, and each step's link to an earlier
/// reply carried.
// Serialized: six binary walks at once load the two CI cores enough to starve the tmux tests'
// progress-bar windows that run beside them.
@Suite(.serialized, .enabled(if: sharedRecipes != nil, "needs ../shared/data/recipes"))
struct OfflineWalkAccountFamiliesTests {
  static let secret = RunHarness.adminSecret

  /// `run RECIPE ARGS --json` on the embedded sandbox (seeded with the known admin secret).
  /// `uploads` entries are made first with the repository's upload recipe, as a user would.
  private func walk(_ recipe: String, _ arguments: [String] = [], uploads: Int = 0) async throws -> [JSONValue] {
    let harness = try RunHarness()
    defer { harness.remove() }
    let seeded = try await RunSandbox.start(
      harness, dataDirectory: harness.directory + "/xdg/recipe-console/sandbox/embedded")
    await seeded.stop()
    for index in 0..<uploads {
      let file = try harness.makeFile(name: "clip\(index).mp4", size: 20_000, seed: UInt64(index + 1))
      let made = try await harness.run(
        ["run", RunHarness.uploadRecipe, "--file", file.path, "--sandbox-delay", "0"], name: "upload\(index)")
      #expect(made.status == 0, "upload \(index): \(made.stdout) \(made.stderr)")
    }
    let result = try await harness.run(
      ["run", sharedRecipes! + "/" + recipe, "--json", "--sandbox-delay", "0"] + arguments, name: "walk")
    #expect(result.status == 0, "\(recipe): \(result.stdout) \(result.stderr)")
    let steps = try result.jsonLines()
    for step in steps {
      #expect(step["ok"] == true, "\(recipe) step \(step["step"]?.displayText ?? "?"): \(step)")
    }
    #expect(!RunHarness.containsUnmaskedKS(result.stdout + result.stderr))
    #expect(!(result.stdout + result.stderr).contains(Self.secret))
    return steps
  }

  @Test("ovp-app_tokens: list, add, get the added token, delete it")
  func appTokens() async throws {
    let steps = try await walk("ovp-app_tokens.md")
    #expect(steps.count == 5)
    let added = try #require(steps[1]["reply"])
    #expect(added["objectType"] == "KalturaAppToken" && added["token"]?.stringValue?.count == 32)
    #expect(steps[2]["reply"]?["id"] == added["id"], "get carries the added token's id")
    #expect(steps[4]["request"] != .null && steps[4]["reply"] == .null)
  }

  @Test("ovp-authentication: start a KS, get its user, log in by login id, list the user's partners")
  func authentication() async throws {
    let steps = try await walk(
      "ovp-authentication.md",
      [
        "--user-id", "user@example.com", "--set", "3.loginId=admin@sandbox.invalid", "--set",
        "3.password=\(Self.secret)",
      ])
    #expect(steps.count == 4)
    #expect(steps[1]["reply"]?["id"] == "user@example.com", "user.get answers the KS's own user")
    #expect(steps[2]["reply"]?.stringValue?.hasPrefix("djJ8") == true)
    #expect(steps[3]["reply"]?["objects"]?[0]?["id"] == 100)
  }

  @Test("ovp-analytics: a total and a table in Kaltura's CSV-in-JSON shape")
  func analytics() async throws {
    let steps = try await walk("ovp-analytics.md")
    #expect(steps.count == 2)
    #expect(steps[0]["reply"]?["objectType"] == "KalturaReportTotal")
    #expect(steps[0]["reply"]?["header"]?.stringValue?.hasPrefix("count_plays,") == true)
    #expect(steps[1]["reply"]?["objectType"] == "KalturaReportTable")
    #expect(steps[1]["reply"]?["totalCount"] != nil)
  }

  @Test("ovp-iterate_entries: list, then the next page from where the first ended")
  func iterateEntries() async throws {
    let steps = try await walk("ovp-iterate_entries.md", uploads: 2)
    #expect(steps.count == 2)
    #expect(steps[0]["reply"]?["totalCount"] == 2)
    let first = try #require(steps[0]["reply"]?["objects"]?.arrayValue)
    let last = try #require(steps[1]["reply"]?["objects"]?.arrayValue)
    #expect(last.count == 1 && last.first?["id"] == first.last?["id"], "page totalCount of size 1 is the last entry")
  }

  @Test("ovp-player_uiconf: pick a player, update it with the config step 1 answered")
  func playerUiConf() async throws {
    let player = "40001003"
    let config = #"{"player":{"playback":{"autoplay":true}}}"#
    let steps = try await walk(
      "ovp-player_uiconf.md",
      ["--set", "1.id=\(player)", "--set", "2.id=\(player)", "--set", "2.uiConf.config=\(config)"])
    #expect(steps.count >= 2)
    #expect(steps[0]["reply"]?["config"]?.stringValue?.contains("playback") == true, "a v7 player has a config")
    #expect(steps[1]["reply"]?["id"] == 40_001_003)
    #expect(steps[1]["reply"]?["config"] == .string(config))
  }

  @Test("ovp-video_search: free text, base field and player searches")
  func videoSearch() async throws {
    let steps = try await walk("ovp-video_search.md")
    #expect(steps.count == 4)
    #expect(steps.dropFirst().allSatisfy { $0["reply"]?["objectType"] == "KalturaMediaListResponse" })
  }
}
