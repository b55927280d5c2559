import TerminalUI
import Testing

/// Whole screens rendered as text, compared with the expected screen.
@Suite struct ScreenTests {
  /// The widget form at 100×30: every kind of field with its hint, the hidden count, prose with its link URL.
  @Test func widgetsAt100x30() throws {
    let model = ScreenScenarios.widgetsAt100x30()
    expectScreen(
      model,
      """
       Widgets                                                                                   step 1/2
       http://127.0.0.1:8080 · partner 100 · session walk.json saved
      ────────────────────────────────────────────────────────────────────────────────────────────────────
      ▸1  · Fill the form │ 1. Fill the form                              POST /service/media/action/list
       2  · Second step   │ Some emphasis, a code span and a link (https://example.com/docs).
                          │
                          │ • first item
                          │ • second item
                          │ ─ Form · * required · 1 hidden (H shows) ─────────────────────────────────────
                          │ ▸ name*       (empty)                               string
                          │   The name people see
                          │   count       (empty)                               integer
                          │   ratio       (empty)                               number
                          │   enabled     [ ] false                             boolean
                          │   mediaType   VIDEO [1] ▾                           enum
                          │   password    (empty)                               password
                          │   notes       (empty · Enter opens $EDITOR)         string
                          │   fileData    (no file · Enter types a path)        file
                          │   [ Send ▶ ]  Enter or r sends · R replays from here
                          │  Reply │ Request │ Code │─────────────────────────────────────────────────────
                          │ Not sent yet · Enter on Send (or r) sends this step
                          │
                          │
                          │
                          │
                          │
                          │
                          │
       ? help · q quit · ↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step

      """)
  }

  /// Shrunk through a too-small size to 80×24: the columns and the prose reflow.
  @Test func widgetsResizedTo80x24() throws {
    let model = ScreenScenarios.widgetsResizedTo80x24()
    expectScreen(
      model,
      """
       Widgets                                                               step 1/2
       http://127.0.0.1:8080 · partner 100 · session walk.json saved
      ────────────────────────────────────────────────────────────────────────────────
      ▸1  · Fill the form │ 1. Fill the form          POST /service/media/action/list
       2  · Second step   │ Some emphasis, a code span and a link
                          │ (https://example.com/docs).
                          │
                          │ • first item
                          │ • second item
                          │ ─ Form · * required · 1 hidden (H shows) ─────────────────
                          │ ▸ name*       (empty)                   string
                          │   The name people see
                          │   count       (empty)                   integer
                          │   ratio       (empty)                   number
                          │   enabled     [ ] false                 boolean
                          │   mediaType   VIDEO [1] ▾               enum
                          │   password    (empty)                   password
                          │   notes       (empty · Enter opens $ED… string
                          │   fileData    (no file · Enter types a… file
                          │   [ Send ▶ ]  Enter or r sends · R replays from here
                          │  Reply │ Request │ Code │─────────────────────────────────
                          │ Not sent yet · Enter on Send (or r) sends this step
       ? help · q quit · ↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step

      """)
  }

  /// Below 60×16 a clear message instead of a broken layout.
  @Test func widgetsTooSmall() throws {
    let model = ScreenScenarios.widgetsTooSmall()
    expectScreen(
      model,
      """








                          Terminal too small
                      59×20: needs at least 60×16
                      (80×24 or more works best)
                                q quits








      """)
  }

  /// The help overlay lists every binding in two columns, the second starting with a section.
  @Test func helpAt100x30() throws {
    let model = ScreenScenarios.helpAt100x30()
    expectScreen(
      model,
      """
       Widgets                                                                                   step 1/2
       http://127.0.0.1:8080 · partner 100 · session walk.json saved
      ───────────┌─ Keys · any key closes ────────────────────────────────────────────────────┐───────────
      ▸1  · Fill │Everywhere                            Form                                  │ction/list
       2  · Secon│ Tab S-Tab   next/prev field or area   ↑↓ j k      previous / next field    │
                 │ n p ] [     next / previous step      Enter Space edit, toggle, pick, send │
                 │ 1-9         jump to step              ← → h l     toggle / cycle choice    │
                 │ r           send the step (again)     e ^R        $EDITOR · reveal secret  │
                 │ R           replay from this step     x Del       reset to link/default    │───────────
                 │ Esc         cancel running request   Editing a field                       │
                 │ d           recorded ↔ new reply      Enter       keep                     │
                 │ H D         hidden fields, demo page  Esc         drop the change          │
                 │ PgUp PgDn z scroll · z: whole reply   Home End    line start / end         │
                 │ s P         save as… / profiles       Alt-← Alt-→ word left / right        │
                 │ ?           this help                 ^W ^U       delete word / line       │
                 │ q ^C        quit                      Tab         complete file path       │
                 │ click wheel focus or pick / scroll   Choice picker                         │
                 │Steps                                  type        filter                   │
                 │ ↑↓ j k      choose step               ↑↓          move                     │
                 │ Enter → l   go to the form            Enter       pick                     │───────────
                 │                                       Esc         close                    │
                 │                                      Reply                                 │
                 │                                       ← → < >     tab, older/newer send    │
                 │                                       Space 1-9 G fold, to level, end      │
                 │                                       / n : y Y c find, filter, copy       │
                 │                                       c L y       Code tab: lang/list/copy │
                 └────────────────────────────────────────────────────────────────────────────┘
                          │
       any key closes

      """)
  }

