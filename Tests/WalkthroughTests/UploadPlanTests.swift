import JSONValue
import KalturaWire
import Testing
import Walkthrough

/// Issue 10 item 5: whether the uploader takes over a step, and whether it resumes, is one
/// decision; stale `resume`/`finalChunk` values never block it.
@Suite struct UploadPlanTests {
  let policy = UploadPolicy(chunkSize: 1000, parallelism: 3, uploader: .resumable)
  let whole = UploadIntent(uploadTokenID: "0_tok", filePath: "/f.mp4", fileName: "f.mp4")
  let staleChunk = UploadIntent(uploadTokenID: "0_tok", filePath: "/f.mp4", fileName: "f.mp4", asksWholeFile: false)
  let checkpoint: JSONValue = ["uploadTokenId": "0_tok", "acknowledged": [[0, 500]]]

  func plan(
    _ upload: UploadIntent?, size: Int64, checkpoint: JSONValue? = nil, resume: Bool = false,
    policy: UploadPolicy? = nil
  ) -> UploadPlan {
    UploadPlan.decide(
      upload: upload, fileSize: size, checkpoint: checkpoint, resumeRequested: resume, policy: policy ?? self.policy)
  }

  @Test func aLargeFileIsChunkedEvenWhenTheFormSaysResume() {
    for upload in [whole, staleChunk] {
      let decided = plan(upload, size: 30_000)
      #expect(decided.managed?.fileSize == 30_000)
      #expect(decided.managed?.chunkSize == 1000)
      #expect(decided.managed?.parallelism == 3)
      #expect(decided.start == .fresh, "a stale resume=true is not a resume")
    }
  }

  @Test func aSmallFileIsOneRequestWithTheFormsValues() {
    #expect(plan(whole, size: 1000).managed == nil)
    #expect(plan(staleChunk, size: 10).managed == nil)
    #expect(plan(staleChunk, size: 10, resume: true).managed == nil, "a hand-made chunk goes as typed")
  }

  @Test func aCheckpointOfTheSameTokenResumes() {
    let decided = plan(whole, size: 30_000, checkpoint: checkpoint)
    #expect(decided.start == .resume(checkpoint: checkpoint))
    #expect(decided.managed?.resumesSavedUpload == true)
    let other = plan(
      UploadIntent(uploadTokenID: "0_new", filePath: "/f.mp4", fileName: "f.mp4"), size: 30_000,
      checkpoint: checkpoint)
    #expect(other.start == .fresh, "another token's checkpoint is not resumed")
    #expect(other.managed?.resumesSavedUpload == false)
  }

  @Test func aRequestedResumeAsksTheServer() {
    #expect(plan(whole, size: 30_000, resume: true).start == .resume(checkpoint: nil))
    let small = plan(whole, size: 10, resume: true)
    #expect(small.managed?.parallelism == 1, "a small file resumed goes through the uploader to ask first")
    #expect(small.start == .resume(checkpoint: nil))
  }

  @Test func withoutAnUploaderEverythingIsOneRequest() {
    let none = UploadPolicy(chunkSize: 1000, uploader: .none)
    #expect(plan(whole, size: 30_000, checkpoint: checkpoint, policy: none) == UploadPlan(managed: nil, start: .fresh))
    #expect(plan(nil, size: 30_000).managed == nil, "no upload intent: not an upload")
    let plain = UploadPolicy(chunkSize: 1000, uploader: .chunked)
    let chunked = plan(whole, size: 30_000, checkpoint: checkpoint, resume: true, policy: plain)
    #expect(chunked.isChunked)
    #expect(chunked.start == .fresh, "an uploader that cannot resume starts afresh")
  }
}
