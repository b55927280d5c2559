import ArgumentParser
import KalturaClient

/// `--chunk-size` and `--parallel`, shared by `run` and the console.
struct UploadArguments: ParsableArguments {
  @Option(
    name: .customLong("chunk-size"),
    help: "Upload chunk size: SIZE fixes it, MIN-MAX bounds the adaptive tuner (default 1MiB-16MiB, starting at 8MiB).")
  var chunkSize: String?

  @Option(
    name: .customLong("parallel"),
    help: "Chunks in flight: N fixes it, MIN-MAX bounds the adaptive tuner (default 1-8, starting at 4).")
  var parallel: String?

  /// The parsed bounds; throws a message naming the option for a malformed value.
  func options() throws -> UploadOptions { try UploadOptions(chunkSize: chunkSize, parallel: parallel) }
}
