/// Cuts or pads a styled line to exactly `width` columns (for side-by-side columns).
func fit(_ line: StyledLine, width: Int) -> StyledLine {
  var out: StyledLine = []
  var used = 0
  for span in line {
    let spanWidth = displayWidth(of: span.text)
    if used + spanWidth <= width {
      out.append(span)
      used += spanWidth
    } else {
      let cut = span.text.truncated(toWidth: width - used)
      out.append(Span(cut, span.role))
      used += displayWidth(of: cut)
      break
    }
  }
  if used < width { out.append(Span(String(repeating: " ", count: width - used))) }
  return out
}

/// The same line in one role (a highlighted difference keeps its text, loses its colours).
func restyled(_ line: StyledLine, _ role: Role) -> StyledLine {
  line.map { Span($0.text, role) }
}
