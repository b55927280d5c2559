import ChildProcess
import Foundation

/// A small RGB PNG written without an image library: the sandbox's stand-in thumbnail when no
/// ffmpeg can grab a real frame. Stored (uncompressed) deflate blocks keep it dependency-free.
enum PNGImage {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// A `width`×`height` diagonal gradient whose colours come from `seed` (an entry id), so
  /// different entries get visibly different thumbnails.
  static func gradient(width: Int, height: Int, seed: String) -> [UInt8] {
    let hash = seed.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
    let from = [
      UInt8(truncatingIfNeeded: hash), UInt8(truncatingIfNeeded: hash >> 8), UInt8(truncatingIfNeeded: hash >> 16),
    ]
    let to = from.map { 255 - $0 }
    var raw: [UInt8] = []
    raw.reserveCapacity((width * 3 + 1) * height)
    let span = max(width + height - 2, 1)
    for y in 0..<height {
      raw.append(0)  // filter type None
      for x in 0..<width {
        let t = x + y
        for channel in 0..<3 {
          raw.append(UInt8((Int(from[channel]) * (span - t) + Int(to[channel]) * t) / span))
        }
      }
    }
    return encode(width: width, height: height, rgbRows: raw)
  }

  static func encode(width: Int, height: Int, rgbRows raw: [UInt8]) -> [UInt8] {
    var header: [UInt8] = []
    header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    header += [8, 2, 0, 0, 0]  // 8-bit, truecolour, deflate, no filter, no interlace
    return signature + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
  }

  private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typed = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
  }

  private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let count = min(65_535, data.count - offset)
      let last: UInt8 = offset + count == data.count ? 1 : 0
      out.append(last)
      out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
      out += data[offset..<offset + count]
      offset += count
    } while offset < data.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in data {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return out + bigEndian(b << 16 | a)
  }

  private static let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func crc32(_ data: [UInt8]) -> UInt32 {
    ~data.reduce(~UInt32(0)) { crcTable[Int(($0 ^ UInt32($1)) & 0xFF)] ^ ($0 >> 8) }
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}

/// An entry's thumbnail: a real frame when ffmpeg is on the machine, else a generated PNG.
enum EntryThumbnail {
  static let defaultSize = (width: 120, height: 90)

  /// `/p/{pid}[/sp/{pid}00]/thumbnail/entry_id/{id}[/width/W/height/H][/thumb_asset_id/T]…`: the
  /// entry id, size and asset.
  static func request(_ segments: [String]) -> (
    partnerId: Int, entryId: String, width: Int, height: Int, thumbAssetId: String?
  )? {
    guard segments.count >= 2, segments[0] == "p", let partnerId = Int(segments[1]),
      let start = segments.firstIndex(of: "thumbnail")
    else { return nil }
    var values: [String: String] = [:]
    var index = start + 1
    while index + 1 < segments.count {
      values[segments[index]] = segments[index + 1]
      index += 2
    }
    guard let entryId = values["entry_id"] ?? values["entryId"] else { return nil }
    // Bounded, so a URL cannot make the sandbox build a gigapixel image.
    let width = min(max(values["width"].flatMap(Int.init) ?? defaultSize.width, 1), 4096)
    let height = min(max(values["height"].flatMap(Int.init) ?? defaultSize.height, 1), 4096)
    return (partnerId, entryId, width, height, values["thumb_asset_id"])
  }

  /// A frame of `video` scaled to the size, by ffmpeg; nil when ffmpeg is absent, fails or takes
  /// longer than `timeout` (the sandbox's test uploads are random bytes, no video ffmpeg can read).
  static func frame(video: String, width: Int, height: Int, timeout: Duration = .seconds(20)) async -> [UInt8]? {
    guard let ffmpeg = executable("ffmpeg") else { return nil }
    let arguments = [
      "-v", "error", "-i", video, "-frames:v", "1", "-vf", "scale=\(width):\(height)", "-f", "image2", "-c:v", "png",
      "pipe:1",
    ]
    guard
      let ran = try? await ChildProcess.run(ffmpeg, arguments, mergingErrors: false, timeout: timeout),
      ran.status == 0, ran.standardOutput.starts(with: PNGImage.signature)
    else { return nil }
    return [UInt8](ran.standardOutput)
  }

  private static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
