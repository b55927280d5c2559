import Foundation
import JSONValue
import KalturaWire

/// KalturaWire costs that every sandbox request pays: KS verification, reply encoding of a
/// full page, and multipart parsing throughput for upload chunks.
func runWireBenchmarks() async throws {
  let now = Date()
  let ks = KalturaKS.generateV2(
    adminSecret: "bench-secret", partnerID: 100, userID: "admin", type: .admin, privileges: "disableentitlement",
    now: now)
  let verifications = 2000
  let verifySeconds = try bestTime {
    for _ in 0..<verifications {
      _ = try KalturaKS.verify(ks, secretFor: { _ in "bench-secret" }, now: now)
    }
  }
  print("wire.ks.verify: \(String(format1: verifySeconds / Double(verifications) * 1e6, decimals: 1)) µs per KS")

  let entry: JSONValue = [
    "objectType": "KalturaMediaEntry", "id": "0_abcdefgh", "name": "Entry & <name>", "partnerId": 100,
    "status": "2", "mediaType": 1, "createdAt": 1_700_000_000, "description": nil, "duration": 12,
    "dataUrl": "http://127.0.0.1/p/100/sp/10000/playManifest/entryId/0_abcdefgh/format/url/protocol/http",
  ]
  let page: JSONValue = [
    "objectType": "KalturaMediaListResponse", "objects": .array(Array(repeating: entry, count: 500)),
    "totalCount": 500,
  ]
  var xmlBytes = 0
  let xmlSeconds = bestTime { xmlBytes = KalturaReplyEncoder.encode(.success(page), format: 2).body.count }
  let jsonSeconds = bestTime { _ = KalturaReplyEncoder.encode(.success(page), format: 1) }
  print(
    "wire.reply.xml: 500 entries, \(xmlBytes / 1024) KiB: \(formatMilliseconds(xmlSeconds)); "
      + "json: \(formatMilliseconds(jsonSeconds))")

  let chunk = [UInt8](repeating: 0x5a, count: 64 << 20)
  let jsonField = #"{"uploadTokenId":"0_t","resume":"True"}"#
  let parts: [MultipartPart] = [
    .field(name: "json", value: jsonField),
    .bytes(name: "fileData", filename: "chunk.bin", contentType: "application/octet-stream", data: chunk),
  ]
  let body = try Multipart.encode(parts, boundary: "bench-boundary")
  let parseSeconds = try bestTime {
    var parser = MultipartParser(boundary: "bench-boundary")
    var received = 0
    for start in stride(from: 0, to: body.count, by: 64 << 10) {
      for event in try parser.feed(body[start..<min(start + (64 << 10), body.count)]) {
        if case .partData(let bytes) = event { received += bytes.count }
      }
    }
    try parser.finish()
    precondition(received == chunk.count + jsonField.utf8.count, "multipart parse lost bytes")
  }
  print(
    "wire.multipart.stream: 64 MiB in 64 KiB pieces: \(formatMilliseconds(parseSeconds)) "
      + "(\(String(format1: 64 / parseSeconds, decimals: 0)) MiB/s)")
}
