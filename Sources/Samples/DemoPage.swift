/// A recipe's Demo block rendered into a complete HTML page (recipe-format §5): fragments without
/// `<html>` are wrapped in the page LucyBot used, with jQuery 2.2.1 and Bootstrap 3.3.6.
public enum DemoPage {
  public static func render(_ template: String, context: TemplateContext) -> Result<String, JavaScriptError> {
    TemplateRenderer.render(template, context: context).map(wrapIfFragment)
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
