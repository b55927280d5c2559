/// How many colours the terminal shows; the runtime decides (`NO_COLOR` set → `.none`,
/// fewer than 16 colours → `.eight`) and passes it in.
public enum ColorMode: Sendable, Hashable {
  case full, eight, none
}
