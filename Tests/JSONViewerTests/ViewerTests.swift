import JSONValue
import JSONViewer
import Testing

/// A small `media.list` reply: the shape the viewer is for.
func listReply(count: Int = 3) -> JSONValue {
  let objects: [JSONValue] = (0..<count).map { index in
    ["id": .string("0_id\(index)"), "name": .string("Entry \(index)"), "status": 2, "tags": ["a", "b"]]
  }
  return ["objectType": "KalturaMediaListResponse", "objects": .array(objects), "totalCount": .int(count)]
}

/// The screen as text, the cursor's line marked with `>`.
func screen(_ viewer: JSONViewer) -> String {
  viewer.screenLines().map { ($0.isCursor ? ">" : " ") + $0.plainText }.joined(separator: "\n")
}

@Suite struct RowIndexTests {
  @Test func oneRowPerPrettyLine() {
    let value = listReply()
    let index = RowIndex(value)
    #expect(index.count == value.prettyText().split(separator: "\n").count)
    let viewer = JSONViewer(index, height: 100)
    let drawn = viewer.screenLines().map(\.plainText)
    #expect(drawn == value.prettyText().split(separator: "\n").map(String.init))
  }

  @Test func pathsOfRows() {
    let index = RowIndex(listReply())
    #expect(index.path(0) == "")
    #expect(index.path(1) == "objectType")
    #expect(index.path(3) == "objects.0")
    #expect(index.path(4) == "objects.0.id")
    #expect(index.key(4) == "id")
  }

  @Test func textDocumentsAreLines() {
    let index = RowIndex(text: "<xml>\n  <a/>\n</xml>")
    #expect(index.count == 3)
    #expect(JSONViewer(index).screenLines().map(\.plainText) == ["<xml>", "  <a/>", "</xml>"])
  }
}

@Suite struct FoldingTests {
  @Test func foldAndUnfoldTheNodeUnderTheCursor() {
    var viewer = JSONViewer(listReply(), height: 100)
    viewer.moveDown(3)  // objects.0
    #expect(viewer.cursorPath == "objects.0")
    viewer.toggleFold()
    let folded = screen(viewer).split(separator: "\n")
    #expect(folded[3] == #">    {4 keys} {"id": "0_id0", "name": "Entry 0", "status": 2, "tags": […]},"#)
    #expect(folded[4] == "     {")
    viewer.toggleFold()
    #expect(screen(viewer).split(separator: "\n")[4] == #"       "id": "0_id0","#)
  }

  @Test func foldOnAScalarFoldsItsContainer() {
    var viewer = JSONViewer(listReply(), height: 100)
    viewer.moveDown(4)  // objects.0.id
    viewer.toggleFold()
    #expect(viewer.cursorPath == "objects.0")
    #expect(viewer.isFolded(3))
  }

  @Test func foldToLevelOneShowsTheTopMembers() {
    var viewer = JSONViewer(listReply(count: 500), height: 100)
    viewer.fold(toLevel: 1)
    #expect(
      screen(viewer) == """
        >{
           "objectType": "KalturaMediaListResponse",
           "objects": [500 items] [{…}, {…}, {…}, {…}, …],
           "totalCount": 500
         }
        """)
    viewer.unfoldAll()
    #expect(viewer.visibleRows().count == 100)
  }

  @Test func foldAllLeavesOneLine() {
    var viewer = JSONViewer(listReply(), height: 10)
    viewer.moveDown(5)
    viewer.foldAll()
    #expect(viewer.visibleRows() == [0])
    #expect(viewer.cursor == 0)
    #expect(screen(viewer).hasPrefix(">{3 keys}"))
  }

  @Test func movingSkipsFoldedNodes() {
    var viewer = JSONViewer(listReply(), height: 100)
    viewer.moveDown(3)
    viewer.toggleFold()
    viewer.moveDown()
    #expect(viewer.cursorPath == "objects.1")
    viewer.moveUp()
    #expect(viewer.cursorPath == "objects.0")
  }
}

@Suite struct NavigationTests {
  @Test func bottomAndTop() {
    var viewer = JSONViewer(listReply(count: 200), height: 10)
    viewer.goToBottom()
    #expect(viewer.cursor == viewer.index.count - 1)
    #expect(viewer.visibleRows().count == 10)
    #expect(viewer.visibleRows().last == viewer.index.count - 1)
    viewer.goToTop()
    #expect(viewer.cursor == 0 && viewer.top == 0)
  }

  @Test func scrollIsClampedAtBothEnds() {
    var viewer = JSONViewer(listReply(count: 2), height: 10)
    viewer.moveUp(5)
    #expect(viewer.cursor == 0 && viewer.top == 0)
    for _ in 0..<50 { viewer.pageDown() }
    #expect(viewer.cursor == viewer.index.count - 1)
    // The last screen is full: no empty rows below the end while rows are above.
    #expect(viewer.visibleRows().count == 10)
    viewer.moveDown(1000)
    #expect(viewer.cursor == viewer.index.count - 1)
    for _ in 0..<50 { viewer.pageUp() }
    #expect(viewer.top == 0 && viewer.cursor == 0)
  }