  /// A recorded step sent again: the differences listed, recorded and new side by side.
  @Test func replayComparisonAt100x30() throws {
    let model = ScreenScenarios.replayComparisonAt100x30()
    expectScreen(
      model,
      """
       Widgets                                                                                   step 1/2
       http://127.0.0.1:8080 · partner 100 · session walk.json saving…
      ────────────────────────────────────────────────────────────────────────────────────────────────────
      ▸1  ✓ Fill the form │ 1. Fill the form                              POST /service/media/action/list
       2  · Second step   │ Some emphasis, a code span and a link (https://example.com/docs).
                          │
                          │ • first item
                          │ • second item
                          │ ─ Form · * required · 1 hidden (H shows) ─────────────────────────────────────
                          │ ▸ name*       (empty)                               string
                          │   The name people see
                          │   count       (empty)                               integer
                          │   ratio       (empty)                               number
                          │   enabled     [ ] false                             boolean
                          │   mediaType   VIDEO [1] ▾                           enum
                          │   password    (empty)                               password
                          │   notes       (empty · Enter opens $EDITOR)         string
                          │  Reply │ Request │ Code │ Recorded ↔ New │────────────────────────────────────
                          │ 1 difference from the recorded reply
                          │   objects.0.mediaType: 1 → 2
                          │ Recorded                              │ New
                          │ HTTP 200 · 30 ms                      │ HTTP 200 · 30 ms
                          │ {                                     │ {
                          │   "objects": [                        │   "objects": [
                          │     {                                 │     {
                          │       "id": "0_entry1",               │       "id": "0_entry2",
                          │       "name": "Logo",                 │       "name": "Logo",
                          │       "mediaType": 1                  │       "mediaType": 2                 ↓
       ? help · q quit · ↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step
       Step 1 done · n: next step
      """)
  }

  /// Upload recipe: after step 1's reply, step 2's token field follows it (resolved link).
  @Test func uploadStep2At100x30() throws {
    let model = ScreenScenarios.uploadStep2At100x30()
    expectScreen(
      model,
      """
       Upload a Video                                                                            step 2/5
       http://127.0.0.1:8080 (embedded sandbox) · partner 100 · not saved · s saves
      ────────────────────────────────────────────────────────────────────────────────────────────────────
       1  ✓ …Create an Upload… │ 2. Uploading Files - Send the Data               POST uploadToken.upload
      ▸2  · …Send the Data     │ Now we'll use the newly created Upload Token to upload a video file. If
       3  · Creating a Media … │ you're working in JavaScript, you can simply use the jQuery File Upload
       4  · Attach the Video   │ widget (https://github.com/kaltura/jQuery-File-Upload)
       5  · Viewing your Video │
                               │ Kaltura supports uploading big media files in chunks. Chunks can be
                               │ uploaded in parallel and they will be appended according to their
                               │ resumeAt position.
                               │ If you do not intend to upload the file in chunks, set resume to false
                               │ and finalChunk to true.
                               │
                               │ A parallel upload session consists of two stages:
                               │
                               │ • Upload requests, each with resume=true,finalChunk=false and the
                               │   expected resumetAt position (if a chunk failed to arrive it can be
                               │   re-uploaded)
                               │ ─ ↓ more (PgDn) ─ Form · * required ─────────────────────────────────────
                               │ ▸ uploadTokenId*  0_tok123                         ← step 1 · id ✓
                               │   fileData*       (no file · Enter types a path)   file
                               │   resume          false ▾                          enum
                               │   finalChunk      true ▾                           enum
                               │   resumeAt        -1                               number
                               │   [ Send ▶ ]  Enter or r sends · R replays from here
                               │  Reply │ Request │ Code │────────────────────────────────────────────────
                               │ Not sent yet · Enter on Send (or r) sends this step
       ? help · q quit · ↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step

      """)
  }

  /// Upload recipe at 80×24: step 1 done, its reply as pretty JSON with status and time.
  @Test func uploadStep1RepliedAt80x24() throws {
    let model = ScreenScenarios.uploadStep1RepliedAt80x24()
    expectScreen(
      model,
      """
       Upload a Video                                                        step 1/5
       http://127.0.0.1:8080 (embedded sandbox) · partner 100 · not saved · s saves
      ────────────────────────────────────────────────────────────────────────────────
      ▸1  ✓ …Create an U… │ 1. Uploading Files - Create an Uplo… POST uploadToken.add
       2  · …Send the Da… │ Use the uploadToken service to upload a new video file to
       3  · Creating a M… │ the Kaltura API. First you'll need to use uploadToken.add
       4  · Attach the V… │ to create a new upload token.
       5  · Viewing your… │
                          │ If you're working in JavaScript, the jQuery File Upload
                          │ widget (https://github.com/kaltura/jQuery-File-Upload)
                          │ will take care of this step for you.
                          │ ─ Form ───────────────────────────────────────────────────
                          │ ▸ [ Send ▶ ]  Enter or r sends · R replays from here
                          │  Reply │ Request │ Code │─────────────────────────────────
                          │ HTTP 200 · 12 ms
                          │ {
                          │   "id": "0_tok123",
                          │   "objectType": "KalturaUploadToken",
                          │   "status": 0,  PENDING
                          │   "fileSize": null
                          │ }
                          │
       ? help · q quit · ↑↓ field · Enter edit/send · ←→ toggle · r send · n/p step
       Step 1 done · n: next step
      """)
  }
}
