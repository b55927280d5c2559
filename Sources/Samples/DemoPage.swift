import Recipes
import Walkthrough

/// Why a step's demo page could not be made, told for the recipe's author: the recipe file and
/// line (the template line counted from the Demo fence), the step, and the error.
public struct DemoPageError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  /// The recipe line the error was raised at; nil when unknown (the fence's line is then given).
  public var line: Int?
  public var step: Int
  public var message: String

  public var description: String {
    "\(file):\(line.map(String.init) ?? "?"): the demo of step \(step + 1): \(message)"
  }
}

/// A recipe's Demo block rendered into a complete HTML page (recipe-format §5): fragments without
/// `<html>` are wrapped in the page LucyBot used, with jQuery 2.2.1 and Bootstrap 3.3.6.
public enum DemoPage {
  /// Renders the template; with `playerOrigin`, the page loads Kaltura's player and
  /// thumbnails from there instead of the CDN (see `playerOrigin(serviceURL:)`).
  public static func render(
    _ template: String, context: TemplateContext, playerOrigin: String? = nil
  ) -> Result<String, JavaScriptError> {
    TemplateRenderer.render(template, context: context).map { html in
      let page = wrapIfFragment(html)
      return playerOrigin.map { pointingCDN(page, to: $0) } ?? page
    }
  }

  /// The steps (0-based) that have a `### Demo`.
  public static func steps(of recipe: Recipe) -> [Int] {
    recipe.steps.indices.filter { recipe.steps[$0].demo != nil }
  }

  /// The step's demo page with the walk's values, pointing at the walked service's player
  /// (`playerOrigin(serviceURL:)`); nil when the step has no demo. Secrets stay placeholders
  /// unless `includeSecrets`.
  public static func page(
    engine: WalkthroughEngine, step: Int, includeSecrets: Bool = false
  ) -> Result<String, DemoPageError>? {
    guard engine.recipe.steps.indices.contains(step), let demo = engine.recipe.steps[step].demo else { return nil }
    let context = StepSamples.context(engine: engine, step: step, includeSecrets: includeSecrets)
    let origin = playerOrigin(serviceURL: engine.credentials.serviceURL)
    return render(demo.html, context: context, playerOrigin: origin).mapError { error in
      // The template's line 1 is the line after the opening fence.
      DemoPageError(
        file: engine.recipe.file, line: error.templateLine.map { demo.line + $0 } ?? demo.line, step: step,
        message: error.message)
    }
  }

  /// Where a page walked against `serviceURL` finds the player's embed script and thumbnails:
  /// nil for Kaltura's own service (its CDN is right), else the service's origin. The embedded
  /// sandbox serves a stand-in player there, and an on-premises server its own player.
  public static func playerOrigin(serviceURL: String) -> String? {
    guard let schemeEnd = serviceURL.range(of: "://") else { return nil }
    let afterScheme = serviceURL[schemeEnd.upperBound...]
    let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    let host = authority.split(separator: "@").last.map { String($0) } ?? ""
    let hostName = (host.split(separator: ":").first.map(String.init) ?? "").lowercased()
    guard !hostName.isEmpty else { return nil }
    if hostName == "kaltura.com" || hostName.hasSuffix(".kaltura.com") { return nil }
    return serviceURL[..<schemeEnd.upperBound] + host
  }

  /// `https://cdnapisec.kaltura.com`, `http://cdnapi.kaltura.com` and their scheme-relative
  /// `//…` forms, replaced by `origin`.
  public static func pointingCDN(_ html: String, to origin: String) -> String {
    html.replacing(/(?:https?:)?\/\/cdnapi(?:sec)?\.kaltura\.com(?=[\/"'\s)]|$)/, with: { _ in origin })
  }

  /// Where a step's demo is written by default: beside the session, `NAME.demo.html` (the
  /// `.session.json` or `.json` of the session's name dropped), `NAME.stepN.demo.html` when the
  /// recipe has demos on several steps. `step` is 0-based.
  public static func defaultPath(sessionPath: String, step: Int, demoCount: Int) -> String {
    var base = sessionPath
    for suffix in [".session.json", ".json"] where base.hasSuffix(suffix) {
      base.removeLast(suffix.count)
      break
    }
    return base + (demoCount > 1 ? ".step\(step + 1)" : "") + ".demo.html"
  }

  public static func wrapIfFragment(_ html: String) -> String {
    if html.lowercased().contains("<html") { return html }
    return """
      <!DOCTYPE html>
      <html>
      <head>
        <meta charset="utf-8">
        <link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/3.3.6/css/bootstrap.min.css">
        <script src="https://code.jquery.com/jquery-2.2.1.min.js"></script>
      </head>
      <body>
      \(html)
      </body>
      </html>
      """
  }
}