  @Test func cursorStaysOnScreen() {
    var viewer = JSONViewer(listReply(count: 50), height: 5)
    viewer.moveDown(12)
    let rows = viewer.visibleRows()
    #expect(rows.contains(viewer.cursor))
    #expect(rows.last == viewer.cursor)
  }

  @Test func parentAndSiblings() {
    var viewer = JSONViewer(listReply(), height: 100)
    viewer.moveDown(5)  // objects.0.name
    #expect(viewer.cursorPath == "objects.0.name")
    viewer.goToNextSibling()
    #expect(viewer.cursorPath == "objects.0.status")
    viewer.goToPreviousSibling()
    viewer.goToPreviousSibling()
    #expect(viewer.cursorPath == "objects.0.id")
    viewer.goToPreviousSibling()
    #expect(viewer.cursorPath == "objects.0.id")
    viewer.goToParent()
    #expect(viewer.cursorPath == "objects.0")
    viewer.goToNextSibling()
    #expect(viewer.cursorPath == "objects.1")
  }
}

@Suite struct SearchTests {
  @Test func searchFindsAndCountsMatches() throws {
    var viewer = JSONViewer(listReply(count: 20), height: 10)
    try viewer.search("0_id1")
    // 0_id1 and 0_id10…0_id19.
    #expect(viewer.search?.matches.count == 11)
    #expect(viewer.search?.countText == "1 of 11")
    #expect(viewer.cursorPath == "objects.1.id")
    viewer.nextMatch()
    #expect(viewer.cursorPath == "objects.10.id")
    #expect(viewer.search?.countText == "2 of 11")
    viewer.previousMatch()
    viewer.previousMatch()
    #expect(viewer.search?.countText == "11 of 11")
  }

  @Test func matchesInsideFoldedNodesUnfoldOnArrival() throws {
    var viewer = JSONViewer(listReply(count: 20), height: 10)
    viewer.foldAll()
    try viewer.search("0_id17")
    #expect(viewer.cursorPath == "objects.17.id")
    #expect(viewer.visibleRows().contains(viewer.cursor))
    #expect(!viewer.isFolded(0))
    let line = viewer.screenLines().first { $0.isCursor }
    #expect(line?.segments.contains { $0.isMatch && $0.text == "\"0_id17\"" } == true)
  }

  @Test func regexAndKeysMatch() throws {
    var viewer = JSONViewer(listReply(count: 3), height: 10)
    try viewer.search("^Entry [12]$")
    #expect(viewer.search?.matches.count == 2)
    try viewer.search("totalcount")
    #expect(viewer.cursorPath == "totalCount")
    #expect(throws: SearchError.self) { try viewer.search("(") }
  }

  @Test func aCancelledSearchReturnsNothing() throws {
    let index = RowIndex(listReply(count: 10))
    #expect(try index.rows(matching: "Entry", shouldStop: { true }) == nil)
  }
}

@Suite struct FilterTests {
  @Test func starMatchesEveryIndex() throws {
    var viewer = JSONViewer(listReply(count: 3), height: 10)
    viewer.setFilter(try PathExpression("objects.*.id"))
    #expect(
      screen(viewer) == """
        >objects.0.id: "0_id0"
         objects.1.id: "0_id1"
         objects.2.id: "0_id2"
        """)
    viewer.moveFilterCursor(by: 1)
    #expect(viewer.cursorPath == "objects.1.id")
    viewer.clearFilter(jump: true)
    #expect(viewer.filter == nil)
    #expect(viewer.cursorPath == "objects.1.id")
  }

  @Test func indexesAndDoubleStar() throws {
    let index = RowIndex(listReply(count: 3))
    #expect(index.rows(matching: try PathExpression("objects.1")).map { index.path(Int($0)) } == ["objects.1"])
    #expect(index.rows(matching: try PathExpression("**.status")).count == 3)
    #expect(index.rows(matching: try PathExpression("**")).count == 4 + 3 * 7)
    #expect(throws: SearchError.self) { try PathExpression("objects..id") }
    // Mistyped expressions say so instead of answering "0 matches".
    #expect(throws: SearchError.self) { try PathExpression("objects.[") }
    #expect(throws: SearchError.self) { try PathExpression("objects[3].id") }
    #expect(throws: SearchError.self) { try PathExpression("objects.*.i*") }
  }
}

@Suite struct CopyTests {
  @Test func valuesPathsAndSubtrees() {
    var viewer = JSONViewer(listReply(), height: 100)
    viewer.moveDown(4)
    #expect(viewer.cursorValueText == "0_id0")
    #expect(viewer.cursorPath == "objects.0.id")
    viewer.goToParent()
    #expect(viewer.cursorSubtreeJSON == #"{"id":"0_id0","name":"Entry 0","status":2,"tags":["a","b"]}"#)
  }

  @Test func osc52Sequence() {
    #expect(Clipboard.osc52("objects.137.id") == "\u{1B}]52;c;b2JqZWN0cy4xMzcuaWQ=\u{07}")
    #expect(Clipboard.osc52("ab") == "\u{1B}]52;c;YWI=\u{07}")
    #expect(Clipboard.osc52("") == "\u{1B}]52;c;\u{07}")
  }
}
