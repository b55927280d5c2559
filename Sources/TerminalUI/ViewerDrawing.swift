import JSONViewer

/// Where a viewer is drawn.
struct ViewerArea: Sendable, Hashable {
  var x: Int
  var y: Int
  var width: Int
  var height: Int
}

/// Draws the viewer's lines on screen (only those: the viewer lays out nothing else).
func drawViewer(
  _ canvas: inout Canvas, _ viewer: JSONViewer, _ area: ViewerArea, colors: ColorMode, focused: Bool,
  annotate: Annotator?
) {
  for (offset, line) in viewer.screenLines(annotate: annotate).prefix(area.height).enumerated() {
    let y = area.y + offset
    var styled: StyledLine = [Span(String(repeating: "  ", count: line.indent))]
    for segment in line.segments {
      styled.append(Span(segment.text, segment.isMatch ? .difference : role(of: segment.token)))
    }
    canvas.put(styled, x: area.x, y: y, maxX: area.x + area.width, colors: colors)
    if styled.reduce(0, { $0 + displayWidth(of: $1.text) }) > area.width {
      canvas.put("…", x: area.x + area.width - 1, y: y, style: colors.style(.dim))
    }
    if line.isCursor && focused {
      canvas.restyle(x: area.x, y: y, width: area.width, style: colors.style(.selected))
    }
  }
}

private func role(of token: Token) -> Role {
  switch token {
  case .key: return .jsonKey
  case .punctuation: return .jsonPunctuation
  case .string: return .jsonString
  case .number: return .jsonNumber
  case .literal: return .jsonLiteral
  case .summary: return .accent
  case .preview, .annotation: return .dim
  case .text: return .plain
  case .path: return .jsonKey
  }
}
