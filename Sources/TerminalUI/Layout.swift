/// Where each area sits on screen; `view` draws into it and mouse clicks are mapped with it,
/// so both always agree.
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

  init(model: Model) {
    width = model.width
    height = model.height
    bodyHeight = max(0, height - 5)
    stepsWidth = Layout.stepsWidth(forScreenWidth: width)
    mainX = stepsWidth + 2
    mainWidth = Layout.mainWidth(forScreenWidth: width)
    keysY = height - 2
    messageY = height - 1
    titleY = bodyY
    proseY = titleY + 1
    let proseLines = proseLineCount(model, width: mainWidth - 1)
    proseHeight = min(max(0, proseLines - model.proseScroll), max(2, bodyHeight / 4))
    if proseLines > 0 { proseHeight = max(1, proseHeight) }
    formRuleY = proseY + proseHeight
    formY = formRuleY + 1
    // The reply gets room once there is something to show; before that the form may take it.
    let hasReply = model.running?.step == model.currentStep || model.engine.session[model.currentStep].hasRun
    let replyMinimum = hasReply || model.focus == .reply ? max(5, bodyHeight * 2 / 5) : 3
    let formLines = formLineCount(model, width: mainWidth)
    formHeight = max(1, min(formLines, bodyHeight - (formY - bodyY) - replyMinimum))
    tabsY = formY + formHeight
    replyY = tabsY + 1
    replyHeight = max(0, bodyY + bodyHeight - replyY)
  }

  static func stepsWidth(forScreenWidth width: Int) -> Int { min(30, max(18, width / 4)) }

  /// The right column's width, which the prose's layout depends on (and nothing else).
  static func mainWidth(forScreenWidth width: Int) -> Int { max(0, width - stepsWidth(forScreenWidth: width) - 2) }
}
