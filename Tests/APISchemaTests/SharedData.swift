import Foundation

/// `../shared/data` beside the repository, found from this file's path; nil when absent.
enum SharedData {
  static var directory: URL? {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let data = repo.deletingLastPathComponent().appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: data.path) ? data : nil
  }

  static var specBytes: [UInt8]? {
    guard let url = directory?.appendingPathComponent("ovp.openapi.json"),
      let data = FileManager.default.contents(atPath: url.path)
    else { return nil }
    return [UInt8](data)
  }
}
