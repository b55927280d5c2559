/// Where each area sits on screen; `view` draws into it and mouse clicks are mapped with it,
/// so both always agree. One design for every size: the step list is as wide as its titles
/// need (up to a third of a wide screen, less on a small one, where the form's values matter
/// more); prose, form and reply share the height by what each holds.
struct Layout: Sendable, Hashable {
  var width: Int
  var height: Int
  /// Left column: the step list.
  var stepsX = 0
  var stepsWidth: Int
  var bodyY = 3
  var bodyHeight: Int
  /// Right column.
  var mainX: Int
  var mainWidth: Int
  var titleY: Int
  var proseY: Int
  var proseHeight: Int
  var formRuleY: Int
  var formY: Int
  var formHeight: Int
  var tabsY: Int
  var replyY: Int
  var replyHeight: Int
  var keysY: Int
  var messageY: Int
  var formColumns: FormColumns

  /// The step list's columns before the title: marker, number, state and spaces.
  static let stepPrefixWidth = 6

  init(model: Model) {
    width = model.width
    height = model.height
    bodyHeight = max(0, height - 5)
    stepsWidth = Self.stepsWidth(model)
    mainX = stepsWidth + 2
    mainWidth = Self.mainWidth(model)
    keysY = height - 2
    messageY = height - 1
    titleY = bodyY
    proseY = titleY + 1
    formColumns = FormColumns(width: mainWidth, labels: model.currentRows.map { $0.label.count + $0.depth * 2 + 1 })

    // Below the title: prose, the form rule, the form, the tabs line, the reply.
    let room = max(0, bodyHeight - 3)
    let proseWant = max(0, proseLineCount(model, width: mainWidth - 1) - model.proseScroll)
    let formWant = formLineCount(model, width: mainWidth)
    if model.replyMaximized {
      proseHeight = 0
      formHeight = 0
    } else {
      let hasReply = model.running?.step == model.currentStep || model.engine.session[model.currentStep].hasRun
      // The reply's room grows once there is one; before, its one line says how to send.
      let replyMinimum =
        hasReply || model.focus == .reply ? max(5, bodyHeight * 2 / 5) : 1
      let shared = max(0, room - replyMinimum)
      // Prose keeps a quarter of the body when it has that much, and takes whatever the form
      // leaves; the form takes the rest (it scrolls to the focused field).
      let proseFloor = min(proseWant, max(2, bodyHeight / 4))
      proseHeight = min(proseWant, max(proseFloor, shared - formWant))
      if proseWant > 0 { proseHeight = max(1, proseHeight) }
      formHeight = max(1, min(formWant, shared - proseHeight))
    }
    formRuleY = proseY + proseHeight
    formY = formRuleY + 1
    tabsY = formY + formHeight
    replyY = tabsY + 1
    replyHeight = max(0, bodyY + bodyHeight - replyY)
  }

  /// Wide enough for the longest title, within bounds: at least 18 columns; at most a third of
  /// the screen from 120 columns on, a quarter below (where the form needs the room).
  static func stepsWidth(_ model: Model) -> Int {
    let widest = (0..<model.stepCount).map { displayWidth(of: model.engine.form($0)?.title ?? "") }.max() ?? 0
    let limit = model.width >= 120 ? model.width / 3 : max(18, model.width / 4)
    return max(18, min(limit, stepPrefixWidth + widest + 1))
  }

  /// The right column's width, which the prose's layout depends on.
  static func mainWidth(_ model: Model) -> Int { max(0, model.width - stepsWidth(model) - 2) }
}

/// Step titles as the list shows them in `width` columns. A title that does not fit gives up
/// the start it shares with another step's title ("Uploading Files - "), keeping the end that
/// tells them apart: "…Create an Upload Token".
func shortenedStepTitle(_ title: String, among titles: [String], width: Int) -> String {
  guard displayWidth(of: title) > width else { return title }
  var shared = 0
  for other in titles where other != title {
    let common = zip(title, other).prefix { $0 == $1 }.count
    shared = max(shared, common)
  }
  // Back to the start of a word, so "…Create" rather than "…reate".
  let characters = Array(title)
  while shared > 0, shared < characters.count, characters[shared - 1] != " " { shared -= 1 }
  guard shared > 0 else { return title.truncated(toWidth: width) }
  return ("…" + String(characters[shared...])).truncated(toWidth: width)
}
