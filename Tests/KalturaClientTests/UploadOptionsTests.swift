import JSONValue
import KalturaClient
import KalturaWire
import Testing

@Suite("--chunk-size and --parallel")
struct UploadOptionsTests {
  @Test("defaults: adaptive 1 MiB-16 MiB × 1-8, starting at 8 MiB × 4")
  func defaults() throws {
    let options = try UploadOptions()
    #expect(options.chunkSize == 8 << 20)
    #expect(options.parallelism == 4)
    #expect(options.tuning.adaptive)
    #expect(options.tuning.minChunkSize == 1 << 20 && options.tuning.maxChunkSize == 16 << 20)
    #expect(options.tuning.minParallelism == 1 && options.tuning.maxParallelism == 8)
  }

  @Test("one value fixes it; the start is clamped into the bounds")
  func fixed() throws {
    let options = try UploadOptions(chunkSize: "1MiB", parallel: "2")
    #expect(options.chunkSize == 1 << 20)
    #expect(options.parallelism == 2)
    #expect(!options.tuning.adaptive)
  }

  @Test("MIN-MAX bounds the tuner", arguments: [("16M-32M", Int64(16 << 20)), ("512KiB-2MiB", Int64(2 << 20))])
  func ranges(text: String, start: Int64) throws {
    let options = try UploadOptions(chunkSize: text, parallel: "2-6")
    #expect(options.chunkSize == start)
    #expect(options.parallelism == 4)
    #expect(options.tuning.adaptive)
    #expect(options.tuning.maxParallelism == 6)
  }

  @Test("units are powers of 1024", arguments: [("4096", 4096), ("4k", 4096), ("4KB", 4096), ("3g", 3 << 30)])
  func units(text: String, bytes: Int64) throws {
    #expect(try UploadOptions(chunkSize: text).chunkSize == bytes)
  }

  @Test(
    "bad values name the option and what it expects",
    arguments: [
      (Optional("8 parsecs"), String?.none, "--chunk-size expects VALUE or MIN-MAX"),
      ("0", nil, "--chunk-size must be at least 1"), ("8M-1M", nil, "minimum is larger"),
      (nil, "many", "--parallel expects VALUE or MIN-MAX"), (nil, "1-2-3", "--parallel expects"),
      (nil, "5000", "--parallel expects"),
    ])
  func badValues(chunk: String?, parallel: String?, message: String) {
    #expect {
      _ = try UploadOptions(chunkSize: chunk, parallel: parallel)
    } throws: { error in
      (error as? UploadOptionError)?.message.contains(message) == true
    }
  }
}

@Suite("Checkpoints as session-file JSON")
struct CheckpointJSONTests {
  @Test("round trip keeps token, fingerprint and acknowledged ranges")
  func roundTrip() throws {
    let fingerprint = FileFingerprint(
      path: "/tmp/movie.bin", size: 10_000, modificationTime: 1_795_597_652.123456, headTailHash: "fnv1a64:0123")
    let checkpoint = UploadCheckpoint(
      uploadTokenID: "0_abc", fingerprint: fingerprint,
      acknowledged: [FileRange(offset: 0, length: 4000), FileRange(offset: 6000, length: 1000)])
    let text = checkpoint.json.prettyText()
    let back = try #require(UploadCheckpoint(json: try JSONValue(parsing: text)))
    #expect(back.uploadTokenID == "0_abc")
    #expect(back.acknowledged == checkpoint.acknowledged)
    #expect(back.fingerprint.sameContent(as: fingerprint))
    #expect(checkpoint.json["uploadTokenId"]?.stringValue == "0_abc")
  }

  @Test("a range outside the file or a missing member is not a checkpoint")
  func rejects() throws {
    var json = UploadCheckpoint(
      uploadTokenID: "0_abc",
      fingerprint: FileFingerprint(path: "/f", size: 10, modificationTime: 1, headTailHash: "h")
    ).json
    json.setValue([[5, 6]], atPath: "acknowledged")
    #expect(UploadCheckpoint(json: json) == nil)
    json.setValue([], atPath: "acknowledged")
    #expect(UploadCheckpoint(json: json) != nil)
    json.setValue(.null, atPath: "file")
    #expect(UploadCheckpoint(json: json) == nil)
  }
}
