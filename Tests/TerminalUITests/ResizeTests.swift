import TerminalUI
import Testing

@Suite struct ResizeTests {
  @Test func aResizedScreenIsTheScreenOfThatSize() {
    let resized = ScreenScenarios.widgetsResizedTo80x24()
    #expect(resized.screen == Fixtures.widgetModel(width: 80, height: 24).screen)
  }

  @Test(arguments: [(59, 30), (100, 15), (10, 3), (0, 0)])
  func belowTheMinimumTheScreenSaysSo(width: Int, height: Int) {
    var model = Fixtures.widgetModel()
    model.send(.resize(width: width, height: height))
    let canvas = view(model)
    #expect(canvas.width == width && canvas.height == height)
    if height >= 4 && width >= 20 { #expect(model.screen.contains("Terminal too small")) }
    #expect(model.send(.key(.character("n"))) == [])
    #expect(model.currentStep == 0)
    #expect(model.send(.key(.character("q"))) == [.quit])
  }

  @Test func everySizeFromTheMinimumUpDraws() {
    var model = ReplayTests.recordedModel()
    model.send(.key(.character("?")))
    for width in stride(from: 60, through: 140, by: 7) {
      for height in stride(from: 16, through: 50, by: 5) {
        model.send(.resize(width: width, height: height))
        let lines = model.lines
        #expect(lines.count == height)
        #expect(lines.allSatisfy { displayWidth(of: $0) <= width })
      }
    }
  }

  @Test func theMinimumSizeStillShowsHeaderFormAndFooter() {
    var model = Fixtures.widgetModel(width: 60, height: 16)
    #expect(model.screen.contains("step 1/2"))
    #expect(model.screen.contains("▸ name*"))
    #expect(model.lines[14].contains("? help"))
    model.send(.key(.enter))
    #expect(view(model).cursor != nil)
  }
}
