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

/// Lines longer than `width` columns broken into several, each continuation starting with a
/// dim `↪ `, so a long URL, KS-free query or string value is read whole instead of cut off.
func wrapped(_ lines: [StyledLine], width: Int) -> [StyledLine] {
  let marker = "↪ "
  let markerWidth = displayWidth(of: marker)
  guard width > markerWidth + 4 else { return lines }
  var out: [StyledLine] = []
  for line in lines {
    guard line.reduce(0, { $0 + displayWidth(of: $1.text) }) > width else {
      out.append(line)
      continue
    }
    var current: StyledLine = []
    var used = 0
    var limit = width
    for span in line {
      var text = Substring(span.text)
      while !text.isEmpty {
        var taken = ""
        var takenWidth = 0
        var rest = text
        while let character = rest.first, used + takenWidth + displayWidth(of: character) <= limit {
          taken.append(character)
          takenWidth += displayWidth(of: character)
          rest = rest.dropFirst()
        }
        if !taken.isEmpty { current.append(Span(taken, span.role)) }
        used += takenWidth
        text = rest
        if !text.isEmpty {
          out.append(current)
          current = [Span(marker, .dim)]
          used = 0
          limit = width - markerWidth
        }
      }
    }
    out.append(current)
  }
  return out
}
